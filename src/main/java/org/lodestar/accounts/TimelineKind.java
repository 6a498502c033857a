package org.lodestar.accounts;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a timeline entry records. SLACK_ALERT: an internal alert about the account posted to the team's Slack; MILESTONE: a success-plan milestone done. */
public enum TimelineKind {
    NOTE, CALL, MEETING, EMAIL, PLAY, HEALTH, CHANGE, SLACK_ALERT, MILESTONE;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static TimelineKind of(String text) {
        return Labels.parse(TimelineKind.class, text);
    }
}
