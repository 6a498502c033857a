package org.lodestar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Bad bodies get a 4xx problem detail naming the field, and nothing is written. */
@LodestarTest
class BadInputTest {

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    ApiClient api;

    @BeforeEach
    void setUp() {
        book.empty();
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
    }

    private void assertProblem(ApiClient.Response response, int status, String... mentions) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).contains(mentions).doesNotContain("Exception").doesNotContain("at org.");
        assertThat(api.get("/api/accounts").json().get("total").asLong()).as("nothing written").isZero();
    }

    @Test
    void malformedJson() {
        assertProblem(api.post("/api/accounts", "{\"externalId\": \"X-1\", \"name\": "), 400, "malformed JSON");
    }

    @Test
    void unknownField() {
        assertProblem(api.post("/api/accounts", "{\"externalId\":\"X-1\",\"name\":\"X\",\"arrr\":5}"), 400,
                "unknown field 'arrr'", "externalId");
    }

    @Test
    void wrongEnumValue() {
        assertProblem(api.post("/api/accounts", "{\"externalId\":\"X-1\",\"name\":\"X\",\"stage\":\"happy\"}"), 400,
                "\"field\":\"stage\"", "onboarding, adoption, mature, renewal-window, churned", "happy");
    }

    @Test
    void wrongTypeAndBadDate() {
        api.post("/api/accounts", "{\"externalId\":\"X-1\",\"name\":\"X\"}");
        long id = api.get("/api/accounts").json().get("accounts").get(0).get("id").asLong();
        ApiClient.Response badDate = api.post("/api/accounts/" + id + "/subscriptions",
                "{\"externalId\":\"S-1\",\"startDate\":\"2026-13-01\",\"lineItems\":[{\"plan\":\"p\",\"seats\":1,\"arr\":1}]}");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.body()).contains("\"field\":\"startDate\"").contains("YYYY-MM-DD").contains("2026-13-01");
        ApiClient.Response badSeats = api.post("/api/accounts/" + id + "/subscriptions",
                "{\"externalId\":\"S-1\",\"startDate\":\"2026-01-01\",\"lineItems\":[{\"plan\":\"p\",\"seats\":\"many\",\"arr\":1}]}");
        assertThat(badSeats.status()).isEqualTo(400);
        assertThat(badSeats.body()).contains("lineItems[0].seats").contains("whole number");
        assertThat(api.get("/api/accounts/" + id + "/subscriptions").json()).isEmpty();
    }

    @Test
    void invalidValuesAreAllListed() {
        ApiClient.Response response = api.post("/api/accounts",
                "{\"externalId\":\"has spaces\",\"name\":\"\",\"owner\":\"nobody@nowhere.example\"}");
        assertProblem(response, 400, "externalId", "\"field\":\"name\"", "no user with email nobody@nowhere.example");
    }

    @Test
    void oversizeBody() {
        String big = "{\"externalId\":\"X-1\",\"name\":\"" + "x".repeat(1_100_000) + "\"}";
        assertProblem(api.post("/api/accounts", big), 413, "limit");
    }

    @Test
    void badQueryParameter() {
        ApiClient.Response response = api.get("/api/accounts?sort=colour");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("sort").contains("renewal");
        ApiClient.Response stage = api.get("/api/accounts?stage=happy");
        assertThat(stage.status()).isEqualTo(400);
        assertThat(stage.body()).contains("stage").contains("onboarding");
    }

    @Test
    void csvImportInWrongEncoding() {
        byte[] latin1 = "external_id,name\nX-1,Café Noir\n".getBytes(StandardCharsets.ISO_8859_1);
        ApiClient.Response response = api.postBytes("/api/import/accounts", "text/csv", latin1);
        assertProblem(response, 400, "UTF-8", "\"line\":2");
    }

    @Test
    void unknownThingsAre404Problems() {
        ApiClient.Response response = api.get("/api/accounts/999999");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).contains("Account 999999 not found");
    }
}
