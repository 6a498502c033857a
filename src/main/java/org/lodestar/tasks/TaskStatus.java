package org.lodestar.tasks;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public enum TaskStatus {
    OPEN, DONE, CANCELLED;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static TaskStatus parse(String text) {
        return Labels.parse(TaskStatus.class, text);
    }
}
