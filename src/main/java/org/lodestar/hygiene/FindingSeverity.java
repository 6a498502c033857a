package org.lodestar.hygiene;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonValue;

/** How much a finding costs its account's hygiene score: high 25 points, medium 10, low 5. */
public enum FindingSeverity {
    HIGH(25), MEDIUM(10), LOW(5);

    private final int weight;

    FindingSeverity(int weight) {
        this.weight = weight;
    }

    public int weight() {
        return weight;
    }

    @JsonValue
    public String label() {
        return Labels.of(this);
    }
}
