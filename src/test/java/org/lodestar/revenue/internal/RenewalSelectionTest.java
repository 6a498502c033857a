package org.lodestar.revenue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lodestar.revenue.Renewal;
import org.lodestar.revenue.RenewalOutcome;
import org.lodestar.revenue.RenewalRisk;

/** The renewals page's filters, pages and figures, on renewals made by hand. */
class RenewalSelectionTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

    @Test
    void windowsRunFromTodayForwardOrEndYesterdayLookingBack() {
        RenewalSelection.Window next = RenewalSelection.Window.of("next-30");
        assertThat(next.from(TODAY)).isEqualTo(TODAY);
        assertThat(next.to(TODAY)).isEqualTo(LocalDate.of(2027, 1, 5));
        RenewalSelection.Window last = RenewalSelection.Window.of("last-90");
        assertThat(last.from(TODAY)).isEqualTo(LocalDate.of(2026, 9, 7));
        assertThat(last.to(TODAY)).isEqualTo(LocalDate.of(2026, 12, 5));
        assertThat(last.description()).isEqualTo("Last 90 days");
    }

    @Test
    void noOwnerInTheQueryIsTheDefaultAndAllIsEveryone() {
        assertThat(parse(null, null, null).owner()).isEqualTo("maya@lodestar.test");
        assertThat(parse("all", null, null).owner()).isNull();
        assertThat(parse("", null, null).owner()).isNull();
        assertThat(parse("omar@lodestar.test", null, null).owner()).isEqualTo("omar@lodestar.test");
    }

    @Test
    void riskAndBandSelectTheirRenewalsAndANoScoreCountsAsUnscored() {
        List<Renewal> renewals = List.of(renewal("A", RenewalRisk.HIGH, "red", "1000", 10, null),
                renewal("B", RenewalRisk.LOW, "green", "2000", 20, null), renewal("C", RenewalRisk.HIGH, null, "3000", 30, null),
                renewal("D", RenewalRisk.MEDIUM, "none", "4000", 40, null));
        assertThat(names(parse(null, "high", null).filter(renewals))).containsExactly("A", "C");
        assertThat(names(parse(null, "HIGH", "red").filter(renewals))).containsExactly("A");
        assertThat(names(parse(null, null, "unscored").filter(renewals))).containsExactly("C", "D");
        assertThat(parse(null, "dire", "purple").problems()).hasSize(2);
        assertThat(parse(null, "dire", "purple").filter(renewals)).hasSize(4);
    }

    @Test
    void fiftyToAPageAndAPagePastTheEndShowsTheLast() {
        List<Renewal> renewals = new ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            renewals.add(renewal("R" + i, RenewalRisk.LOW, "green", "100", i, null));
        }
        RenewalSelection third = RenewalSelection.parse(null, null, null, null, "3", null);
        assertThat(third.window(120).pages()).isEqualTo(3);
        assertThat(names(RenewalSelection.pageOf(renewals, third.window(120)))).hasSize(20).startsWith("R101").endsWith("R120");
        RenewalSelection ninth = RenewalSelection.parse(null, null, null, null, "9", null);
        assertThat(names(RenewalSelection.pageOf(renewals, ninth.window(120)))).startsWith("R101");
        RenewalSelection first = RenewalSelection.parse(null, null, null, null, "1", null);
        assertThat(RenewalSelection.pageOf(List.of(), first.window(0))).isEmpty();
        assertThat(first.window(0).pages()).isEqualTo(1);
    }

    @Test
    void theFiguresAddUpByHand() {
        List<Renewal> renewals = List.of(renewal("A", RenewalRisk.HIGH, "red", "100000", 65, null),
                renewal("B", RenewalRisk.LOW, "green", "40000", 30, null),
                renewal("C", RenewalRisk.MEDIUM, null, "20000", -35, "contracts"),
                renewal("D", RenewalRisk.MEDIUM, null, "10000", -5, "recorded"));
        RenewalSelection.Totals totals = RenewalSelection.Totals.of(renewals);
        assertThat(totals.renewals()).isEqualTo(4);
        assertThat(totals.arrDue()).isEqualByComparingTo("170000");
        // 45% of 100,000 + 95% of 40,000 + 75% of 20,000 + 75% of 10,000
        assertThat(totals.forecast()).isEqualByComparingTo("105500");
        assertThat(totals.highRiskArr()).isEqualByComparingTo("100000");
        // Each closed renewal renewed at its due ARR here: 20,000 + 10,000.
        assertThat(totals.outcomeArr()).isEqualByComparingTo("30000");
        assertThat(totals.outcomesRecorded()).isEqualTo(1);
        assertThat(totals.outcomesFromContracts()).isEqualTo(1);

        Map<YearMonth, Map<RenewalRisk, BigDecimal>> months = RenewalSelection.byMonth(renewals);
        assertThat(months.keySet()).containsExactly(YearMonth.of(2026, 11), YearMonth.of(2026, 12), YearMonth.of(2027, 1),
                YearMonth.of(2027, 2));
        assertThat(months.get(YearMonth.of(2027, 2)).get(RenewalRisk.HIGH)).isEqualByComparingTo("100000");
        assertThat(months.get(YearMonth.of(2027, 2)).get(RenewalRisk.LOW)).isEqualByComparingTo("0");
        assertThat(months.values().stream().flatMap(m -> m.values().stream()).reduce(BigDecimal.ZERO, BigDecimal::add))
                .as("the bars add up to the ARR due").isEqualByComparingTo("170000");
    }

    private static RenewalSelection parse(String owner, String risk, String health) {
        return RenewalSelection.parse(null, owner, risk, health, null, "maya@lodestar.test");
    }

    private static List<String> names(List<Renewal> renewals) {
        return renewals.stream().map(Renewal::accountName).toList();
    }

    private static Renewal renewal(String name, RenewalRisk risk, String band, String due, int daysLeft, String outcomeSource) {
        BigDecimal arr = new BigDecimal(due);
        RenewalOutcome outcome = outcomeSource == null ? null : RenewalOutcome.of(arr, arr);
        return new Renewal(1, name + "-1", 1, name, "maya@lodestar.test", "smb", TODAY.plusDays(daysLeft), daysLeft, arr,
                false, band, risk, List.of(), risk.forecast(arr), "risk-weighted", null, outcome,
                outcomeSource == null ? null : arr, outcomeSource, null);
    }
}
