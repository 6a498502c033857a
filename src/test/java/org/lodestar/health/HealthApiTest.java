package org.lodestar.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.usage.UsageRollups;
import org.lodestar.usage.WriteKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** Health through the API with the shipped scorecards: freshness, the explanation, what moved it, history, backtest. */
@LodestarTest
class HealthApiTest {

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    Clock clock;
    @Autowired
    HealthScores scores;
    @Autowired
    WriteKeys writeKeys;
    @Autowired
    UsageRollups rollups;

    ApiClient api;
    LocalDate today;

    @BeforeEach
    void setUp() {
        book.empty();
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private long account(String externalId, LocalDate start, LocalDate end) {
        long id = api.post("/api/accounts", "{\"externalId\":\"" + externalId + "\",\"name\":\"" + externalId + "\",\"stage\":\"adoption\"}").json()
                .get("id").asLong();
        ApiClient.Response contract = api.post("/api/accounts/" + id + "/subscriptions", "{\"externalId\":\"" + externalId
                + "-1\",\"startDate\":\"" + start + "\",\"endDate\":\"" + end + "\",\"autoRenew\":false,\"lineItems\":["
                + "{\"plan\":\"growth\",\"module\":\"core\",\"seats\":10,\"arr\":60000}]}");
        assertThat(contract.status()).as(contract.body()).isEqualTo(201);
        // An NPS answer 210 days ago, within the 180 days each backtest date looks back: data to score on.
        ApiClient.Response survey = api.post("/api/accounts/" + id + "/surveys", "{\"externalId\":\"" + externalId
                + "-NPS\",\"kind\":\"nps\",\"score\":8,\"respondedAt\":\"" + today.minusDays(210) + "T12:00:00Z\"}");
        assertThat(survey.status()).as(survey.body()).isEqualTo(201);
        for (String role : new String[] { "economic-sponsor", "champion" }) {
            ApiClient.Response contact = api.post("/api/accounts/" + id + "/stakeholders", "{\"email\":\"" + role + "@"
                    + externalId.toLowerCase() + ".example\",\"name\":\"A " + role + "\",\"role\":\"" + role + "\"}");
            assertThat(contact.status()).as(contact.body()).isEqualTo(201);
        }
        return id;
    }

    /** Polls the account's health until it satisfies {@code ready}: rescoring happens after commit, in the background. */
    private JsonNode healthWhen(long id, Predicate<JsonNode> ready) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        ApiClient.Response last = null;
        while (System.nanoTime() < deadline) {
            last = api.get("/api/accounts/" + id + "/health");
            if (last.status() == 200 && matches(ready, last.json())) {
                return last.json();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("health never became as expected; last answer: " + (last == null ? "none" : last.body()));
    }

    private static boolean matches(Predicate<JsonNode> ready, JsonNode health) {
        try {
            return ready.test(health);
        } catch (AssertionError e) {
            return false; // e.g. scored with another scorecard before the contract set its segment
        }
    }

    private static JsonNode measure(JsonNode health, String key) {
        for (JsonNode m : health.get("measures")) {
            if (m.get("key").asString().equals(key)) {
                return m;
            }
        }
        throw new AssertionError("no measure " + key + " in " + health);
    }

    @Test
    void newDataRescoresTheAccountAndTheExplanationAddsUp() throws Exception {
        long id = account("FRESH", today.minusDays(100), today.plusDays(265));
        JsonNode first = healthWhen(id, h -> h.get("scorecard").asString().equals("standard")
                && measure(h, "champion").get("value").asInt() == 1);
        assertThat(first.get("scorecard").asString()).isEqualTo("standard");
        assertThat(first.get("version").asString()).isEqualTo("2026.12");
        assertThat(first.get("asOf").asString()).isEqualTo(today.toString());
        assertThat(measure(first, "active-days").get("missing").asBoolean()).isTrue();
        assertThat(measure(first, "active-days").get("policy").asString()).isEqualTo("exclude");

        // No urgent ticket is nothing happened: left out, not full marks.
        assertThat(measure(first, "urgent-tickets").get("policy").asString()).isEqualTo("nothing happened: not counted");
        assertThat(measure(first, "urgent-tickets").get("contribution").isNull()).isTrue();
        // An urgent ticket: the urgent-tickets measure goes to 1 and the score drops.
        BigDecimal before = first.get("score").decimalValue();
        assertThat(api.post("/api/accounts/" + id + "/tickets", "{\"externalId\":\"T-1\",\"subject\":\"Down\",\"status\":"
                + "\"open\",\"priority\":\"urgent\",\"createdAt\":\"" + clock.instant() + "\"}").status()).isEqualTo(201);
        JsonNode afterTicket = healthWhen(id, h -> measure(h, "urgent-tickets").get("value").asInt() == 1);
        assertThat(afterTicket.get("score").decimalValue()).isLessThan(before);

        // Product usage through the tracking API: once rolled up, active days counts it.
        String key = Actors.runAs(Actor.system(), () -> writeKeys.create("health test").secret());
        track(key, "u1", "");
        JsonNode afterUsage = healthWhen(id, h -> !measure(h, "active-days").get("missing").asBoolean());
        assertThat(measure(afterUsage, "active-days").get("value").asInt()).isEqualTo(1);
        assertThat(measure(afterUsage, "utilisation").get("value").decimalValue()).isEqualByComparingTo("10.0");
        // More of today's usage is added to the summary of earlier days; a late event for an earlier day reads it again.
        track(key, "u2", "");
        assertThat(measure(healthWhen(id, h -> measure(h, "utilisation").get("value").decimalValue().intValue() == 20),
                "active-days").get("value").asInt()).isEqualTo(1);
        track(key, "u3", ",\"timestamp\":\"" + clock.instant().minus(java.time.Duration.ofDays(3)) + "\"");
        JsonNode afterLate = healthWhen(id, h -> measure(h, "active-days").get("value").asInt() == 2);
        assertThat(measure(afterLate, "utilisation").get("value").decimalValue()).isEqualByComparingTo("30.0");
        track(key, "u1", "");
        assertThat(measure(healthWhen(id, h -> measure(h, "utilisation").get("value").decimalValue().intValue() == 30),
                "active-days").get("value").asInt()).isEqualTo(2);
        afterUsage = afterLate;

        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal shares = BigDecimal.ZERO;
        for (JsonNode m : afterUsage.get("measures")) {
            if (!m.get("contribution").isNull()) {
                sum = sum.add(m.get("contribution").decimalValue());
                shares = shares.add(m.get("share").decimalValue());
            }
        }
        assertThat(sum).isEqualByComparingTo(afterUsage.get("score").decimalValue());
        assertThat(shares.subtract(BigDecimal.valueOf(100)).abs()).isLessThanOrEqualTo(new BigDecimal("0.5"));
        BigDecimal groups = BigDecimal.ZERO;
        for (JsonNode g : afterUsage.get("groups")) {
            groups = groups.add(g.get("contribution").decimalValue());
        }
        assertThat(groups).isEqualByComparingTo(afterUsage.get("score").decimalValue());
    }

    /** One tracked event for account FRESH, rolled up at once. */
    private void track(String key, String user, String extra) throws Exception {
        HttpResponse<String> tracked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + port + "/v1/track")).header("Content-Type", "application/json").header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + user + "\",\"event\":\"Report Viewed\",\"context\":"
                        + "{\"groupId\":\"FRESH\"}" + extra + "}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tracked.statusCode()).as(tracked.body()).isEqualTo(200);
        rollups.drain();
    }

