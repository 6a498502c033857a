package org.lodestar.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lodestar.Situation.anAccount;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.Situation;
import org.lodestar.TestClock;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Crafted accounts on the test database at a chosen day: they fire exactly the expected signals, once,
 * and the signals resolve when their cause clears. Health is set by hand (event-driven rescoring off).
 */
@LodestarTest
@Import(TestClock.Config.class)
@TestPropertySource(properties = "lodestar.health.live=false")
class SignalsTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 30);

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Signals signals;
    @Autowired
    TestClock clock;
    ApiClient api;

    @BeforeEach
    void setUp() {
        clock.setDay(TODAY);
        book.empty();
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
    }

    private List<String> openCauses(long accountId) {
        return signals.openSignals(List.of(accountId)).stream().map(Signal::causeKey).sorted().toList();
    }

    private SignalsChanged evaluate(long accountId) {
        return Actors.runAs(Actor.system(), () -> signals.evaluate(List.of(accountId)));
    }

    /**
     * Globex: health 41 (red, was green a week ago), the champion left 10 days ago, an urgent ticket and
     * renewal in 85 days: exactly health-red, band-drop, sponsor-left, urgent-ticket and renewal-t90.
     */
    @Test
    void aCraftedSituationFiresExactlyItsSignalsOnce() {
        Situation globex = anAccount(api, jdbc, TODAY, "GLOBEX", null, "mature").withContract(280, 85, 20, "60000")
                .withContact("economic-sponsor", null).withContact("champion", 10).withOpenTicket("urgent")
                .withUsage(60, 40, 0).withActiveUsers(5).withHealth("41.0", "red").withHealthDaysAgo(7, "78.0", "green");
        SignalsChanged first = evaluate(globex.id);
        assertThat(first.fired()).extracting(Signal::rule).containsExactlyInAnyOrder("health-red", "band-drop", "sponsor-left",
                "urgent-ticket", "renewal-t90");
        assertThat(first.fired()).filteredOn(s -> s.rule().equals("renewal-t90")).singleElement()
                .satisfies(s -> assertThat(s.summary()).isEqualTo("Renews in 85 days, on 2026-09-23: 60,000 ARR (contract GLOBEX-1)."));

        SignalsChanged again = evaluate(globex.id);
        assertThat(again.fired()).as("the same causes do not fire twice").isEmpty();
        assertThat(again.resolved()).isEmpty();
        assertThat(openCauses(globex.id)).hasSize(5);

        JsonNode listed = api.get("/api/signals?account=" + globex.id + "&open=true").json();
        assertThat(listed).hasSize(5);
        assertThat(listed.get(0).get("accountName").asString()).isEqualTo("GLOBEX");
    }

    @Test
    void aSignalResolvesWhenItsCauseClearsAndANewCauseFiresAgain() {
        Situation initech = anAccount(api, jdbc, TODAY, "INITECH", null, "mature").withContract(100, 250, 10, "30000")
                .withHealth("80.0", "green").withOpenTicket("urgent");
        assertThat(evaluate(initech.id).fired()).extracting(Signal::rule).containsExactly("urgent-ticket");
        long ticket = api.get("/api/tickets?account=" + initech.id).json().get(0).get("id").asLong();
        JsonNode solved = api.put("/api/tickets/" + ticket, "{\"externalId\":\"INITECH-2\",\"status\":\"solved\","
                + "\"priority\":\"urgent\",\"createdAt\":\"2026-06-29T08:00:00Z\",\"solvedAt\":\"2026-06-30T08:30:00Z\"}").json();
        assertThat(solved.get("status").asString()).isEqualTo("solved");

        SignalsChanged after = evaluate(initech.id);
        assertThat(after.resolved()).extracting(Signal::rule).containsExactly("urgent-ticket");
        assertThat(openCauses(initech.id)).isEmpty();
        assertThat(api.get("/api/signals?account=" + initech.id + "&open=false").json()).hasSize(1);

        initech.withOpenTicket("urgent");
        assertThat(evaluate(initech.id).fired()).extracting(Signal::rule).containsExactly("urgent-ticket");
    }

    /** The daily pass moves with the date: T-120 at 100 days left, T-90 a fortnight later (T-120 resolved). */
    @Test
    void dateRulesMoveWithTheClock() {
        Situation hooli = anAccount(api, jdbc, TODAY, "HOOLI", null, "mature").withContract(265, 100, 10, "30000")
                .withHealth("80.0", "green");
        assertThat(evaluate(hooli.id).fired()).extracting(Signal::rule).containsExactly("renewal-t120");
        clock.setDay(TODAY.plusDays(14));
        SignalsChanged later = Actors.runAs(Actor.system(), () -> signals.evaluate(null));
        assertThat(later.fired()).extracting(Signal::rule).containsExactly("renewal-t90");
        assertThat(later.resolved()).extracting(Signal::rule).containsExactly("renewal-t120");
    }

    @Test
    void theRulesInForceAreListedAndAnUnknownSignalIs404() {
        JsonNode rules = api.get("/api/signals/rules").json();
        assertThat(rules).extracting(r -> r.get("key").asString()).contains("health-red", "renewal-t30");
        assertThat(api.get("/api/signals/999999").status()).isEqualTo(404);
        assertThat(api.post("/api/signals/evaluate?account=999999", "").status()).isEqualTo(404);
        assertThat(api.get("/api/signals?limit=0").status()).isEqualTo(400);
    }
}
