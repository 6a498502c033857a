package org.lodestar.support;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The customer's rating of how a ticket was handled (Zendesk's good or bad). */
public enum Satisfaction {
    GOOD, BAD;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static Satisfaction of(String text) {
        return Labels.parse(Satisfaction.class, text);
    }
}
