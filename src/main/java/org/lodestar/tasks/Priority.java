package org.lodestar.tasks;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public enum Priority {
    HIGH, NORMAL, LOW;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static Priority parse(String text) {
        return Labels.parse(Priority.class, text);
    }
}
