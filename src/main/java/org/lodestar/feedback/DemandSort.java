package org.lodestar.feedback;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What the ranking of requests puts first: the ARR asking (the default), the number of accounts, or the ARR at risk. */
public enum DemandSort {
    ARR, COUNT, AT_RISK;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static DemandSort of(String text) {
        return text == null || text.isBlank() ? ARR : Labels.parse(DemandSort.class, text);
    }
}
