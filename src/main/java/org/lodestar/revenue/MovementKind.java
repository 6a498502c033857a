package org.lodestar.revenue;

import java.math.BigDecimal;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why an account's ARR changed on a day. New and reactivation raise it from zero (reactivation when
 * the account had ARR before: a win-back); churn takes it to zero; expansion and contraction move it
 * between two positive amounts.
 */
public enum MovementKind {
    NEW, EXPANSION, CONTRACTION, CHURN, REACTIVATION;

    /** The kind of a change of an account's ARR from {@code before} to {@code after}, both ≥ 0 and different. */
    static MovementKind of(BigDecimal before, BigDecimal after, boolean hadArrBefore) {
        if (before.signum() == 0) {
            return hadArrBefore ? REACTIVATION : NEW;
        }
        if (after.signum() == 0) {
            return CHURN;
        }
        return after.compareTo(before) > 0 ? EXPANSION : CONTRACTION;
    }

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static MovementKind of(String text) {
        return Labels.parse(MovementKind.class, text);
    }
}
