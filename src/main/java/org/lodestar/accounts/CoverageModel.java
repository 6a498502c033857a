package org.lodestar.accounts;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How much CSM time an account gets. */
public enum CoverageModel {
    HIGH_TOUCH, TECH_TOUCH, DIGITAL;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static CoverageModel of(String text) {
        return Labels.parse(CoverageModel.class, text);
    }
}
