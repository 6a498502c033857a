package org.lodestar.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lodestar.accounts.CoverageModel;
import org.lodestar.signals.SignalCategory;

/** The ranking function against values and orderings worked out by hand (docs/worklist.md). */
class WorklistRankingTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 30);

    private static WorklistRanking.Priority priority(String band, String severity, String arr, Integer renewalIn, Integer dueIn,
            boolean high) {
        return WorklistRanking.priority(new WorklistRanking.Input(band, severity, new BigDecimal(arr),
                renewalIn == null ? null : TODAY.plusDays(renewalIn), dueIn == null ? null : TODAY.plusDays(dueIn), high), TODAY);
    }

    /**
     * Red, 100,000 ARR, renewal in 45 days, no task: risk 1.0; value log10(10 + 100) = 2.0414; urgency
     * 1 + (180 − 45) / 90 = 2.5; 1.0 × 2.0414 × 2.5 = 5.10.
     */
    @Test
    void aRedAccountRenewingSoon() {
        assertThat(priority("red", null, "100000", 45, null, false)).isEqualTo(new WorklistRanking.Priority(
                new BigDecimal("1.00"), new BigDecimal("2.04"), new BigDecimal("2.50"), new BigDecimal("5.10")));
    }

    /**
     * Green, a medium signal open, 9,000 ARR, renewal in 300 days, a high-priority task 3 days overdue:
     * risk max(0.3, 0.6) = 0.6; value log10(19) = 1.2788; urgency 1 + 3/7 + 0.5 = 1.9286; 1.48.
     */
    @Test
    void anOverdueHighPriorityTaskOnAHealthySmallAccount() {
        assertThat(priority("green", "medium", "9000", 300, -3, true)).isEqualTo(new WorklistRanking.Priority(
                new BigDecimal("0.60"), new BigDecimal("1.28"), new BigDecimal("1.93"), new BigDecimal("1.48")));
    }

    /** Overdue counts at most two weeks (2.0), a renewal at most 180 days (2.0); unscored is 0.5 risk; no ARR is value 1. */
    @Test
    void boundsOfEachFactor() {
        assertThat(priority(null, null, "0", -10, -40, false)).isEqualTo(new WorklistRanking.Priority(
                new BigDecimal("0.50"), new BigDecimal("1.00"), new BigDecimal("5.00"), new BigDecimal("2.50")));
        assertThat(priority("yellow", null, "0", 181, 0, false).urgency()).isEqualByComparingTo("1.5");
        assertThat(priority("yellow", "high", "0", null, 5, false).risk()).isEqualByComparingTo("1.0");
    }

    private static WorkItem item(String name, String band, String severity, String arr, Integer renewalIn, Integer dueIn) {
        WorklistRanking.Priority p = priority(band, severity, arr, renewalIn, dueIn, false);
        return new WorkItem(name.hashCode(), name, CoverageModel.HIGH_TOUCH, band, new BigDecimal(arr),
                renewalIn == null ? null : TODAY.plusDays(renewalIn), "r", SignalCategory.RESCUE, dueIn == null,
                dueIn != null && dueIn < 0 ? 1 : 0, dueIn == null ? null : TODAY.plusDays(dueIn), p, BigDecimal.ONE, List.of(),
                dueIn == null ? "red" : null);
    }

    /**
     * By hand: Acme red 250k renewal in 20 days: 1 × log10(260) 2.41 × (1 + 160/90) 2.78 = 6.71.
     * Bolt yellow 40k, task due today, renewal in 200: 0.6 × log10(50) 1.70 × 1.5 = 1.53.
     * Cobalt green 1.2M, no renewal soon, medium signal: 0.6 × log10(1210) 3.08 × 1 = 1.85.
     * Dyno unscored 5k, task 7 days overdue: 0.5 × log10(15) 1.18 × 2 = 1.18.
     * Echo yellow 40k, task due in 5 days: 0.6 × 1.70 × 1 = 1.02 — after Bolt, same value, less urgent.
     */
    @Test
    void overdueFirstThenByRiskTimesValueTimesUrgency() {
        List<WorkItem> ordered = WorklistRanking.order(List.of(item("Echo", "yellow", null, "40000", 200, 5),
                item("Dyno", null, null, "5000", null, -7), item("Cobalt", "green", "medium", "1200000", null, null),
                item("Bolt", "yellow", null, "40000", 200, 0), item("Acme", "red", null, "250000", 20, null)));
        assertThat(ordered).extracting(WorkItem::accountName).containsExactly("Dyno", "Acme", "Cobalt", "Bolt", "Echo");
        assertThat(ordered).extracting(i -> i.priority().score().toPlainString())
                .containsExactly("1.18", "6.71", "1.85", "1.53", "1.02");
    }

    @Test
    void tiesGoToTheEarlierDueDateThenTheName() {
        List<WorkItem> ordered = WorklistRanking.order(List.of(item("Zeta", "red", null, "0", null, -20),
                item("Alpha", "red", null, "0", null, -30), item("Beta", "red", null, "0", null, -30)));
        assertThat(ordered).extracting(WorkItem::accountName).containsExactly("Alpha", "Beta", "Zeta");
    }
}
