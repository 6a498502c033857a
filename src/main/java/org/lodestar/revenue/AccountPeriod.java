package org.lodestar.revenue;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One account's ledger over a period: its ARR before the period opened, the movements inside it by
 * kind (contraction and churn negative, as in the ledger) and its ARR at the close. Opening plus the
 * movements is the closing ARR.
 */
public record AccountPeriod(long accountId, String accountName, String coverage, String owner, LocalDate firstArrDay,
        BigDecimal opening, BigDecimal newArr, BigDecimal expansion, BigDecimal contraction, BigDecimal churn,
        BigDecimal reactivation, BigDecimal closing) {

    /** An account that had ARR when the period opened: the base of NRR and GRR. */
    public boolean starting() {
        return opening.signum() > 0;
    }

    /** A starting account with no ARR left at the close. */
    public boolean lostLogo() {
        return starting() && closing.signum() == 0;
    }

    /** What became of a starting account over the period, judged by its net change. */
    public enum Outcome { RETAINED, EXPANDED, CONTRACTED, CHURNED }

    public Outcome outcome() {
        if (closing.signum() == 0) {
            return Outcome.CHURNED;
        }
        int change = closing.compareTo(opening);
        return change > 0 ? Outcome.EXPANDED : change < 0 ? Outcome.CONTRACTED : Outcome.RETAINED;
    }

    /** Whether the period concerns the account at all: ARR at either end, or any movement (even ones netting to zero). */
    public boolean touched() {
        return opening.signum() != 0 || closing.signum() != 0 || newArr.signum() != 0 || expansion.signum() != 0
                || contraction.signum() != 0 || churn.signum() != 0 || reactivation.signum() != 0;
    }
}
