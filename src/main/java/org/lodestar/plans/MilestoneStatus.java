package org.lodestar.plans;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a milestone stands. Only a milestone not done can be overdue. */
public enum MilestoneStatus {
    NOT_STARTED, IN_PROGRESS, DONE, BLOCKED;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static MilestoneStatus of(String text) {
        return Labels.parse(MilestoneStatus.class, text);
    }
}
