package org.lodestar.usage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.lodestar.usage.EventLog;
import org.lodestar.usage.TrackedMessage;
import org.lodestar.usage.Tracker;
import org.lodestar.usage.UsageRollups;
import org.lodestar.usage.WriteKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Segment-compatible tracking API end to end: write keys, de-duplication, batch context, clock
 * skew, group calls tying users to accounts, gzip, limits, and the rollups it feeds.
 */
@LodestarTest
class TrackingApiTest {

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    WriteKeys writeKeys;
    @Autowired
    UsageRollups rollups;
    @Autowired
    IngestQueue queue;
    @Autowired
    EventLog eventLog;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;
    ApiClient api;
    Tracker tracker;
    long acme;
    long bolt;

    @BeforeEach
    void setUp() {
        book.empty();
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        acme = account("ACME", "acme-workspace");
        bolt = account("BOLT", null);
        String key = Actors.runAs(Actor.system(), () -> writeKeys.create("tests").secret());
        tracker = new Tracker(port, key);
    }

    @Test
    void numbersBeyondADoubleAreStoredAsSentAndReadBack() {
        ApiClient.Response answer = tracker.send("track", """
                {"userId":"u1","event":"Quote Sent","messageId":"m-huge","context":{"groupId":"acme-workspace"},
                 "properties":{"amount":1e400,"tiny":1e-400,"exact":0.1000000000000000055511151231257827}}""");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        String payload = jdbc.sql("select payload from tracked_event where message_id = 'm-huge'").query(String.class)
                .single();
        JsonNode properties = JsonMapper.builder().build().reader()
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(payload).get("properties");
        assertThat(properties.get("amount").decimalValue()).isEqualByComparingTo("1e400");
        assertThat(properties.get("tiny").decimalValue()).isEqualByComparingTo("1e-400");
        assertThat(properties.get("exact").decimalValue()).isEqualByComparingTo("0.1000000000000000055511151231257827");
    }

    @Test
    void aTrackCallIsStoredOnTheAccountOfItsGroupAndARetryCountsOnce() {
        String call = """
                {"userId":"u1","event":"Report Viewed","messageId":"m-1","timestamp":"2026-03-02T10:00:00Z",
                 "context":{"groupId":"acme-workspace"},"properties":{"module":"analytics",
                 "note":"tab\\there, \\"quoted\\", back\\\\slash, line\\nbreak, ünïcødé"}}""";
        ApiClient.Response first = tracker.send("track", call);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("{\"success\":true}");
        assertThat(tracker.send("track", call).status()).isEqualTo(200);

        assertThat(jdbc.sql("select count(*) from tracked_event where message_id = 'm-1'").query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select account_id from tracked_event where message_id = 'm-1'").query(Long.class).single())
                .isEqualTo(acme);
        assertThat(jdbc.sql("select payload from tracked_event where message_id = 'm-1'").query(String.class).single())
                .contains("\"note\":\"tab\\there, \\\"quoted\\\", back\\\\slash, line\\nbreak, ünïcødé\"");
        rollups.drain();
        assertThat(day(acme, "2026-03-02")).isEqualTo(Map.of("events", 1L, "active_users", 1L));
        assertThat(jdbc.sql("select module from usage_feature_day where account_id = ? and feature = 'Report Viewed'")
                .param(acme).query(String.class).single()).isEqualTo("analytics");
    }

    @Test
    void theSameBatchSentByFourClientsAtOnceIsStoredOnce() throws Exception {
        for (int round = 0; round < 5; round++) {
            StringBuilder batch = new StringBuilder("{\"context\":{\"groupId\":\"BOLT\"},\"batch\":[");
            for (int i = 0; i < 200; i++) {
                batch.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"userId\":\"r").append(i % 9)
                        .append("\",\"event\":\"Saved\",\"messageId\":\"race-").append(round).append('-').append(i)
                        .append("\"}");
            }
            String body = batch.append("]}").toString();
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            try (var clients = java.util.concurrent.Executors.newFixedThreadPool(4)) {
                for (int c = 0; c < 4; c++) {
                    answers.add(clients.submit(() -> tracker.send("batch", body).status()));
                }
                for (var answer : answers) {
                    assertThat(answer.get()).isEqualTo(200);
                }
            }
        }
        assertThat(jdbc.sql("select count(*) from tracked_event where message_id like 'race-%'").query(Long.class)
                .single()).isEqualTo(1000);
        rollups.drain();
        assertThat(jdbc.sql("select sum(events) from usage_day where account_id = ?").param(bolt).query(Long.class)
                .single()).isEqualTo(1000);
    }

