package org.lodestar.surveys;

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

/** NPS and CSAT answers over the API, their categories, the account's scores over the last year. */
@LodestarTest
class SurveyResponsesTest {

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
        acme = api.post("/api/accounts", "{\"externalId\":\"S-ACME\",\"name\":\"Acme\"}").json().get("id").asLong();
        now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private JsonNode answer(String id, String kind, int score, long daysAgo, String comment) {
        ApiClient.Response response = api.post("/api/accounts/" + acme + "/surveys", "{\"externalId\":\"" + id
                + "\",\"kind\":\"" + kind + "\",\"score\":" + score + ",\"respondedAt\":\""
                + now.minus(daysAgo, ChronoUnit.DAYS) + "\"" + (comment == null ? "" : ",\"comment\":\"" + comment + "\"")
                + ",\"respondentEmail\":\"Ana@Acme.example\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    @Test
    void answersCarryTheirCategoryAndTheAccountItsScores() {
        JsonNode promoter = answer("NPS-1", "nps", 10, 10, "Love the reports");
        assertThat(promoter.get("category").asString()).isEqualTo("promoter");
        assertThat(promoter.get("respondentEmail").asString()).isEqualTo("ana@acme.example");
        answer("NPS-2", "nps", 3, 20, "Too slow");
        answer("NPS-3", "nps", 8, 30, null);
        answer("NPS-4", "nps", 9, 40, null);
        answer("NPS-OLD", "nps", 0, 400, "a year ago, outside the window");
        JsonNode csat = answer("CSAT-1", "csat", 4, 5, null);
        assertThat(csat.get("category").isNull()).isTrue();
        answer("CSAT-2", "csat", 2, 6, null);

        // Last 365 days: promoters 10 and 9, passive 8, detractor 3 → 50% − 25% = 25; CSAT 1 of 2 satisfied
        JsonNode summary = api.get("/api/accounts/" + acme + "/surveys/summary").json();
        assertThat(summary.get("nps").asInt()).isEqualTo(25);
        assertThat(summary.get("promoters").asInt()).isEqualTo(2);
        assertThat(summary.get("passives").asInt()).isEqualTo(1);
        assertThat(summary.get("detractors").asInt()).isEqualTo(1);
        assertThat(summary.get("csatPercent").asInt()).isEqualTo(50);
        assertThat(summary.get("latest")).extracting(r -> r.get("externalId").asString())
                .containsExactly("CSAT-1", "CSAT-2", "NPS-1", "NPS-2", "NPS-3");

        assertThat(api.get("/api/surveys?category=detractor").json()).extracting(r -> r.get("externalId").asString())
                .containsExactly("NPS-2", "NPS-OLD");
        assertThat(api.get("/api/surveys?kind=csat").json()).hasSize(2);
        assertThat(api.get("/api/surveys?kind=csat&category=promoter").status()).isEqualTo(400);

        long id = promoter.get("id").asLong();
        ApiClient.Response changed = api.put("/api/surveys/" + id, "{\"externalId\":\"NPS-1\",\"kind\":\"nps\","
                + "\"score\":6,\"respondedAt\":\"" + now.minus(10, ChronoUnit.DAYS) + "\"}");
        assertThat(changed.json().get("category").asString()).isEqualTo("detractor");
        assertThat(api.get("/api/audit?entityType=survey-response&entityId=" + id).json())
                .extracting(e -> e.get("action").asString()).containsExactly("update", "create");
        assertThat(api.delete("/api/surveys/" + id).status()).isEqualTo(204);
    }

    @Test
    void scoresOutsideTheScaleAreRefusedNamingTheField() {
        ApiClient.Response nps = api.post("/api/accounts/" + acme + "/surveys",
                "{\"externalId\":\"X-1\",\"kind\":\"nps\",\"score\":11}");
        assertThat(nps.status()).isEqualTo(400);
        assertThat(nps.json().get("errors").get(0).get("field").asString()).isEqualTo("score");
        assertThat(nps.body()).contains("expected 0 to 10 for nps, got 11");
        ApiClient.Response csat = api.post("/api/accounts/" + acme + "/surveys",
                "{\"externalId\":\"X-1\",\"kind\":\"csat\",\"score\":0}");
        assertThat(csat.body()).contains("expected 1 to 5 for csat, got 0");
        ApiClient.Response kind = api.post("/api/accounts/" + acme + "/surveys",
                "{\"externalId\":\"X-1\",\"kind\":\"ces\",\"score\":3}");
        assertThat(kind.json().get("errors").get(0).get("field").asString()).isEqualTo("kind");
        ApiClient.Response email = api.post("/api/accounts/" + acme + "/surveys",
                "{\"externalId\":\"X-1\",\"kind\":\"nps\",\"score\":3,\"respondentEmail\":\"not-an-email\"}");
        assertThat(email.json().get("errors").get(0).get("field").asString()).isEqualTo("respondentEmail");
        assertThat(api.get("/api/accounts/" + acme + "/surveys").json()).isEmpty();
    }
}
