package org.lodestar.support;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How urgent the support desk says a ticket is. */
public enum TicketPriority {
    LOW, NORMAL, HIGH, URGENT;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static TicketPriority of(String text) {
        return Labels.parse(TicketPriority.class, text);
    }
}
