package org.lodestar.revenue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.TestClock;
import org.lodestar.audit.AuditLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import tools.jackson.databind.JsonNode;

/** Subscriptions over the API: days no contract has are refused; a replacement that says what is stored changes nothing. */
@LodestarTest
@Import(TestClock.Config.class)
class SubscriptionsApiTest {

    private static final String S1 = """
            {"externalId":"S-1","startDate":"2026-01-01","endDate":"2027-01-01","autoRenew":false,
             "lineItems":[{"plan":"growth","seats":10,"arr":12000}]}""";

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    AuditLog audit;
    @Autowired
    TestClock clock;
    ApiClient api;
    long account;

    @BeforeEach
    void setUp() {
        clock.setDay(LocalDate.of(2026, 11, 16));
        book.empty();
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        ApiClient.Response created = api.post("/api/accounts", "{\"externalId\":\"ACME-1\",\"name\":\"Acme\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        account = created.json().get("id").asLong();
    }

    @Test
    void daysBefore1990OrAfter2100AreRefusedFieldByField() {
        ApiClient.Response absurd = api.post("/api/accounts/" + account + "/subscriptions", """
                {"externalId":"S-1","startDate":"0001-01-01","endDate":"9999-12-31",
                 "lineItems":[{"plan":"growth","seats":10,"arr":12000},
                              {"plan":"growth","module":"analytics","seats":0,"arr":3000,"startDate":"2101-01-01"}]}""");

        assertThat(absurd.status()).as(absurd.body()).isEqualTo(400);
        JsonNode errors = absurd.json().get("errors");
        assertThat(errors.valueStream().map(e -> e.get("field").asString() + ": " + e.get("reason").asString()))
                .contains("startDate: must be between 1990-01-01 and 2100-12-31, got 0001-01-01",
                        "endDate: must be between 1990-01-01 and 2100-12-31, got 9999-12-31",
                        "lineItems[1].startDate: must be between 1990-01-01 and 2100-12-31, got 2101-01-01");
        assertThat(api.get("/api/accounts/" + account + "/subscriptions").json().size()).isZero();

        ApiClient.Response edges = api.post("/api/accounts/" + account + "/subscriptions", """
                {"externalId":"S-2","startDate":"1990-01-01","endDate":"2100-12-31",
                 "lineItems":[{"plan":"growth","seats":10,"arr":12000}]}""");
        assertThat(edges.status()).as("the first and last days are allowed: " + edges.body()).isEqualTo(201);
    }

    @Test
    void aReplacementThatSaysWhatIsStoredWritesAndAuditsNothing() {
        ApiClient.Response created = api.post("/api/accounts/" + account + "/subscriptions", S1);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        long entries = audit.count();

        ApiClient.Response same = api.put("/api/subscriptions/" + id, S1);

        assertThat(same.status()).as(same.body()).isEqualTo(200);
        assertThat(same.json()).as("answered as it is, its line item keeping its id").isEqualTo(created.json());
        assertThat(api.get("/api/subscriptions/" + id).json()).isEqualTo(created.json());
        assertThat(audit.count()).isEqualTo(entries);

        ApiClient.Response more = api.put("/api/subscriptions/" + id, S1.replace("\"seats\":10", "\"seats\":15"));
        assertThat(more.status()).isEqualTo(200);
        assertThat(more.json().get("lineItems").get(0).get("seats").asInt()).isEqualTo(15);
        assertThat(audit.count()).as("a real change is audited").isEqualTo(entries + 1);
    }
}
