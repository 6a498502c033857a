package org.lodestar.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.FormSession;
import org.lodestar.LodestarTest;
import org.lodestar.TestClock;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import tools.jackson.databind.JsonNode;

/**
 * An SMB customer whose first contract starts on 1 December 2026, in onboarding, with no usage, no champion and no call
 * logged, scored by the shipped onboarding scorecard: on day 0 it has no score (nothing can be judged yet), not a red
 * one; on day 30 it is red: active days missing, penalty 30 × 30; champion 0 × 20; engagement missing, penalty 0 × 20;
 * utilisation excluded, no urgent ticket → 900 / 70 = 12.86.
 */
@LodestarTest
@Import(TestClock.Config.class)
class NewCustomerHealthTest {

    private static final LocalDate START = LocalDate.of(2026, 12, 1);
    private static final String MAYA = "maya@lodestar.test";

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    TestClock clock;
    @Autowired
    HealthScores scores;
    @Autowired
    org.lodestar.signals.Signals signals;

    private static JsonNode measure(JsonNode health, String key) {
        return health.get("measures").valueStream().filter(m -> m.get("key").asString().equals(key)).findFirst().orElseThrow();
    }

    /** Maya's SMB customer in a stage, its one contract (5 seats, 6,000 ARR) from {@code start} to a year after START; scored. */
    private long smbCustomer(ApiClient api, String externalId, String stage, LocalDate start) {
        long id = api.post("/api/accounts", "{\"externalId\":\"" + externalId + "\",\"name\":\"" + externalId
                + "\",\"stage\":\"" + stage + "\",\"owner\":\"" + MAYA + "\"}").json().get("id").asLong();
        ApiClient.Response contract = api.post("/api/accounts/" + id + "/subscriptions", "{\"externalId\":\"" + externalId
                + "-1\",\"startDate\":\"" + start + "\",\"endDate\":\"" + START.plusYears(1) + "\",\"autoRenew\":true,"
                + "\"lineItems\":[{\"plan\":\"starter\",\"module\":\"core\",\"seats\":5,\"arr\":6000}]}");
        assertThat(contract.status()).as(contract.body()).isEqualTo(201);
        scores.recompute(List.of(id), n -> {
        });
        return id;
    }

    @Test
    void aNewCustomerHasNoScoreUntilItCanBeJudgedAndIsRedOnDay30WithNothingGoing() {
        clock.setDay(START);
        book.empty();
        ApiClient api = new ApiClient(port, book.tokenFor(MAYA, Role.CSM, TokenScope.WRITE));
        long id = smbCustomer(api, "NEW", "onboarding", START);
        JsonNode day0 = api.get("/api/accounts/" + id + "/health").json();
        assertThat(day0.get("scorecard").asString()).isEqualTo("onboarding");
        assertThat(day0.get("score").isNull()).isTrue();
        assertThat(day0.get("band").asString()).isEqualTo("none");
        assertThat(day0.get("note").asString()).isEqualTo("No score yet: a new account is judged only on what can exist "
                + "at its age, and this scorecard judges its first measures from day 7.");
        assertThat(measure(day0, "active-days").get("policy").asString()).isEqualTo("not judged before day 14 (account on day 0)");
        assertThat(measure(day0, "champion").get("policy").asString()).isEqualTo("not judged before day 14 (account on day 0)");

        FormSession maya = new FormSession(port);
        maya.signIn(MAYA, "password-1234");
        assertThat(maya.send("GET", "/accounts/" + id + "/health", Map.of()).body()).contains("id=\"health-note\"",
                "judges its first measures from day 7", "not judged before day 14 (account on day 0)");

        clock.setDay(START.plusDays(30));
        scores.recompute(List.of(id), n -> {
        });
        JsonNode day30 = api.get("/api/accounts/" + id + "/health").json();
        assertThat(day30.get("score").decimalValue()).isEqualByComparingTo("12.9");
        assertThat(day30.get("band").asString()).isEqualTo("red");
        assertThat(day30.get("note").isNull()).isTrue();
        assertThat(measure(day30, "active-days").get("policy").asString()).isEqualTo("penalty 30");
    }

    /**
     * An SMB customer of two years moved into Lodestar today: past onboarding, its usage and surveys not connected yet.
     * The SMB scorecard's only measure with data (no ticket open) carries 5% of the weight judged, under its minimum of
     * 15%: no score and no signal, rather than 56.7 (red, from an NPS filled in at 50 and 70 for no ticket) and a rescue.
     */
    @Test
    void aCustomerMovedInBeforeItsDataHasNoScoreAndStartsNothing() {
        clock.setDay(START);
        book.empty();
        ApiClient api = new ApiClient(port, book.tokenFor(MAYA, Role.CSM, TokenScope.WRITE));
        long id = smbCustomer(api, "OLD", "mature", START.minusYears(2));
        JsonNode health = api.get("/api/accounts/" + id + "/health").json();
        assertThat(health.get("scorecard").asString()).isEqualTo("smb");
        assertThat(health.get("score").isNull()).isTrue();
        assertThat(health.get("band").asString()).isEqualTo("none");
        assertThat(health.get("note").asString()).isEqualTo("No score: only 5% of the weight judged has data (Open "
                + "tickets), and this scorecard scores an account from 15% (minimum-data).");
        org.lodestar.audit.Actors.runAs(org.lodestar.audit.Actor.system(), () -> signals.evaluate(List.of(id)));
        assertThat(signals.openSignals(List.of(id))).isEmpty();

        FormSession maya = new FormSession(port);
        maya.signIn(MAYA, "password-1234");
        assertThat(maya.send("GET", "/accounts/" + id + "/health", Map.of()).body()).contains("id=\"health-note\"",
                "only 5% of the weight judged has data");
    }
}
