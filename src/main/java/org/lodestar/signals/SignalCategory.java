package org.lodestar.signals;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The kind of work a signal, play or task is: how a CSM's time splits (PRODUCT §6). */
public enum SignalCategory {
    RESCUE, RENEWAL, EXPANSION, ONBOARDING, QBR, OTHER;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static SignalCategory parse(String text) {
        return Labels.parse(SignalCategory.class, text);
    }
}
