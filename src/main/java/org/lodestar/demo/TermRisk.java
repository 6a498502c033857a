package org.lodestar.demo;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;

/**
 * The hidden state of one contract term, drawn before anything about the term is written: whether the
 * customer is in trouble in the run-up to the renewal, which warning signs show and from when, the
 * propensity they add up to, and whether the term ends in a churn nobody could foresee. The renewal's
 * outcome follows the propensity; the tickets, answers, invoices, contacts, usage and timeline show the
 * signs. Nothing here reads a score: the causal model is written down in docs/demo.md.
 */
record TermRisk(boolean troubled, boolean unforeseeable, LocalDate warningFrom, Set<WarningSign> signs,
        double propensity) {

    /** Trouble starts showing this many days before the renewal, at the earliest and latest. */
    static final int SHORTEST_LEAD_DAYS = 30;
    static final int LONGEST_LEAD_DAYS = 240;
    /** The spread of what drives a renewal besides the signs: the propensity's noise. */
    static final double NOISE = 0.6;
    /** How strongly the propensity raises the odds of churn, of contraction, and lowers those of expansion. */
    static final double CHURN_SLOPE = 1.3;
    static final double CONTRACTION_INTERCEPT = -4.0;
    static final double CONTRACTION_SLOPE = 1.2;
    static final double EXPANSION_SLOPE = 0.8;

    TermRisk {
        signs = signs.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(signs));
    }

    /**
     * Draws a term's state. A key contact who left in an earlier term and was never replaced is still
     * gone, so that sign carries over; the onboarding can stall only in the first term.
     */
    static TermRisk draw(Dice dice, Segment segment, LocalDate start, LocalDate end, boolean firstTerm,
            boolean keyContactGone) {
        boolean unforeseeable = dice.chance(segment.unforeseeableChurn());
        boolean troubled = !unforeseeable && dice.chance(segment.troubleChance());
        LocalDate warningFrom = end.minusDays(dice.between(SHORTEST_LEAD_DAYS, LONGEST_LEAD_DAYS));
        LocalDate settled = start.plusDays(SHORTEST_LEAD_DAYS);
        if (warningFrom.isBefore(settled)) {
            warningFrom = settled;
        }
        Set<WarningSign> signs = EnumSet.noneOf(WarningSign.class);
        for (WarningSign sign : WarningSign.values()) {
            boolean possible = sign != WarningSign.STALLED_ONBOARDING || firstTerm;
            if (dice.chance(sign.chance(troubled)) && possible) {
                signs.add(sign);
            }
        }
        if (keyContactGone) {
            signs.add(WarningSign.KEY_CONTACT_GONE);
        }
        double propensity = dice.normal() * NOISE;
        for (WarningSign sign : signs) {
            propensity += sign.weight();
        }
        return new TermRisk(troubled, unforeseeable, warningFrom, signs, propensity);
    }

    /**
     * The renewal: an unforeseeable churn (acquired, budget cut), else churn with probability
     * σ(segment's intercept + 1.3 z), else contraction with σ(−4.0 + 1.2 z), else expansion with
     * σ(segment's intercept − 0.8 z), else flat; z is the propensity.
     */
    RenewalOutcome outcome(Dice dice, Segment segment) {
        if (unforeseeable) {
            return RenewalOutcome.CHURN;
        }
        if (dice.chance(logistic(segment.churnIntercept() + CHURN_SLOPE * propensity))) {
            return RenewalOutcome.CHURN;
        }
        if (dice.chance(logistic(CONTRACTION_INTERCEPT + CONTRACTION_SLOPE * propensity))) {
            return RenewalOutcome.CONTRACTION;
        }
        if (dice.chance(logistic(segment.expansionIntercept() - EXPANSION_SLOPE * propensity))) {
            return RenewalOutcome.EXPANSION;
        }
        return RenewalOutcome.FLAT;
    }

    boolean shows(WarningSign sign) {
        return signs.contains(sign);
    }

    /** Whether {@code sign} shows on {@code day} of the term ending on {@code end}. */
    boolean shows(WarningSign sign, LocalDate day, LocalDate end) {
        return shows(sign) && progress(day, end) > 0;
    }

    /** How far the trouble has gone on {@code day}: 0 up to the first warning, rising to 1 at the renewal on {@code end}. */
    double progress(LocalDate day, LocalDate end) {
        if (day.isBefore(warningFrom)) {
            return 0;
        }
        long span = Math.max(1, ChronoUnit.DAYS.between(warningFrom, end));
        return Math.min(1.0, (ChronoUnit.DAYS.between(warningFrom, day) + 1) / (double) span);
    }

    static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
