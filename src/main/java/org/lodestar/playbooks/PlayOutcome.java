package org.lodestar.playbooks;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a play ended; {@code resolved-by-itself}: its cause cleared before anyone closed it. */
public enum PlayOutcome {
    SAVED, CHURNED, EXPANDED, RENEWED, NO_ACTION_NEEDED, RESOLVED_BY_ITSELF;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static PlayOutcome parse(String text) {
        return Labels.parse(PlayOutcome.class, text);
    }
}
