package org.lodestar.plans;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whose milestone it is: ours (a user) or the customer's (one of their contacts, or not yet named). */
public enum OwnerSide {
    US, CUSTOMER;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static OwnerSide of(String text) {
        return Labels.parse(OwnerSide.class, text);
    }
}
