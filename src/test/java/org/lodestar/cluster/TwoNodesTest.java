package org.lodestar.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lodestar.ApiClient;
import org.lodestar.DatabaseAvailable;
import org.lodestar.LodestarProcess;
import org.lodestar.TestDatabase;

import tools.jackson.databind.JsonNode;

/**
 * Two Lodestar processes on one PostgreSQL database, as behind a load balancer. Usage and urgent tickets
 * arrive through both at once (each account's two tickets one through each node, so both nodes rescore
 * and evaluate the same account together) while both nodes' timers fire the nightly health recompute and
 * the daily signal pass every four seconds and resubmit incomplete events after ten. Afterwards: every
 * event is stored and counted once, every account is scored on its usage, each ticket fired one signal,
 * each account one major-incident play with its six tasks, nothing doubled, and each firing of a pass ran
 * on one node only.
 */
@Tag("slow")
@ExtendWith(DatabaseAvailable.class)
class TwoNodesTest {

    private static final int ACCOUNTS = 20;
    private static final int BATCHES_PER_NODE = 30;
    private static final int EVENTS_PER_BATCH = 100;

    private final String databaseName = "lodestar_two_nodes_" + ProcessHandle.current().pid();
    private String databaseUrl;
    private final List<LodestarProcess> nodes = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (LodestarProcess node : nodes) {
            node.kill();
        }
        if (databaseUrl != null) {
            LodestarProcess.dropDatabase(databaseName);
        }
    }

    @Test
    void twoNodesDoNoWorkTwiceAndLoseNothing() throws Exception {
        assumeTrue(TestDatabase.postgres(), "several nodes share a PostgreSQL database (the H2 file is for one)");
        databaseUrl = LodestarProcess.database(databaseName);
        Map<String, String> properties = new HashMap<>();
        properties.put("lodestar.health.recompute-cron", "*/4 * * * * *");
        properties.put("lodestar.signals.daily-cron", "*/4 * * * * *");
        properties.put("lodestar.cluster.pass-spacing", "PT2S");
        properties.put("lodestar.events.resubmit-delay-ms", "5000");
        properties.put("lodestar.events.resubmit-older-than", "PT10S");
        properties.put("logging.level.org.lodestar.health.HealthFreshness", "info");
        properties.put("logging.level.org.lodestar.signals.SignalFreshness", "info");
        nodes.add(LodestarProcess.start(databaseUrl, properties));
        nodes.add(LodestarProcess.start(databaseUrl, properties));
        ApiClient a = nodes.get(0).api();
        ApiClient b = nodes.get(1).api();

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            ApiClient api = i % 2 == 0 ? a : b;
            long id = api.post("/api/accounts", "{\"externalId\":\"N" + i + "\",\"name\":\"Node test " + i
                    + "\",\"stage\":\"mature\",\"productGroupId\":\"ws-" + i + "\"}").json().get("id").asLong();
            ApiClient.Response contract = api.post("/api/accounts/" + id + "/subscriptions", "{\"externalId\":\"N" + i
                    + "-1\",\"startDate\":\"" + today.minusDays(100) + "\",\"endDate\":\"" + today.plusDays(265)
                    + "\",\"lineItems\":[{\"plan\":\"enterprise\",\"seats\":50,\"arr\":120000}]}");
            assertThat(contract.status()).as(contract.body()).isEqualTo(201);
            ids.add(id);
        }
        String writeKey = a.post("/api/write-keys", "{\"name\":\"two nodes\"}").json().get("secret").asString();

        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Integer>> work = new ArrayList<>();
        for (int n = 0; n < 2; n++) {
            int node = n;
            work.add(clients.submit(() -> ingest(nodes.get(node).port(), writeKey, node)));
            work.add(clients.submit(() -> {
                ApiClient api = node == 0 ? a : b;
                int created = 0;
                for (int i = 0; i < ACCOUNTS; i++) {
                    ApiClient.Response ticket = api.post("/api/accounts/" + ids.get(i) + "/tickets", "{\"externalId\":\"U" + i
                            + "-" + node + "\",\"subject\":\"Outage " + node + "\",\"priority\":\"urgent\"}");
                    assertThat(ticket.status()).as(ticket.body()).isEqualTo(201);
                    created++;
                }
                return created;
            }));
        }
        int acknowledged = 0;
        for (int i = 0; i < work.size(); i++) {
            int done = work.get(i).get();
            if (i % 2 == 0) {
                acknowledged += done;
            }
        }
        clients.shutdown();
        int sent = 2 * BATCHES_PER_NODE * EVENTS_PER_BATCH;
        assertThat(acknowledged).as("events acknowledged").isEqualTo(sent);

        awaitQuiet();

        // No event lost, none counted twice.
        assertThat(count("select count(*) from tracked_event")).isEqualTo(sent);
        assertThat(count("select count(distinct message_id) from tracked_event")).isEqualTo(sent);
        assertThat(count("select sum(events) from usage_day")).as("events in the rollups").isEqualTo(sent);
        for (long id : ids) {
            JsonNode health = a.get("/api/accounts/" + id + "/health").json();
            assertThat(measure(health, "active-days").get("missing").asBoolean()).as("account " + id + " scored on its usage")
                    .isFalse();
        }

        // One signal per urgent ticket, one major-incident play per account with its six tasks, nothing doubled.
        assertThat(count("select count(*) from signal where rule = 'urgent-ticket'")).isEqualTo(2 * ACCOUNTS);
        assertThat(count("select count(*) from (select account_id, cause_key from signal where resolved_at is null "
                + "group by account_id, cause_key having count(*) > 1) d")).as("open signals doubled").isZero();
        assertThat(count("select count(*) from play where playbook = 'major-incident'")).isEqualTo(ACCOUNTS);
        assertThat(count("select count(*) from (select account_id, playbook from play where status = 'open' "
                + "group by account_id, playbook having count(*) > 1) d")).as("open plays doubled").isZero();
        assertThat(count("select count(*) from (select signal_id, playbook from play group by signal_id, playbook "
                + "having count(*) > 1) d")).as("plays started twice from one signal").isZero();
        assertThat(count("select count(*) from task t join play p on p.id = t.play_id where p.playbook = 'major-incident'"))
                .isEqualTo(6L * ACCOUNTS);
        assertThat(count("select count(*) from (select play_id, title from task where play_id is not null "
                + "group by play_id, title having count(*) > 1) d")).as("tasks doubled").isZero();
        assertThat(count("select count(*) from task where outreach is not null and play_id in (select id from play "
                + "where playbook = 'major-incident')")).as("outreach tasks, one per play").isEqualTo(ACCOUNTS);
        assertThat(count("select count(*) from (select account_id, template, created_at from outreach_message "
                + "group by account_id, template, created_at having count(*) > 1) d")).as("outreach doubled").isZero();

        // Each firing of a pass ran on one node: no second of the two logs (lines start with the time) has two runs of one pass.
        for (String pass : List.of("Daily health recompute:", "Daily signal pass:")) {
            List<String> seconds = Stream.concat(Files.readAllLines(nodes.get(0).log()).stream(),
                    Files.readAllLines(nodes.get(1).log()).stream()).filter(line -> line.contains(pass))
                    .map(line -> line.substring(0, 8)).toList();
            assertThat(seconds).as(pass + " runs").hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates();
        }
    }

    /** Posts this node's batches, each for one account; returns the events acknowledged. */
    private static int ingest(int port, String writeKey, int node) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        int acknowledged = 0;
        for (int batch = 0; batch < BATCHES_PER_NODE; batch++) {
            StringBuilder body = new StringBuilder("{\"context\":{\"groupId\":\"ws-" + (batch % ACCOUNTS) + "\"},\"batch\":[");
            for (int e = 0; e < EVENTS_PER_BATCH; e++) {
                body.append(e == 0 ? "" : ",").append("{\"type\":\"track\",\"event\":\"Report Viewed\",\"userId\":\"u")
                        .append(e % 5).append("\",\"messageId\":\"n").append(node).append("-b").append(batch).append("-e")
                        .append(e).append("\"}");
            }
            body.append("]}");
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/batch"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((writeKey + ":")
                            .getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build();
            if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                acknowledged += EVENTS_PER_BATCH;
            }
        }
        return acknowledged;
    }

    /**
     * Waits until nothing is left to roll up, rescore or hand to a listener, three checks in a row (work
     * follows commits in the background, on either node), for at most two minutes.
     */
    private void awaitQuiet() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        int quiet = 0;
        while (quiet < 3) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still busy after two minutes: " + count("select count(*) from ingest_batch")
                        + " batches, " + count("select count(*) from health_rescore_due") + " accounts due, "
                        + count("select count(*) from event_publication where completion_date is null") + " events");
            }
            boolean idle = count("select count(*) from ingest_batch") == 0 && count("select count(*) from health_rescore_due") == 0
                    && count("select count(*) from event_publication where completion_date is null") == 0;
            quiet = idle ? quiet + 1 : 0;
            Thread.sleep(500);
        }
    }

    private static JsonNode measure(JsonNode health, String key) {
        return LodestarProcess.measure(health, key);
    }

    private long count(String sql) throws SQLException {
        return LodestarProcess.count(databaseUrl, sql);
    }
}
