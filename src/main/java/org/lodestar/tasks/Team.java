package org.lodestar.tasks;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Who a task is for: the account's CSM, their manager (the CS leader), or the sales or support team
 * (a queue, with no one person named).
 */
public enum Team {
    CSM, MANAGER, SALES, SUPPORT;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static Team parse(String text) {
        return Labels.parse(Team.class, text);
    }
}
