package org.lodestar.revenue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lodestar.revenue.Contracts.aSubscription;
import static org.lodestar.revenue.MovementKind.CHURN;
import static org.lodestar.revenue.MovementKind.CONTRACTION;
import static org.lodestar.revenue.MovementKind.EXPANSION;
import static org.lodestar.revenue.MovementKind.NEW;
import static org.lodestar.revenue.MovementKind.REACTIVATION;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Each written ledger policy (docs/revenue.md) with hand-computed movements. */
class ArrHistoryTest {

    @Test
    void aFirstContractIsNewArrAndItsEndWithoutRenewalIsChurn() {
        var contracts = List.of(aSubscription("S-1").from("2024-01-01").to("2025-01-01").item("growth", 10, "12000").build());

        assertThat(kinds(contracts)).containsExactly(
                        row("2024-01-01", NEW, "12000.00"),
                        row("2025-01-01", CHURN, "-12000.00"));
    }

    @Test
    void aRenewalAtAHigherPriceIsExpansionOnTheRenewalDay() {
        var contracts = List.of(
                aSubscription("S-1").from("2023-01-01").to("2024-01-01").item("growth", 10, "10000").build(),
                aSubscription("S-2").from("2024-01-01").to("2025-01-01").item("growth", 12, "12000").build());

        assertThat(kinds(contracts)).containsExactly(
                row("2023-01-01", NEW, "10000.00"),
                row("2024-01-01", EXPANSION, "2000.00"),
                row("2025-01-01", CHURN, "-12000.00"));
    }

    @Test
    void aRenewalAtALowerPriceIsContractionAndAtTheSamePriceNoMovement() {
        var lower = List.of(
                aSubscription("S-1").from("2023-01-01").to("2024-01-01").item("growth", 10, "10000").build(),
                aSubscription("S-2").from("2024-01-01").to("2025-01-01").item("growth", 8, "8000.50").build());
        var same = List.of(
                aSubscription("S-1").from("2023-01-01").to("2024-01-01").item("growth", 10, "10000").build(),
                aSubscription("S-2").from("2024-01-01").item("growth", 10, "10000").build());

        assertThat(kinds(lower)).containsExactly(
                row("2023-01-01", NEW, "10000.00"),
                row("2024-01-01", CONTRACTION, "-1999.50"),
                row("2025-01-01", CHURN, "-8000.50"));
        assertThat(kinds(same)).containsExactly(row("2023-01-01", NEW, "10000.00"));
    }

    @Test
    void overlappingLineItemsAddUp() {
        var contracts = List.of(
                aSubscription("S-1").from("2024-01-01").to("2025-01-01").item("growth", 10, "10000").build(),
                aSubscription("S-2").from("2024-07-01").to("2025-07-01").item("scale", 5, "6000").build());

        assertThat(kinds(contracts)).containsExactly(
                row("2024-01-01", NEW, "10000.00"),
                row("2024-07-01", EXPANSION, "6000.00"),
                row("2025-01-01", CONTRACTION, "-10000.00"),
                row("2025-07-01", CHURN, "-6000.00"));
        assertThat(ArrHistory.arrOn(contracts, LocalDate.parse("2024-12-31"))).isEqualByComparingTo("16000");
    }

    @Test
    void aMidTermAddOnIsExpansionOnItsStartAndEndsWithTheTerm() {
        var contracts = List.of(aSubscription("S-1").from("2024-01-01").to("2025-01-01").item("growth", 10, "10000")
                .addOn("analytics", "2500", "2024-05-15").build());

        assertThat(kinds(contracts)).containsExactly(
                row("2024-01-01", NEW, "10000.00"),
                row("2024-05-15", EXPANSION, "2500.00"),
                row("2025-01-01", CHURN, "-12500.00"));
        assertThat(ArrHistory.movements(contracts).get(1).reason()).isEqualTo("S-1 add-on/analytics starts: 0 seats, ARR 2500.00");
    }

    @Test
    void aMultiYearTermCarriesItsAnnualValueWithoutMovementsAtYearBoundaries() {
        var contracts = List.of(aSubscription("S-1").from("2023-03-01").to("2026-03-01").item("scale", 100, "90000").build());

        assertThat(kinds(contracts)).containsExactly(
                row("2023-03-01", NEW, "90000.00"),
                row("2026-03-01", CHURN, "-90000.00"));
    }

