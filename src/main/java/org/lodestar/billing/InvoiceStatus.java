package org.lodestar.billing;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Stripe's invoice states: draft (not sent), open (awaiting payment), paid, void, uncollectible (written off). */
public enum InvoiceStatus {
    DRAFT, OPEN, PAID, VOID, UNCOLLECTIBLE;

    /** Sent and not paid: the customer still owes it. */
    public boolean owed() {
        return this == OPEN || this == UNCOLLECTIBLE;
    }

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static InvoiceStatus of(String text) {
        return Labels.parse(InvoiceStatus.class, text);
    }
}