    @Test
    void aRequestTheDatabaseRefusesFailsAloneWhenItSharesATransactionWithOthers() {
        long key = jdbc.sql("select max(id) from write_key").query(Long.class).single();
        Instant now = clock.instant();
        List<java.util.concurrent.CompletableFuture<Void>> good = new java.util.ArrayList<>();
        // Submitted back to back, so the writer takes several of them into one transaction.
        for (int i = 0; i < 10; i++) {
            good.add(queue.submit(key, List.of(call("track", "group-" + i, now)), now));
        }
        var bad = queue.submit(key, List.of(call("screenshots", "group-bad", now)), now); // type longer than its column
        for (int i = 10; i < 20; i++) {
            good.add(queue.submit(key, List.of(call("track", "group-" + i, now)), now));
        }
        good.forEach(java.util.concurrent.CompletableFuture::join);
        assertThat(bad).isCompletedExceptionally();
        assertThat(jdbc.sql("select count(*) from tracked_event where message_id like 'group-%'").query(Long.class)
                .single()).isEqualTo(20);
    }

    private static TrackedMessage call(String type, String messageId, Instant at) {
        return new TrackedMessage(type, messageId, "Saved", null, "g1", "BOLT", at, null, "{}");
    }

    @Test
    void aBatchMergesItsContextAndCorrectsTheClientsClockSkew() {
        Instant before = clock.instant();
        // The client's clock runs 3 hours ahead: it says it sent at 15:00 an event it recorded at 14:59:30.
        ApiClient.Response response = tracker.send("batch", """
                {"sentAt":"2026-03-02T15:00:00Z","context":{"groupId":"BOLT","library":{"name":"test"}},
                 "batch":[
                  {"type":"track","userId":"b1","event":"Login","messageId":"b-1","originalTimestamp":"2026-03-02T14:59:30Z"},
                  {"type":"page","userId":"b2","name":"Home","messageId":"b-2","timestamp":"2026-03-01T08:00:00Z",
                   "context":{"page":{"path":"/"}}},
                  {"type":"identify","userId":"b1","traits":{"email":"b1@bolt.test"},"messageId":"b-3"}
                 ]}""");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Instant after = clock.instant();

        Instant skewed = jdbc.sql("select occurred_at from tracked_event where message_id = 'b-1'")
                .query(java.sql.Timestamp.class).single().toInstant();
        // receivedAt − 30 s: between the instants around the request.
        assertThat(skewed).isBetween(before.minusSeconds(30), after.minusSeconds(30));
        assertThat(jdbc.sql("select account_id from tracked_event where message_id like 'b-%'").query(Long.class).list())
                .containsOnly(bolt).hasSize(3);
        String page = jdbc.sql("select payload from tracked_event where message_id = 'b-2'").query(String.class).single();
        assertThat(page).contains("\"groupId\":\"BOLT\"").contains("\"library\"").contains("\"path\":\"/\"");
        assertThat(jdbc.sql("select traits from tracked_user where user_key = 'b1'").query(String.class).single())
                .contains("b1@bolt.test");

        rollups.drain();
        LocalDate skewedDay = LocalDate.ofInstant(skewed, ZoneOffset.UTC);
        assertThat(day(bolt, skewedDay.toString())).isEqualTo(Map.of("events", 1L, "active_users", 1L));
        assertThat(day(bolt, "2026-03-01")).isEqualTo(Map.of("events", 1L, "active_users", 1L));
    }

