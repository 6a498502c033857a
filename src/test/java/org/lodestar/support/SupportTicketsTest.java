package org.lodestar.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** Tickets over the API: validation names the field, filters find the urgent ones, every change is audited. */
@LodestarTest
class SupportTicketsTest {

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    Clock clock;
    ApiClient api;
    long acme;
    Instant now;

    @BeforeEach
    void setUp() {
        book.empty();
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        acme = api.post("/api/accounts", "{\"externalId\":\"T-ACME\",\"name\":\"Acme\"}").json().get("id").asLong();
        now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private JsonNode create(String json) {
        ApiClient.Response response = api.post("/api/accounts/" + acme + "/tickets", json);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    @Test
    void createsListsFiltersUpdatesAndDeletesTickets() {
        JsonNode urgent = create("{\"externalId\":\"ZD-1\",\"subject\":\"Login broken\",\"priority\":\"urgent\","
                + "\"createdAt\":\"" + now.minus(2, ChronoUnit.DAYS) + "\"}");
        assertThat(urgent.get("status").asString()).as("default status").isEqualTo("open");
        assertThat(urgent.get("source").asString()).isEqualTo("api");
        assertThat(urgent.get("escalated").asBoolean()).isFalse();
        create("{\"externalId\":\"ZD-2\",\"subject\":\"Invoice question\",\"status\":\"solved\","
                + "\"createdAt\":\"" + now.minus(5, ChronoUnit.DAYS) + "\",\"solvedAt\":\"" + now.minus(4, ChronoUnit.DAYS)
                + "\",\"satisfaction\":\"good\"}");
        create("{\"externalId\":\"ZD-3\",\"subject\":\"Slow export\",\"status\":\"pending\",\"priority\":\"high\","
                + "\"escalated\":true}");

        assertThat(api.get("/api/accounts/" + acme + "/tickets").json()).extracting(t -> t.get("externalId").asString())
                .containsExactly("ZD-3", "ZD-1", "ZD-2");
        assertThat(api.get("/api/tickets?priority=urgent&unresolved=true").json())
                .extracting(t -> t.get("externalId").asString()).containsExactly("ZD-1");
        assertThat(api.get("/api/tickets?status=solved").json()).extracting(t -> t.get("externalId").asString())
                .containsExactly("ZD-2");
        assertThat(api.get("/api/tickets?unresolved=false").json()).hasSize(1);

        long id = urgent.get("id").asLong();
        ApiClient.Response solved = api.put("/api/tickets/" + id, "{\"externalId\":\"ZD-1\",\"subject\":\"Login broken\","
                + "\"priority\":\"urgent\",\"status\":\"solved\",\"createdAt\":\"" + now.minus(2, ChronoUnit.DAYS)
                + "\",\"solvedAt\":\"" + now.minus(1, ChronoUnit.DAYS) + "\"}");
        assertThat(solved.status()).as(solved.body()).isEqualTo(200);
        assertThat(api.get("/api/tickets?priority=urgent&unresolved=true").json()).isEmpty();

        JsonNode audit = api.get("/api/audit?entityType=support-ticket&entityId=" + id).json();
        assertThat(audit).extracting(e -> e.get("action").asString()).containsExactly("update", "create");
        assertThat(audit.get(0).get("summary").asString()).isEqualTo("Updated ticket ZD-1 (solved, urgent)");

        assertThat(api.delete("/api/tickets/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/tickets/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/accounts/" + acme + "/tickets").json()).hasSize(2);
    }

    @Test
    void badInputIsA400NamingTheFieldAndWritesNothing() {
        ApiClient.Response badPriority = api.post("/api/accounts/" + acme + "/tickets",
                "{\"externalId\":\"ZD-9\",\"priority\":\"asap\"}");
        assertThat(badPriority.status()).isEqualTo(400);
        assertThat(badPriority.json().get("errors").get(0).get("field").asString()).isEqualTo("priority");
        assertThat(badPriority.body()).contains("low, normal, high, urgent");

        ApiClient.Response solvedButOpen = api.post("/api/accounts/" + acme + "/tickets",
                "{\"externalId\":\"ZD-9\",\"solvedAt\":\"" + now + "\"}");
        assertThat(solvedButOpen.status()).isEqualTo(400);
        assertThat(solvedButOpen.json().get("errors").get(0).get("field").asString()).isEqualTo("solvedAt");

        ApiClient.Response badId = api.post("/api/accounts/" + acme + "/tickets", "{\"externalId\":\"two words\"}");
        assertThat(badId.json().get("errors").get(0).get("field").asString()).isEqualTo("externalId");

        ApiClient.Response future = api.post("/api/accounts/" + acme + "/tickets",
                "{\"externalId\":\"ZD-9\",\"createdAt\":\"" + now.plus(3, ChronoUnit.DAYS) + "\"}");
        assertThat(future.json().get("errors").get(0).get("field").asString()).isEqualTo("createdAt");

        assertThat(api.get("/api/tickets?status=later").status()).isEqualTo(400);
        assertThat(api.get("/api/tickets?limit=0").json().get("errors").get(0).get("field").asString()).isEqualTo("limit");
        assertThat(api.post("/api/accounts/999999/tickets", "{\"externalId\":\"ZD-9\"}").status()).isEqualTo(404);
        assertThat(api.get("/api/accounts/" + acme + "/tickets").json()).isEmpty();

        create("{\"externalId\":\"ZD-9\"}");
        assertThat(api.post("/api/accounts/" + acme + "/tickets", "{\"externalId\":\"ZD-9\"}").status()).isEqualTo(409);
    }
}
