package org.lodestar.hygiene.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Stated totals and percentages recomputed from their parts, with the right figures worked out by hand. */
class StatedTableTest {

    private static List<StatedTable.Wrong> wrong(String csv) {
        return new StatedTable("mau.csv", csv, "2026-12-01").wrongFigures();
    }

    @Test
    void aMonthlyActiveUsersReportWithAWrongTotalAndAWrongGrowthNamesBothWithTheRightFigures() {
        // 1000 → 1100: +10.0 %; 1100 → 1210: +10.0 % (stated 12.0); total 1000 + 1100 + 1210 = 3310 (stated 3300).
        List<StatedTable.Wrong> wrong = wrong("""
                month,active users,growth %
                2026-09,1000,
                2026-10,1100,10.0%
                2026-11,1210,12.0%
                total,3300,
                """);
        assertThat(wrong).containsExactly(
                new StatedTable.Wrong(4, "2026-11", "growth %", "12.0%", "10.0%", "active users / previous row's active users − 1"),
                new StatedTable.Wrong(5, "total", "active users", "3300", "3310", "sum of the rows above"));
    }

    @Test
    void aCorrectTableHasNothingWrongAndGrowthRoundsToOneDecimal() {
        // 300 → 350: 16.666… → 16.7 %; 350 → 340: −2.857… → −2.9 %; 300 + 350 + 340 = 990.
        assertThat(wrong("""
                Month,MAU,MAU change,Revenue
                Jan,300,,"1,000.50"
                Feb,350,16.7,"2,000"
                Mar,340,-2.9%,500
                Total,990,,"3,500.50"
                """)).isEmpty();
    }

    @Test
    void aGrowthColumnFollowsTheValueColumnItNamesAndAShareColumnItsPartOfTheSum() {
        // Growth of "seats" (not the nearer "tickets"): 50 → 60 is +20.0 % (stated 25); shares of 50 + 150 = 200:
        // 25.0 % and 75.0 % (the second stated 70).
        List<StatedTable.Wrong> wrong = wrong("""
                region,seats,tickets,seats growth,share of tickets
                north,50,50,,25
                south,60,150,25,70
                """);
        assertThat(wrong).extracting(StatedTable.Wrong::line, StatedTable.Wrong::column, StatedTable.Wrong::computed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, "seats growth", "20.0%"),
                        org.assertj.core.groups.Tuple.tuple(3L, "share of tickets", "75.0%"));
    }

    @Test
    void aTotalSumsTheRowsSinceThePreviousTotal() {
        // Q1: 1 + 2 = 3 (right); Q2: 4 + 5 = 9 (stated 10).
        assertThat(wrong("""
                month,deals
                jan,1
                feb,2
                total,3
                apr,4
                may,5
                total,10
                """)).containsExactly(new StatedTable.Wrong(7, "total", "deals", "10", "9", "sum of the rows above"));
    }

    @Test
    void aFileThatIsNotATableOfFiguresSaysWhereItIsWrong() {
        assertThat(StatedTable.problems("month,users\njan,12\nfeb,lots\nmar\n")).containsExactly(
                "line 3, column users: expected a number, got 'lots'", "line 4: expected 2 cells as in the header, got 1");
        assertThat(StatedTable.problems("month,users\n")).containsExactly("expected a header row and at least one row of figures");
    }
}
