package org.lodestar.revenue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lodestar.infrastructure.Money;
import org.lodestar.revenue.ArrHistory;
import org.lodestar.revenue.LineItem;
import org.lodestar.revenue.Subscription;

/** The ARR history in sentences, for contracts written by hand and amounts worked out by hand. */
class MovementSentenceTest {

    private final Money money = new Money("USD", "en-US");
    private final MovementSentence sentences = new MovementSentence(money::whole, money::change);

    private static LocalDate day(String text) {
        return LocalDate.parse(text);
    }

    private static LineItem item(String plan, String module, int seats, String arr, String from, String to) {
        return new LineItem(0, plan, module, seats, new BigDecimal(arr).setScale(2), day(from), to == null ? null : day(to));
    }

    private static Subscription contract(String id, String from, String to, LineItem... items) {
        return new Subscription(id.hashCode(), id, 1, false, day(from), day(to), List.of(items));
    }

    private List<String> sentences(List<Subscription> contracts, LocalDate today) {
        BigDecimal arr = BigDecimal.ZERO;
        List<String> lines = new java.util.ArrayList<>();
        for (ArrHistory.Planned movement : ArrHistory.movements(contracts)) {
            arr = arr.add(movement.amount());
            lines.add(sentences.of(movement.kind(), movement.amount(), arr,
                    ArrHistory.changesOn(contracts, movement.effectiveDate()), movement.effectiveDate().isAfter(today)));
        }
        return lines;
    }

    @Test
    void aContractThatLosesAModuleIsRenewedDearerAndThenEnds() {
        // 100,000 core + 18,000 analytics = 118,000; analytics ends: −18,000; renewed at 120,000: +20,000; churn −120,000.
        List<Subscription> contracts = List.of(
                contract("SUB-1", "2025-01-01", "2026-01-01",
                        item("growth", "core", 100, "100000", "2025-01-01", "2026-01-01"),
                        item("growth", "analytics", 10, "18000", "2025-01-01", "2025-07-01")),
                contract("SUB-2", "2026-01-01", "2027-01-01",
                        item("growth", "core", 120, "120000", "2026-01-01", "2027-01-01")));

        assertThat(sentences(contracts, day("2026-06-01"))).containsExactly(
                "New business at $118,000: Growth · core, analytics",
                "Analytics module ended: −$18,000",
                "Renewed at $120,000 (+$20,000)",
                "Every contract ends, unless renewed: −$120,000");
    }

    @Test
    void seatsAddedAModuleBoughtAndAComebackAreSaidAsSuch() {
        // 10 seats at 12,000; 15 seats from July: +6,000; a reporting add-on of 3,000 in October; a gap, then back at 9,000.
        List<Subscription> contracts = List.of(
                contract("SUB-1", "2024-01-01", "2025-01-01",
                        item("starter", "core", 10, "12000", "2024-01-01", "2024-07-01"),
                        item("starter", "core", 15, "18000", "2024-07-01", "2025-01-01"),
                        item("starter", "reporting", 0, "3000", "2024-10-01", "2025-01-01")),
                contract("SUB-2", "2025-06-01", "2026-06-01",
                        item("starter", "core", 8, "9000", "2025-06-01", "2026-06-01")));

        assertThat(sentences(contracts, day("2026-12-01"))).containsExactly(
                "New business at $12,000: Starter · core",
                "Seats on Starter · core 10 → 15: +$6,000",
                "Reporting module added: +$3,000",
                "Churned: every contract ended, −$21,000",
                "Came back at $9,000: Starter · core",
                "Churned: every contract ended, −$9,000");
    }
}