    @Test
    void whatMovedTheScoreBetweenTwoDays() throws Exception {
        long id = account("MOVED", today.minusDays(100), today.plusDays(265));
        api.post("/api/accounts/" + id + "/tickets", "{\"externalId\":\"T-2\",\"subject\":\"Down\",\"status\":\"open\","
                + "\"priority\":\"urgent\",\"createdAt\":\"" + clock.instant() + "\"}");
        healthWhen(id, h -> measure(h, "urgent-tickets").get("value").asInt() == 1);
        // Yesterday, as the data stood then: no ticket (and the contacts, recorded today with the account, were there).
        scores.backfill(today.minusDays(1), today.minusDays(1), line -> { });
        JsonNode diff = api.get("/api/accounts/" + id + "/health/diff?from=" + today.minusDays(1) + "&to=" + today).json();
        JsonNode urgent = null;
        for (JsonNode m : diff.get("measures")) {
            urgent = m.get("key").asString().equals("urgent-tickets") ? m : urgent;
        }
        assertThat(urgent.get("valueBefore").asInt()).isZero();
        assertThat(urgent.get("valueAfter").asInt()).isEqualTo(1);
        assertThat(urgent.get("note").asString()).startsWith("trouble arrived");
        assertThat(diff.get("change").decimalValue()).isNegative();
        BigDecimal moves = BigDecimal.ZERO;
        for (JsonNode m : diff.get("measures")) {
            moves = moves.add(m.get("change").decimalValue());
        }
        assertThat(moves).isEqualByComparingTo(diff.get("change").decimalValue());
        assertThat(diff.get("summary").asString()).startsWith("Score down");

        JsonNode history = api.get("/api/accounts/" + id + "/health/history?from=" + today.minusDays(1) + "&to=" + today).json();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("day").asString()).isEqualTo(today.minusDays(1).toString());
        assertThat(history.get(1).get("score").decimalValue()).isEqualByComparingTo(diff.get("after").get("score").decimalValue());
    }

    @Test
    void badRequestsGetProblemsNamingTheField() {
        long id = account("BAD", today.minusDays(100), today.plusDays(265));
        ApiClient.Response diff = api.get("/api/accounts/" + id + "/health/diff?from=" + today + "&to=" + today.minusDays(3));
        assertThat(diff.status()).isEqualTo(400);
        assertThat(diff.body()).contains("to").contains("must be on or after from");
        assertThat(api.get("/api/health/accounts?band=purple").body()).contains("band").contains("red, yellow, green");
        ApiClient.Response step = api.get("/api/health/backtest?from=2025-01-01&to=2025-06-01&step=0");
        assertThat(step.status()).isEqualTo(400);
        assertThat(step.body()).contains("step");
        assertThat(api.get("/api/health/backtest?from=2025-01-01&to=2025-06-01&candidate=nope").body())
                .contains("candidate").contains("standard usage-only");
        assertThat(api.get("/api/accounts/999999/health").status()).isEqualTo(404);
    }

    /**
     * GONE's contract ends (no renewal) 100 days ago: churn. STAYS runs on. Dates 200, 180 and 160 days ago,
     * horizon 90: GONE's churn falls within the horizon of the last two dates only. 6 pairs, 2 went badly.
     */
    @Test
    void theBacktestCanBeRecomputedFromItsPairs() {
        long gone = account("GONE", today.minusDays(400), today.minusDays(100));
        account("STAYS", today.minusDays(400), today.plusDays(200));
        JsonNode report = api.get("/api/health/backtest?from=" + today.minusDays(200) + "&to=" + today.minusDays(160)
                + "&step=20&horizon=90&pairs=true&candidate=usage-only").json();
        assertThat(report.get("dates")).hasSize(3);
        JsonNode active = report.get("results").get(0);
        assertThat(active.get("label").asString()).isEqualTo("active");
        assertThat(report.get("results").get(1).get("label").asString()).isEqualTo("standard usage-only");
        List<BacktestFigures.Pair> pairs = new ArrayList<>();
        for (JsonNode p : active.get("pairs")) {
            pairs.add(new BacktestFigures.Pair(p.get("accountId").asLong(), p.get("account").asString(),
                    p.get("segment").asString(), LocalDate.parse(p.get("day").asString()), p.get("score").decimalValue(),
                    Band.parse(p.get("band").asString()), p.get("churned").asBoolean(), p.get("contracted").asBoolean()));
        }
        assertThat(pairs).hasSize(6);
        assertThat(pairs).filteredOn(BacktestFigures.Pair::lost).extracting(BacktestFigures.Pair::accountId, BacktestFigures.Pair::day)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(gone, today.minusDays(180)),
                        org.assertj.core.groups.Tuple.tuple(gone, today.minusDays(160)));
        BacktestFigures recomputed = BacktestFigures.of(pairs);
        JsonNode total = active.get("total");
        assertThat(total.get("pairs").asInt()).isEqualTo(recomputed.pairs());
        assertThat(total.get("lost").asInt()).isEqualTo(2);
        assertThat(total.get("rate").decimalValue()).isEqualByComparingTo("33.3");
        assertThat(total.get("rate").decimalValue()).isEqualByComparingTo(recomputed.rate());
        if (recomputed.auc() != null) {
            assertThat(total.get("auc").decimalValue()).isEqualByComparingTo(recomputed.auc());
            assertThat(total.get("aucLow").decimalValue()).isEqualByComparingTo(recomputed.aucLow());
            assertThat(total.get("aucHigh").decimalValue()).isEqualByComparingTo(recomputed.aucHigh());
        }
        assertThat(total.get("roc")).hasSize(recomputed.roc().size());
        assertThat(total.get("warning").asString()).as("six pairs are too few to trust")
                .startsWith("Only 2 account-dates went badly and 4 did not");
    }
}
