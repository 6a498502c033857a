package org.lodestar.accounts;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The kind of a logged meeting. */
public enum MeetingType {
    KICKOFF, CHECK_IN, QBR, EBR;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static MeetingType of(String text) {
        return Labels.parse(MeetingType.class, text);
    }
}
