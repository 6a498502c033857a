package org.lodestar.cli;

import java.util.ArrayList;
import java.util.List;

import org.lodestar.cli.BenchmarkLedger.Movement;
import org.lodestar.revenue.MovementKind;

/**
 * What one account's ledger must satisfy, movement by movement in effective order: it opens with a
 * new contract; expansion and contraction move ARR between positive amounts; churn takes all of it;
 * reactivation brings back an account at zero; ARR never goes below zero.
 */
final class LedgerRules {

    private LedgerRules() {
    }

    /** What is wrong with the ledger, one line per broken rule; empty when it is valid. */
    static List<String> problems(String account, List<Movement> movements) {
        List<String> problems = new ArrayList<>();
        if (movements.isEmpty()) {
            problems.add(account + ": no movements");
            return problems;
        }
        long arr = 0;
        for (int i = 0; i < movements.size(); i++) {
            Movement movement = movements.get(i);
            String where = account + " movement " + (i + 1) + " " + movement + ": ";
            if (movement.effectiveDate().isBefore(BenchmarkLedger.FIRST_DAY)
                    || movement.effectiveDate().isAfter(BenchmarkLedger.LAST_DAY)) {
                problems.add(where + "outside " + BenchmarkLedger.FIRST_DAY + " to " + BenchmarkLedger.LAST_DAY);
            }
            if (i > 0 && movement.effectiveDate().isBefore(movements.get(i - 1).effectiveDate())) {
                problems.add(where + "before the movement ahead of it");
            }
            if ((i == 0) != (movement.kind() == MovementKind.NEW)) {
                problems.add(where + (i == 0 ? "a ledger opens with new" : "new only opens a ledger"));
            }
            long cents = movement.cents();
            boolean fits = switch (movement.kind()) {
                case NEW, REACTIVATION -> arr == 0 && cents > 0;
                case EXPANSION -> arr > 0 && cents > 0;
                case CONTRACTION -> cents < 0 && arr + cents > 0;
                case CHURN -> arr > 0 && cents == -arr;
            };
            if (!fits) {
                problems.add(where + "does not fit ARR " + arr + " cents before it");
            }
            arr += cents;
            if (arr < 0) {
                problems.add(where + "takes ARR below zero: " + arr + " cents");
            }
        }
        return problems;
    }
}