    @Test
    void aWinBackAfterAGapIsReactivationNotNew() {
        var contracts = List.of(
                aSubscription("S-1").from("2023-01-01").to("2024-01-01").item("growth", 10, "10000").build(),
                aSubscription("S-2").from("2024-04-01").item("starter", 5, "4000").build());

        assertThat(kinds(contracts)).containsExactly(
                row("2023-01-01", NEW, "10000.00"),
                row("2024-01-01", CHURN, "-10000.00"),
                row("2024-04-01", REACTIVATION, "4000.00"));
    }

    @Test
    void aMidTermDowngradeNetsTheEndingAndStartingItemsIntoOneContraction() {
        var contracts = List.of(aSubscription("S-1").from("2024-01-01").to("2025-01-01")
                .item("scale", "core", 20, "30000", LocalDate.parse("2024-01-01"), LocalDate.parse("2024-09-01"))
                .item("growth", "core", 20, "20000", LocalDate.parse("2024-09-01"), LocalDate.parse("2025-01-01")).build());

        List<ArrHistory.Planned> movements = ArrHistory.movements(contracts);
        assertThat(kinds(contracts)).containsExactly(
                row("2024-01-01", NEW, "30000.00"),
                row("2024-09-01", CONTRACTION, "-10000.00"),
                row("2025-01-01", CHURN, "-20000.00"));
        assertThat(movements.get(1).reason())
                .isEqualTo("S-1 growth/core starts: 20 seats, ARR 20000.00; S-1 scale/core ends: 20 seats, ARR 30000.00");
    }

    @Test
    void followingTheSameContractsAgainAppendsNothing() {
        var contracts = List.of(aSubscription("S-1").from("2024-01-01").to("2025-01-01").item("growth", 10, "12000").build());
        List<ArrMovement> ledger = recorded(ArrHistory.movements(contracts));

        assertThat(ArrHistory.corrections(ArrHistory.movements(contracts), ledger)).isEmpty();
    }

    @Test
    void aRetroactiveEditAppendsCorrectionsInsteadOfRewritingHistory() {
        var signed = List.of(aSubscription("S-1").from("2024-01-01").to("2025-01-01").item("growth", 10, "12000").build());
        var edited = List.of(aSubscription("S-1").from("2024-01-01").to("2025-07-01").item("growth", 11, "13000").build());
        List<ArrMovement> ledger = recorded(ArrHistory.movements(signed));

        List<ArrHistory.Planned> corrections = ArrHistory.corrections(ArrHistory.movements(edited), ledger);

        assertThat(rows(corrections)).containsExactly(
                        row("2024-01-01", NEW, "1000.00"),
                        row("2025-01-01", CHURN, "12000.00"),
                        row("2025-07-01", CHURN, "-13000.00"));
        assertThat(corrections.get(0).reason()).startsWith("Corrected after a contract edit: S-1 growth/core starts");
        assertThat(corrections.get(1).reason()).startsWith("Reversed:");
    }

    @Test
    void removingAllContractsReversesEveryMovement() {
        var contracts = List.of(aSubscription("S-1").from("2024-01-01").to("2025-01-01").item("growth", 10, "12000").build());
        List<ArrMovement> ledger = recorded(ArrHistory.movements(contracts));

        assertThat(ArrHistory.corrections(List.of(), ledger)).extracting(ArrHistory.Planned::amount)
                .containsExactly(new BigDecimal("-12000.00"), new BigDecimal("12000.00"));
    }

    static List<Object> row(String day, MovementKind kind, String amount) {
        return List.of(LocalDate.parse(day), kind, new BigDecimal(amount));
    }

    private static List<List<Object>> kinds(List<Subscription> contracts) {
        return rows(ArrHistory.movements(contracts));
    }

    private static List<List<Object>> rows(List<ArrHistory.Planned> movements) {
        return movements.stream()
                .map(m -> List.<Object>of(m.effectiveDate(), m.kind(), m.amount())).toList();
    }

    static List<ArrMovement> recorded(List<ArrHistory.Planned> planned) {
        List<ArrMovement> ledger = new ArrayList<>();
        for (ArrHistory.Planned m : planned) {
            ledger.add(new ArrMovement(ledger.size() + 1, 1, m.effectiveDate(), m.kind(), m.amount(), m.reason(), "test",
                    Instant.EPOCH));
        }
        return ledger;
    }
}
