package org.lodestar.health;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a score falls against the scorecard's thresholds; NONE when no measure had data. */
public enum Band {
    RED, YELLOW, GREEN, NONE;

    @JsonValue
    public String label() {
        return this == NONE ? "none" : Labels.of(this);
    }

    public static Band parse(String text) {
        return Labels.parse(Band.class, text);
    }
}
