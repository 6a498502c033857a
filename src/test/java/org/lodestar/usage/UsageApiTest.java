package org.lodestar.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * Usage metrics on a crafted account, counted by hand. 10 seats of core and analytics (one line
 * each). Today: u1, u2, u3 view a report (analytics). 10 days ago: u1 runs a workflow (automation,
 * not contracted). 40 days ago: u4 and u5 view a page.
 * <pre>
 * utilisation, 30 days: 3 users / 10 seats = 0.3
 * depth: {analytics} of {core, analytics} = 0.5; automation used without a contract
 * events 30 days: 4 vs 2 before → +100.0%; active users 3 vs 2 → +50.0%
 * events 60 days: 6 vs 0 before → no change to compute
 * </pre>
 */
@LodestarTest
class UsageApiTest {

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    WriteKeys writeKeys;
    @Autowired
    UsageRollups rollups;
    @Autowired
    java.time.Clock clock;

    @Test
    void metricsMatchTheHandCountedFigures() {
        book.empty();
        ApiClient api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        long acme = api.post("/api/accounts", "{\"externalId\":\"ACME\",\"name\":\"Acme\"}").json().get("id").asLong();
        ApiClient.Response contract = api.post("/api/accounts/" + acme + "/subscriptions", "{\"externalId\":\"A-1\","
                + "\"startDate\":\"" + today.minusDays(200) + "\",\"endDate\":\"" + today.plusDays(165) + "\",\"lineItems\":["
                + "{\"plan\":\"growth\",\"module\":\"core\",\"seats\":10,\"arr\":5400},"
                + "{\"plan\":\"growth\",\"module\":\"analytics\",\"seats\":10,\"arr\":1200}]}");
        assertThat(contract.status()).as(contract.body()).isEqualTo(201);
        Tracker tracker = new Tracker(port, Actors.runAs(Actor.system(), () -> writeKeys.create("app").secret()));
        StringBuilder batch = new StringBuilder("{\"context\":{\"groupId\":\"ACME\"},\"batch\":[");
        for (String user : new String[] { "u1", "u2", "u3" }) {
            batch.append(track(user, "Report Viewed", "analytics", today)).append(',');
        }
        batch.append(track("u1", "Workflow Run", "automation", today.minusDays(10))).append(',');
        batch.append(page("u4", today.minusDays(40))).append(',').append(page("u5", today.minusDays(40)));
        assertThat(tracker.send("batch", batch.append("]}").toString()).status()).isEqualTo(200);
        rollups.drain();

        JsonNode usage = api.get("/api/accounts/" + acme + "/usage").json();
        assertThat(usage.get("from").asString()).isEqualTo(today.minusDays(89).toString());
        assertThat(usage.get("events").asLong()).isEqualTo(6);
        assertThat(usage.get("activeUsers").asLong()).isEqualTo(5);
        assertThat(usage.get("seats").asInt()).isEqualTo(10);
        assertThat(usage.get("recentActiveUsers").asLong()).isEqualTo(3);
        assertThat(usage.get("utilisation").decimalValue()).isEqualByComparingTo("0.3");
        assertThat(usage.get("adoption").get("depth").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(usage.get("adoption").get("usedNotContracted").get(0).asString()).isEqualTo("automation");
        JsonNode trends = usage.get("trends");
        assertThat(trends.get(0).get("measure").asString()).isEqualTo("events");
        assertThat(trends.get(0).get("changePercent").decimalValue()).isEqualByComparingTo("100.0");
        assertThat(trends.get(1).get("changePercent").decimalValue()).isEqualByComparingTo("50.0");
        assertThat(trends.get(2).get("current").asLong()).isEqualTo(6);
        assertThat(trends.get(2).get("changePercent").isNull()).isTrue();
        assertThat(usage.get("features").get(0).get("feature").asString()).isEqualTo("Report Viewed");
        assertThat(usage.get("features").get(0).get("events").asLong()).isEqualTo(3);

        ApiClient.Response backwards = api.get("/api/accounts/" + acme + "/usage?from=2026-05-01&to=2026-04-01");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body()).contains("from").contains("on or before");
        assertThat(api.get("/api/accounts/999999/usage").status()).isEqualTo(404);
        assertThat(api.get("/accounts/" + acme + "/usage").body()).contains("usage-daily").contains("30%");
    }

    private static String track(String user, String event, String module, LocalDate day) {
        return "{\"type\":\"track\",\"userId\":\"" + user + "\",\"event\":\"" + event + "\",\"timestamp\":\"" + day
                + "T12:00:00Z\",\"properties\":{\"module\":\"" + module + "\"}}";
    }

    private static String page(String user, LocalDate day) {
        return "{\"type\":\"page\",\"userId\":\"" + user + "\",\"name\":\"Home\",\"timestamp\":\"" + day + "T12:00:00Z\"}";
    }
}
