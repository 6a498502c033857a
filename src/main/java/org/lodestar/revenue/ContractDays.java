package org.lodestar.revenue;

import java.time.LocalDate;

/**
 * The days a contract or line item may start, end or change on. Lodestar keeps B2B SaaS contracts: a day before
 * 1990 or after 2100 is a typo (0001-01-01, 9999-12-31 as "never") that would put a renewal in year 9999 and a
 * cohort in year 1, so the API, the forms and the imports refuse it.
 */
public final class ContractDays {

    public static final LocalDate FIRST = LocalDate.of(1990, 1, 1);
    public static final LocalDate LAST = LocalDate.of(2100, 12, 31);

    private ContractDays() {
    }

    /** What is wrong with a contract's day, or null when nothing is (a missing day is for other rules). */
    public static String problem(LocalDate day) {
        if (day == null || (!day.isBefore(FIRST) && !day.isAfter(LAST))) {
            return null;
        }
        return "must be between " + FIRST + " and " + LAST + ", got " + day;
    }
}
