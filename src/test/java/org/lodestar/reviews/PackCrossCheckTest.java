package org.lodestar.reviews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lodestar.errors.InvalidInput;

/**
 * The cross-check on hand-built packs. The base pack (2026 Q4) adds up: ARR 100,000.00 + 20,000.00 new + 5,000.50
 * expansion + 0 reactivation − 1,000.25 contraction − 0 churn = 124,000.25; 5 milestones = 3 done + 2 open; 7 tickets =
 * 1 urgent + 2 high + 4 normal + 0 low; 3 modules = 2 used + 1 not used.
 */
class PackCrossCheckTest {

    private static final Quarter Q4 = new Quarter(2026, 4);

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    private static ReviewPack pack(ReviewPack.ArrBridge arr, ReviewPack.PlanValue plan, ReviewPack.SupportSummary support,
            ReviewPack.Adoption adoption, List<StatedFigure> figures, ReviewPack.LongView longView) {
        return new ReviewPack("Acme", "P-ACME", "maya", ReviewKind.QBR, Q4, Q4.last(),
                new ReviewPack.Narrative("", "", "", ""), plan, new ReviewPack.Trends(List.of(), List.of()), adoption,
                support, arr, null, List.of(), figures, longView, List.of());
    }

    private static ReviewPack.ArrBridge bridge(String end) {
        return new ReviewPack.ArrBridge(money("100000.00"), money("20000.00"), money("5000.50"), BigDecimal.ZERO,
                money("1000.25"), BigDecimal.ZERO, money(end));
    }

    private static ReviewPack.SupportSummary tickets(long opened) {
        return new ReviewPack.SupportSummary(opened, List.of(new ReviewPack.PriorityCount("urgent", 1),
                new ReviewPack.PriorityCount("high", 2), new ReviewPack.PriorityCount("normal", 4),
                new ReviewPack.PriorityCount("low", 0)), 5, 1, 2);
    }

    private static final ReviewPack.PlanValue PLAN = new ReviewPack.PlanValue(5, 3, 2, List.of(), List.of());
    private static final ReviewPack.Adoption ADOPTION = new ReviewPack.Adoption(3, List.of("billing", "core"),
            List.of("reports"), List.of());

    private static StatedFigure roi(String stated) {
        return new StatedFigure("ROI", "USD", money(stated), List.of(new StatedFigure.Part("Hours saved", money("120000")),
                new StatedFigure.Part("Fewer tickets", money("110000"))));
    }

    @Test
    void aPackWhoseTotalsAddUpPassesAndListsEveryTotal() {
        ReviewPack pack = pack(bridge("124000.25"), PLAN, tickets(7), ADOPTION, List.of(roi("230000")), null);

        assertThat(PackCrossCheck.verify(pack)).isSameAs(pack);
        assertThat(PackCrossCheck.totals(pack)).extracting(PackCrossCheck.Total::figure).containsExactly(
                "ARR at the end of 2026 Q4", "Milestones planned", "Tickets opened in 2026 Q4", "Modules contracted", "ROI");
        assertThat(PackCrossCheck.totals(pack).getFirst().sum()).isEqualByComparingTo("124000.25");
    }

    @Test
    void aStatedFigureThatDoesNotMatchItsPartsIsRefusedNamingTheFigureTheStatedValueAndTheSum() {
        ReviewPack pack = pack(bridge("124000.25"), PLAN, tickets(7), ADOPTION, List.of(roi("250000")), null);

        assertThatThrownBy(() -> PackCrossCheck.verify(pack)).isInstanceOf(PackRefused.class).hasMessage(
                "The pack is not rendered: ROI: stated 250000 USD, but its parts sum to 230000 "
                        + "(Hours saved 120000 + Fewer tickets 110000)");
    }

    @Test
    void theArrBridgeMustAddUpToTheCent() {
        ReviewPack pack = pack(bridge("124000.24"), PLAN, tickets(7), ADOPTION, List.of(), null);

        assertThat(PackCrossCheck.mismatches(pack)).singleElement().satisfies(t -> {
            assertThat(t.figure()).isEqualTo("ARR at the end of 2026 Q4");
            assertThat(t.sum()).isEqualByComparingTo("124000.25");
            assertThat(t.mismatch()).startsWith("ARR at the end of 2026 Q4: stated 124000.24, but its parts sum to 124000.25");
        });
    }

    @Test
    void ticketsMilestonesAndModulesEachCheckTheirParts() {
        ReviewPack pack = pack(bridge("124000.25"), new ReviewPack.PlanValue(6, 3, 2, List.of(), List.of()), tickets(8),
                new ReviewPack.Adoption(4, List.of("core"), List.of("reports"), List.of()), List.of(), null);

        assertThat(PackCrossCheck.mismatches(pack)).extracting(PackCrossCheck.Total::mismatch).containsExactly(
                "Milestones planned: stated 6, but its parts sum to 5 (Done 3 + Open 2)",
                "Tickets opened in 2026 Q4: stated 8, but its parts sum to 7 (urgent 1 + high 2 + normal 4 + low 0)",
                "Modules contracted: stated 4, but its parts sum to 2 (Used 1 + Not used 1)");
    }

    @Test
    void eachYearOfTheMultiYearViewIsItsStartPlusItsMovements() {
        ReviewPack.LongView view = new ReviewPack.LongView(List.of(
                new ReviewPack.YearArr(2025, BigDecimal.ZERO, money("80000"), money("80000")),
                new ReviewPack.YearArr(2026, money("80000"), money("44000.25"), money("124000.00"))), List.of());
        ReviewPack pack = pack(bridge("124000.25"), PLAN, tickets(7), ADOPTION, List.of(), view);

        assertThat(PackCrossCheck.mismatches(pack)).extracting(PackCrossCheck.Total::figure)
                .containsExactly("ARR at the end of 2026");
    }

    @Test
    void quartersParseAsYearQAndNumberAndNameTheirDays() {
        Quarter q = Quarter.parse("quarter", "2026q4");
        assertThat(q).isEqualTo(Q4);
        assertThat(q.first()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(q.last()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(q.next()).hasToString("2027Q1");
        assertThat(new Quarter(2026, 1).previous()).hasToString("2025Q4");
        assertThat(Quarter.of(LocalDate.of(2026, 5, 31))).hasToString("2026Q2");
        assertThatThrownBy(() -> Quarter.parse("quarter", "2026-Q5")).isInstanceOf(InvalidInput.class)
                .hasMessage("quarter: expected a quarter such as 2026Q4 (year, Q, 1 to 4), got '2026-Q5'");
    }
}
