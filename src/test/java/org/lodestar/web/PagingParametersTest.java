package org.lodestar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.infrastructure.Paging;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** A limit, page or size out of range is a 400 naming the parameter and its range, never quietly replaced. */
@LodestarTest
class PagingParametersTest {

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    ApiClient api;
    long accountId;

    @BeforeEach
    void setUp() {
        book.empty();
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        accountId = api.post("/api/accounts", "{\"externalId\":\"PAGING-1\",\"name\":\"Paging Co\"}").json().get("id").asLong();
    }

    private void assertRefused(String path, String parameter, String reason) {
        ApiClient.Response response = api.get(path);
        assertThat(response.status()).as(path + " " + response.body()).isEqualTo(400);
        assertThat(response.contentType()).as(path).startsWith("application/problem+json");
        JsonNode error = response.json().get("errors").get(0);
        assertThat(error.get("field").asString()).as(path).isEqualTo(parameter);
        assertThat(error.get("reason").asString()).as(path).isEqualTo(reason);
    }

    @Test
    void aLimitBelowOneIsRefusedWithItsRange() {
        Map<String, Integer> most = new LinkedHashMap<>();
        most.put("/api/accounts/" + accountId + "/timeline?", 1000);
        most.put("/api/accounts/" + accountId + "/outreach?", 1000);
        most.put("/api/audit?", 10_000);
        most.put("/api/tasks?", 1000);
        most.put("/api/invoices?", 1000);
        most.put("/api/signals?", 1000);
        most.put("/api/plays?", 1000);
        most.put("/api/tickets?", 1000);
        most.put("/api/surveys?", 1000);
        most.put("/api/revenue/movements?from=2026-01-01&to=2026-03-31&figure=churn&", 10_000);
        most.forEach((path, max) -> {
            assertRefused(path + "limit=-1", "limit", "expected a whole number from 1 to " + max + ", got -1");
            assertRefused(path + "limit=0", "limit", "expected a whole number from 1 to " + max + ", got 0");
        });
    }

    @Test
    void aPageBelowZeroAndASizeBelowOneAreRefusedWithTheirRanges() {
        assertRefused("/api/accounts?page=-1", "page", "expected a whole number from 0 to 100000, got -1");
        assertRefused("/api/accounts?size=-1", "size", "expected a whole number from 1 to 1000, got -1");
        assertRefused("/api/accounts?size=0", "size", "expected a whole number from 1 to 1000, got 0");
        assertRefused("/api/accounts?size=1001", "size", "expected a whole number from 1 to 1000, got 1001");

        ApiClient.Response first = api.get("/api/accounts?page=0&size=1");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("accounts").get(0).get("name").asString()).isEqualTo("Paging Co");
    }

    @Test
    void theAuditLimitHasAnUpperBoundToo() {
        assertRefused("/api/audit?limit=10001", "limit", "expected a whole number from 1 to 10000, got 10001");
        ApiClient.Response one = api.get("/api/audit?limit=1");
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.json().size()).isEqualTo(1);
    }
}
