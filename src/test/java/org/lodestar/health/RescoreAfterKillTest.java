package org.lodestar.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lodestar.ApiClient;
import org.lodestar.DatabaseAvailable;
import org.lodestar.LodestarProcess;

import tools.jackson.databind.JsonNode;

/**
 * Durable freshness: usage is rolled up, then the server is killed (SIGKILL) before the rescore that
 * the rollup asked for. Restarted on the same database, with no nightly pass and no start-up recompute,
 * the score catches up by itself: the rescore's event was stored with the rollup and is published again.
 * To stop the server between rollup and rescore every time, the second run holds rescores back
 * ({@code lodestar.health.test-rescore-delay}, a property for tests only).
 */
@Tag("slow")
@ExtendWith(DatabaseAvailable.class)
class RescoreAfterKillTest {

    /** Nothing but events may bring the score up to date. */
    private static final Map<String, String> NO_PASSES = Map.of("lodestar.health.recompute-cron", "-",
            "lodestar.health.recompute-on-start", "false", "lodestar.signals.evaluate-on-start", "false",
            "lodestar.contracts.refresh-cron", "-");
    private static final String HEALTH_LISTENER = "%HealthFreshness%RescoreDue%";

    private final String databaseName = "lodestar_rescore_kill_" + ProcessHandle.current().pid();
    private String databaseUrl;
    private LodestarProcess server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.kill();
        }
        LodestarProcess.dropDatabase(databaseName);
    }

    @Test
    void aRescoreCutOffByAKillHappensAfterTheRestart() throws Exception {
        databaseUrl = LodestarProcess.database(databaseName);

        // A scored account, no usage yet.
        server = LodestarProcess.start(databaseUrl, NO_PASSES);
        ApiClient api = server.api();
        long id = api.post("/api/accounts", "{\"externalId\":\"ACME\",\"name\":\"Acme\",\"stage\":\"adoption\","
                + "\"productGroupId\":\"ws-acme\"}").json().get("id").asLong();
        String writeKey = api.post("/api/write-keys", "{\"name\":\"kill test\"}").json().get("secret").asString();
        JsonNode unused = healthWhen(api, id, h -> measure(h, "active-days").get("missing").asBoolean());
        assertThat(unused.get("asOf").asString()).isNotBlank();
        server.kill();

        // Rescores held back: the usage is rolled up and the account marked due, then the server dies.
        Map<String, String> held = new HashMap<>(NO_PASSES);
        held.put("lodestar.health.test-rescore-delay", "PT10M");
        server = LodestarProcess.start(databaseUrl, held);
        assertThat(track(server.port(), writeKey)).isEqualTo(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count("select count(*) from usage_day where account_id = " + id) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(count("select sum(events) from usage_day where account_id = " + id)).as("events rolled up").isEqualTo(1);
        assertThat(count("select count(*) from health_rescore_due where account_id = " + id)).as("marked due").isEqualTo(1);
        assertThat(count("select count(*) from event_publication where completion_date is null and listener_id like '"
                + HEALTH_LISTENER + "'")).as("rescore events waiting").isPositive();
        assertThat(measure(server.api().get("/api/accounts/" + id + "/health").json(), "active-days").get("missing")
                .asBoolean()).as("not rescored yet").isTrue();
        server.kill();

        // Restarted as usual: the stored event is published again and the score follows the usage.
        server = LodestarProcess.start(databaseUrl, NO_PASSES);
        JsonNode caughtUp = healthWhen(server.api(), id, h -> !measure(h, "active-days").get("missing").asBoolean());
        assertThat(measure(caughtUp, "active-days").get("value").asInt()).isEqualTo(1);
        deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count("select count(*) from health_rescore_due") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(count("select count(*) from health_rescore_due")).as("accounts still due").isZero();
    }

    private static int track(int port, String writeKey) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/batch"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((writeKey + ":")
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"context\":{\"groupId\":\"ws-acme\"},\"batch\":[{\"type\":"
                        + "\"track\",\"event\":\"Report Viewed\",\"userId\":\"u1\",\"messageId\":\"kill-1\"}]}"))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Polls the health API: rescoring follows commits in the background, so the test waits for it, with a bound. */
    private static JsonNode healthWhen(ApiClient api, long id, Predicate<JsonNode> ready) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        ApiClient.Response last = null;
        while (System.nanoTime() < deadline) {
            last = api.get("/api/accounts/" + id + "/health");
            if (last.status() == 200 && ready.test(last.json())) {
                return last.json();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("health never became as expected; last answer: " + (last == null ? "none" : last.body()));
    }

    private static JsonNode measure(JsonNode health, String key) {
        return LodestarProcess.measure(health, key);
    }

    private long count(String sql) throws SQLException {
        return LodestarProcess.count(databaseUrl, sql);
    }
}
