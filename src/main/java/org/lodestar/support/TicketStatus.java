package org.lodestar.support;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a ticket is: open and pending are unresolved, solved and closed are resolved. */
public enum TicketStatus {
    OPEN, PENDING, SOLVED, CLOSED;

    /** Open and pending tickets still need the support team. */
    public boolean unresolved() {
        return this == OPEN || this == PENDING;
    }

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static TicketStatus of(String text) {
        return Labels.parse(TicketStatus.class, text);
    }
}
