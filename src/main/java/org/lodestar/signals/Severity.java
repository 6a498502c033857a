package org.lodestar.signals;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How much a signal matters; the worklist weighs it. */
public enum Severity {
    HIGH, MEDIUM, LOW;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static Severity parse(String text) {
        return Labels.parse(Severity.class, text);
    }
}
