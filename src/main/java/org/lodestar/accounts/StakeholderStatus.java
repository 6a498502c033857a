package org.lodestar.accounts;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a contact is still with the customer. */
public enum StakeholderStatus {
    ACTIVE, LEFT;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static StakeholderStatus of(String text) {
        return Labels.parse(StakeholderStatus.class, text);
    }
}
