package org.lodestar.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.lodestar.accounts.HealthBand;
import org.lodestar.feedback.DemandRanking.AccountFacts;
import org.lodestar.feedback.DemandRanking.Demand;
import org.lodestar.feedback.DemandRanking.Ranked;

/**
 * The ranking by revenue-weighted demand, on 10 March 2026. Acme 120,000 (enterprise, green, renews 1 December: 266
 * days, not at risk), Bolt 40,000 (mid-market, red: at risk), Cogs 10,000 (smb, green, renews 6 September: exactly 180
 * days, at risk), Dyno 30,000 (mid-market, unscored, renews 7 September: 181 days, not at risk), Echo 5,000 (smb,
 * yellow: at risk; its renewal on 1 March is past).
 */
class DemandRankingTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    private static final Map<Long, AccountFacts> BOOK = Map.of(
            1L, facts(1, "Acme", "120000", "enterprise", HealthBand.GREEN, LocalDate.of(2026, 12, 1)),
            2L, facts(2, "Bolt", "40000", "mid-market", HealthBand.RED, null),
            3L, facts(3, "Cogs", "10000", "smb", HealthBand.GREEN, LocalDate.of(2026, 9, 6)),
            4L, facts(4, "Dyno", "30000", "mid-market", HealthBand.UNSCORED, LocalDate.of(2026, 9, 7)),
            5L, facts(5, "Echo", "5000", "smb", HealthBand.YELLOW, LocalDate.of(2026, 3, 1)));
    /** SSO asked by Acme twice and Bolt; Excel export by Cogs, Dyno and Echo; dark mode by Bolt; audit log by nobody. */
    private static final List<Demand> DEMANDS = List.of(
            new Demand(10, "SSO", RequestStatus.NEW, List.of(1L, 2L, 1L)),
            new Demand(20, "Excel export", RequestStatus.PLANNED, List.of(3L, 4L, 5L)),
            new Demand(30, "Dark mode", RequestStatus.UNDER_REVIEW, List.of(2L)),
            new Demand(40, "Audit log", RequestStatus.NEW, List.of()));

    @Test
    void eachAccountCountsOnceWithItsArrAndTheArrAtRiskIsRedYellowOrRenewingWithin180Days() {
        List<Ranked> ranked = DemandRanking.rank(DEMANDS, BOOK, TODAY, DemandSort.ARR);

        assertThat(ranked).extracting(Ranked::title).containsExactly("SSO", "Excel export", "Dark mode");
        Ranked sso = ranked.get(0);
        assertThat(sso.accounts()).isEqualTo(2);
        assertThat(sso.asks()).isEqualTo(3);
        assertThat(sso.arr()).isEqualByComparingTo("160000");
        assertThat(sso.arrAtRisk()).as("Bolt, red").isEqualByComparingTo("40000");
        assertThat(sso.arrNotAtRisk()).isEqualByComparingTo("120000");
        assertThat(amounts(sso.arrBySegment())).containsExactly(Map.entry("enterprise", "120000"), Map.entry("mid-market", "40000"));
        assertThat(sso.askingAccounts()).extracting(DemandRanking.AskingAccount::name).containsExactly("Acme", "Bolt");
        assertThat(sso.askingAccounts().get(0).asks()).isEqualTo(2);

        Ranked excel = ranked.get(1);
        assertThat(excel.accounts()).isEqualTo(3);
        assertThat(excel.arr()).isEqualByComparingTo("45000");
        assertThat(excel.arrAtRisk()).as("Cogs renewing in 180 days, Echo yellow; not Dyno in 181").isEqualByComparingTo("15000");
        assertThat(amounts(excel.arrBySegment())).containsExactly(Map.entry("mid-market", "30000"), Map.entry("smb", "15000"));
        assertThat(excel.arrBySegment().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(excel.arr());
        assertThat(excel.askingAccounts()).filteredOn(DemandRanking.AskingAccount::atRisk)
                .extracting(DemandRanking.AskingAccount::name).containsExactly("Cogs", "Echo");
    }

    @Test
    void sortsByAccountsAskingOrArrAtRiskWithTiesToTheLargerArr() {
        assertThat(DemandRanking.rank(DEMANDS, BOOK, TODAY, DemandSort.COUNT)).extracting(Ranked::title)
                .containsExactly("Excel export", "SSO", "Dark mode");
        assertThat(DemandRanking.rank(DEMANDS, BOOK, TODAY, DemandSort.AT_RISK)).as("SSO and dark mode both 40,000 at risk")
                .extracting(Ranked::title).containsExactly("SSO", "Dark mode", "Excel export");
    }

    @Test
    void accountsLeftOutOfTheFactsLeaveTheirAsksOut() {
        Map<Long, AccountFacts> midMarket = BOOK.entrySet().stream().filter(e -> e.getValue().segment().equals("mid-market"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        List<Ranked> ranked = DemandRanking.rank(DEMANDS, midMarket, TODAY, DemandSort.ARR);

        assertThat(ranked).as("SSO and dark mode tie at Bolt's 40,000; by title").extracting(Ranked::title)
                .containsExactly("Dark mode", "SSO", "Excel export");
        assertThat(ranked.get(1).accounts()).isEqualTo(1);
        assertThat(ranked.get(2).arr()).isEqualByComparingTo("30000");
        assertThat(ranked.get(2).arrAtRisk()).isEqualByComparingTo("0");
    }

    @Test
    void anAccountWithoutASegmentOrArrCountsUnderNoneWithNothing() {
        Map<Long, AccountFacts> book = Map.of(7L, new AccountFacts(7, "New Co", null, null, HealthBand.UNSCORED, null));

        Ranked ranked = DemandRanking.rank(List.of(new Demand(1, "SSO", RequestStatus.NEW, List.of(7L))), book, TODAY,
                DemandSort.ARR).getFirst();

        assertThat(ranked.arr()).isEqualByComparingTo("0");
        assertThat(ranked.arrBySegment()).containsOnlyKeys(DemandRanking.NO_SEGMENT);
    }

    private static AccountFacts facts(long id, String name, String arr, String segment, HealthBand band, LocalDate renewal) {
        return new AccountFacts(id, name, new BigDecimal(arr), segment, band, renewal);
    }

    private static List<Map.Entry<String, String>> amounts(Map<String, BigDecimal> bySegment) {
        return bySegment.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue().toPlainString())).toList();
    }
}
