package org.lodestar.accounts;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A contact's part in the relationship; sponsor and champion leaving are risks. */
public enum StakeholderRole {
    ECONOMIC_SPONSOR, CHAMPION, USER, ADMIN;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static StakeholderRole of(String text) {
        return Labels.parse(StakeholderRole.class, text);
    }
}
