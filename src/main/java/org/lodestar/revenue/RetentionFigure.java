package org.lodestar.revenue;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A figure of a retention report that can be drilled into: the accounts behind it with their share,
 * and every movement of those accounts in the period.
 */
public enum RetentionFigure {
    STARTING_ARR, EXPANSION, CONTRACTION, CHURN, ENDING_ARR, LOGOS_LOST, NEW_ARR, CLOSING_ARR;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static RetentionFigure of(String text) {
        return Labels.parse(RetentionFigure.class, text);
    }
}
