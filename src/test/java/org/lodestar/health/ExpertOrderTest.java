package org.lodestar.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lodestar.health.CraftedAccount.anAccount;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Six mid-market customers as CSMs describe them, scored by the shipped scorecards: they come out in the
 * order an experienced CSM would put them, each with the reason a CSM would give.
 */
@LodestarTest
class ExpertOrderTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    HealthScores scores;
    @Autowired
    HealthConfiguration configuration;

    ApiClient api;

    @BeforeEach
    void setUp() {
        book.empty();
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
    }

    private CraftedAccount customer(String name) {
        return anAccount(api, jdbc, AS_OF, name).withSeats(20, "core", "analytics");
    }

    @Test
    void customersComeOutInTheOrderAnExpertWouldPutThem() {
        Map<String, CraftedAccount> book = new LinkedHashMap<>();
        // Uses the product every working day, growing, nearly every licence in use, promoters, sponsor and champion.
        book.put("thriving", customer("THRIVING").withUsage(22, 55, 0).withUsage(22, 50, 30).withActiveUsers(18)
                .usingModules("core", "analytics").withNps(9, 10).withContact("economic-sponsor", null)
                .withContact("champion", null).withCall(7).withInvoice(20, true));
        // Solid and steady: most days, most licences, a passive NPS, one normal ticket open.
        book.put("steady", customer("STEADY").withUsage(15, 40, 0).withUsage(15, 40, 30).withActiveUsers(13)
                .usingModules("core").withNps(8).withContact("economic-sponsor", null).withContact("champion", null)
                .withCall(30).withOpenTickets(1, "normal"));
        // Looks fine on usage, but the economic sponsor left six weeks ago and nobody replaced them.
        book.put("sponsor-gone", customer("SPONSORGONE").withUsage(16, 40, 0).withUsage(16, 40, 30).withActiveUsers(14)
                .usingModules("core").withNps(8).withContact("economic-sponsor", AS_OF.minusDays(45))
                .withContact("champion", null).withCall(20));
        // Drifting quietly: fewer days, usage slipping, under half the licences, no champion, nobody has called in two months.
        book.put("drifting", customer("DRIFTING").withUsage(8, 30, 0).withUsage(9, 32, 30).withActiveUsers(9)
                .usingModules("core").withContact("economic-sponsor", null).withCall(60));
        // NPS 2 with half the licences idle: an unhappy customer who is not using what they bought.
        book.put("unhappy-idle", customer("UNHAPPY").withUsage(14, 40, 0).withUsage(14, 40, 30).withActiveUsers(9)
                .usingModules("core").withNps(2).withContact("economic-sponsor", null).withContact("champion", null)
                .withCall(14));
        // 15% of licences used, usage down 44%, sponsor gone two months, an urgent ticket open, an invoice 40 days late.
        book.put("critical", customer("CRITICAL").withUsage(10, 28, 0).withUsage(10, 50, 30).withActiveUsers(3)
                .usingModules("core").withNps(6).withContact("economic-sponsor", AS_OF.minusDays(60)).withCall(40)
                .withOpenTickets(1, "urgent").withInvoice(40, false));
        book.values().forEach(a -> jdbc.sql("update account set segment = 'mid-market', lifecycle_stage = 'ADOPTION' where id = ?")
                .param(a.id).update());

        Map<Long, HealthScore> scored = scores.scoreAsOf(AS_OF, configuration.scorecards(),
                book.values().stream().map(a -> a.id).toList(), new HashMap<>());
        Map<String, HealthScore> byName = new LinkedHashMap<>();
        book.forEach((name, account) -> byName.put(name, scored.get(account.id)));
        byName.values().forEach(s -> assertThat(s.scorecard()).isEqualTo("standard"));

        List<String> ranked = byName.keySet().stream()
                .sorted(Comparator.comparing((String name) -> byName.get(name).score()).reversed()).toList();
        assertThat(ranked).as(describe(byName)).containsExactly("thriving", "steady", "sponsor-gone", "unhappy-idle", "drifting",
                "critical");
        assertThat(byName.get("thriving").band()).isEqualTo(Band.GREEN);
        assertThat(byName.get("steady").band()).isEqualTo(Band.GREEN);
        assertThat(byName.get("sponsor-gone").band()).isEqualTo(Band.YELLOW);
        // Both red: the detractor is capped at the top of red, the drifting account averages below it on many small signs.
        assertThat(byName.get("unhappy-idle").band()).isEqualTo(Band.RED);
        assertThat(byName.get("drifting").band()).isEqualTo(Band.RED);
        assertThat(byName.get("critical").band()).isEqualTo(Band.RED);

        // The reasons a CSM would give are on the explanation.
        assertThat(byName.get("sponsor-gone").measure("sponsor-gone").label()).isEqualTo("Economic sponsor gone 30+ days, not replaced");
        assertThat(byName.get("unhappy-idle").measure("unhappy-and-idle").critical()).isTrue();
        assertThat(byName.get("critical").measures()).filteredOn(MeasureResult::critical).extracting(MeasureResult::key)
                .contains("idle-and-falling", "sponsor-gone", "unhappy-and-idle");
        assertThat(byName.get("thriving").measures()).noneMatch(MeasureResult::critical);
        assertThat(byName.get("thriving").measure("urgent-tickets").policy()).isEqualTo(MeasureResult.QUIET);
    }

    private static String describe(Map<String, HealthScore> scores) {
        StringBuilder text = new StringBuilder();
        scores.forEach((name, s) -> text.append(name).append(' ').append(s.score()).append(' ').append(s.band()).append("; "));
        return text.toString();
    }
}
