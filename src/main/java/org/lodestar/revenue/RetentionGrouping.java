package org.lodestar.revenue;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a retention report splits the book. Segment is the ACV band of the account's ARR at the start
 * of the period (at its end for accounts that joined during it), so an account that shrinks stays in
 * the segment it was retained from; coverage and owner are the account's today; cohort is the quarter
 * its first contract began.
 */
public enum RetentionGrouping {
    SEGMENT, COVERAGE, OWNER, COHORT;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static RetentionGrouping of(String text) {
        return Labels.parse(RetentionGrouping.class, text);
    }
}