    @Test
    void callsOfAUserWithoutAnAccountWaitUntilAGroupCallTiesThemAndLateEventsCorrectTheirDay() {
        assertThat(tracker.send("track", """
                {"userId":"c1","event":"Export","messageId":"c-1","timestamp":"2026-02-10T09:00:00Z"}""").status())
                .isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from unattributed_event").query(Long.class).single()).isEqualTo(1);
        assertThat(tracker.sendGzipped("group", """
                {"userId":"c1","groupId":"acme-workspace","messageId":"c-2","timestamp":"2026-02-11T09:00:00Z",
                 "traits":{"name":"Acme"}}""").status()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from unattributed_event").query(Long.class).single()).isZero();
        assertThat(tracker.send("track", """
                {"userId":"c1","event":"Export","messageId":"c-3","timestamp":"2026-02-10T18:00:00Z"}""").status())
                .isEqualTo(200);
        rollups.drain();
        assertThat(day(acme, "2026-02-10")).isEqualTo(Map.of("events", 2L, "active_users", 1L));
        // The group call is not usage.
        assertThat(jdbc.sql("select count(*) from usage_day where account_id = ? and on_date = ?")
                .params(acme, LocalDate.parse("2026-02-11")).query(Long.class).single()).isZero();

        // A late event from another user for the same day, arriving after the day was rolled up.
        tracker.send("track", """
                {"userId":"c2","event":"Import","messageId":"c-4","timestamp":"2026-02-10T23:59:59Z",
                 "context":{"groupId":"acme-workspace"}}""");
        rollups.drain();
        assertThat(day(acme, "2026-02-10")).isEqualTo(Map.of("events", 3L, "active_users", 2L));
        assertThat(rollupsMatchTheEvents()).isTrue();
        // Recounting from scratch gives what the increments gave.
        rollups.rebuild(List.of(acme));
        assertThat(day(acme, "2026-02-10")).isEqualTo(Map.of("events", 3L, "active_users", 2L));
        assertThat(rollupsMatchTheEvents()).isTrue();
    }

    @Test
    void aBatchIsStoredAsSentAndAsTheSameCallsAppendedDirectlyWouldBe() {
        // On PostgreSQL the API encodes COPY lines in the request's thread; EventLog.append encodes them
        // in the writer; H2 inserts. Every way must store the same rows.
        String item = "{\"type\":\"track\", \"userId\":\"tab\\tuser\",\"event\":\"Back\\\\slash\\nline\","
                + "\"messageId\":\"%s-1\",\"timestamp\":\"2026-03-02T10:00:00.250Z\","
                + "\"context\":{\"groupId\":\"acme-workspace\"},"
                + "\"properties\":{\"module\":\"ünïcødé\",\"exact\":1.50}}";
        String waiting = "{\"type\":\"page\",\"anonymousId\":\"anon\",\"name\":\"Home\",\"messageId\":\"%s-2\"}";
        String body = "{\"batch\":[" + item.formatted("api") + ",\n" + waiting.formatted("api") + "]}";
        assertThat(tracker.send("batch", body).status()).isEqualTo(200);
        long otherKey = Actors.runAs(Actor.system(), () -> writeKeys.create("direct").key().id());
        Instant received = clock.instant();
        List<TrackedMessage> same = new TrackingPayloads(JsonMapper.builder().build()).read("batch",
                body.replace("api-", "direct-").getBytes(StandardCharsets.UTF_8), received).messages();
        eventLog.append(otherKey, same, received);

        assertThat(jdbc.sql("select payload from tracked_event where message_id = 'api-1'").query(String.class)
                .single()).isEqualTo(item.formatted("api"));
        String columns = "type, event, module, user_key, group_id, account_id, on_date, occurred_at, "
                + "replace(payload, 'direct-', 'api-') as payload";
        List<Map<String, Object>> viaApi = jdbc.sql("select " + columns + " from tracked_event where message_id = "
                + "'api-1'").query().listOfRows();
        assertThat(viaApi).singleElement().satisfies(row -> {
            assertThat(row.get("event")).isEqualTo("Back\\slash\nline");
            assertThat(row.get("user_key")).isEqualTo("tab\tuser");
            assertThat(row.get("module")).isEqualTo("ünïcødé");
            assertThat(row.get("account_id")).isEqualTo(acme);
            assertThat(row.get("on_date")).isEqualTo(Date.valueOf("2026-03-02"));
        });
        assertThat(jdbc.sql("select " + columns + " from tracked_event where message_id = 'direct-1'").query()
                .listOfRows()).isEqualTo(viaApi);
        String waitingColumns = "type, event, user_key, on_date, replace(payload, 'direct-', 'api-') as payload";
        List<Map<String, Object>> waitingViaApi = jdbc.sql("select " + waitingColumns + " from unattributed_event "
                + "where message_id = 'api-2'").query().listOfRows();
        assertThat(waitingViaApi).singleElement()
                .satisfies(row -> assertThat(row.get("user_key")).isEqualTo("anonymous:anon"));
        assertThat(jdbc.sql("select " + waitingColumns + " from unattributed_event where message_id = 'direct-2'")
                .query().listOfRows()).isEqualTo(waitingViaApi);
    }

    @Test
    void badCallsGetA400NamingWhereAndNothingOfTheRequestIsKept() {
        ApiClient.Response missingEvent = tracker.send("batch", """
                {"batch":[{"type":"track","userId":"u","event":"Fine","messageId":"x-1","context":{"groupId":"BOLT"}},
                          {"type":"track","userId":"u","messageId":"x-2"}]}""");
        assertThat(missingEvent.status()).isEqualTo(400);
        assertThat(missingEvent.body()).contains("batch[1].event: is required");
        assertThat(jdbc.sql("select count(*) from tracked_event").query(Long.class).single()).isZero();

        assertThat(tracker.send("batch", "{\"batch\":[{\"type\":\"sneeze\",\"userId\":\"u\"}]}").body())
                .contains("batch[0].type").contains("sneeze");
        assertThat(tracker.send("track", "{\"event\":\"E\"}").body()).contains("userId").contains("anonymousId");
        assertThat(tracker.send("track", "{\"userId\":\"u\",\"event\":\"E\",\"timestamp\":\"yesterday\"}").body())
                .contains("timestamp").contains("ISO-8601");
        assertThat(tracker.send("track", "{not json").body()).contains("not valid JSON");

        String big = "x".repeat(33 * 1024);
        ApiClient.Response tooBigEvent = tracker.send("batch",
                "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"blob\":\"" + big + "\"}}]}");
        assertThat(tooBigEvent.status()).isEqualTo(400);
        assertThat(tooBigEvent.body()).contains("batch[0]").contains("32 KB");
        StringBuilder many = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < 20; i++) {
            many.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"blob\":\"")
                    .append("y".repeat(30 * 1024)).append("\"}}");
        }
        ApiClient.Response tooBigBatch = tracker.sendGzipped("batch", many.append("]}").toString());
        assertThat(tooBigBatch.status()).isEqualTo(400);
        assertThat(tooBigBatch.body()).contains("500 KB");
        ApiClient.Response notGzip = tracker.send("track", "{}".getBytes(), true);
        assertThat(notGzip.status()).isEqualTo(400);
        assertThat(notGzip.body()).contains("gzip");
        assertThat(jdbc.sql("select count(*) from tracked_event").query(Long.class).single()).isZero();
    }

    @Test
    void writeKeysAreRequiredRevocableAndManagedByAdminsOnly() {
        String call = "{\"userId\":\"u\",\"event\":\"E\",\"context\":{\"groupId\":\"BOLT\"}}";
        ApiClient.Response anonymous = new Tracker(port, null).send("track", call);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).contains("Basic user name");
        assertThat(new Tracker(port, "lwk_wrong").send("track", call).status()).isEqualTo(401);

        ApiClient.Response created = api.post("/api/write-keys", "{\"name\":\"mobile app\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String secret = created.json().get("secret").asString();
        long id = created.json().get("key").get("id").asLong();
        String inBody = "{\"writeKey\":\"" + secret + "\",\"userId\":\"u\",\"event\":\"E\",\"context\":{\"groupId\":\"BOLT\"}}";
        assertThat(new Tracker(port, null).send("track", inBody).status()).isEqualTo(200);
        assertThat(api.get("/api/write-keys").body()).contains("mobile app").doesNotContain(secret);

        String csm = book.tokenFor("csm@lodestar.test", Role.CSM, TokenScope.WRITE);
        assertThat(api.as(csm).post("/api/write-keys", "{\"name\":\"sneaky\"}").status()).isEqualTo(403);
        assertThat(api.as(csm).post("/api/write-keys/" + id + "/revoke", "").status()).isEqualTo(403);

        assertThat(api.post("/api/write-keys/" + id + "/revoke", "").json().get("revokedAt").isNull()).isFalse();
        assertThat(new Tracker(port, secret).send("track", call).status()).isEqualTo(401);
        assertThat(api.get("/api/audit?entityType=write-key").body()).contains("Created write key 'mobile app'")
                .contains("Revoked write key 'mobile app'");
        assertThat(api.post("/api/write-keys", "{\"name\":\"\"}").body()).contains("name").contains("1 to 100");
    }

    private boolean rollupsMatchTheEvents() {
        List<Map<String, Object>> direct = jdbc.sql("""
                select account_id, on_date, count(*) as events, count(distinct user_key) as users from tracked_event
                where type in ('track', 'page', 'screen') group by account_id, on_date order by account_id, on_date""")
                .query().listOfRows();
        List<Map<String, Object>> rolled = jdbc.sql("""
                select account_id, on_date, events, active_users as users from usage_day order by account_id, on_date""")
                .query().listOfRows();
        return direct.toString().equals(rolled.toString());
    }

    private Map<String, Long> day(long account, String day) {
        return jdbc.sql("select events, active_users from usage_day where account_id = ? and on_date = ?")
                .params(account, LocalDate.parse(day))
                .query((rs, n) -> Map.of("events", rs.getLong("events"), "active_users", rs.getLong("active_users")))
                .single();
    }

    private long account(String externalId, String productGroupId) {
        ApiClient.Response created = api.post("/api/accounts", "{\"externalId\":\"" + externalId + "\",\"name\":\""
                + externalId + " Inc\"" + (productGroupId == null ? "" : ",\"productGroupId\":\"" + productGroupId + "\"")
                + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }
}
