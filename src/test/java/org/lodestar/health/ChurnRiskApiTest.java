package org.lodestar.health;

import org.lodestar.health.internal.ChurnModels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.FormSession;
import org.lodestar.LodestarTest;
import org.lodestar.Scrape;
import org.lodestar.TestClock;
import org.lodestar.health.ChurnModel.Kind;
import org.lodestar.health.ChurnModel.Term;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/** The churn risk through the API and on the pages: nothing before a model is trained, then a stored model's figures by hand. */
@LodestarTest
@Import(TestClock.Config.class)
class ChurnRiskApiTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 30);

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ChurnModels models;
    @Autowired
    ChurnRisks risks;

    ApiClient api;

    @BeforeEach
    void setUp() {
        book.empty();
        jdbc.sql("delete from churn_risk").update();
        jdbc.sql("delete from churn_model").update();
        clock.setDay(TODAY);
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
    }

    private long account(String name, int arr, LocalDate start, LocalDate end) {
        long id = api.post("/api/accounts", "{\"externalId\":\"" + name + "\",\"name\":\"" + name + "\","
                + "\"stage\":\"adoption\"}").json().get("id").asLong();
        ApiClient.Response contract = api.post("/api/accounts/" + id + "/subscriptions", "{\"externalId\":\"" + name
                + "-1\",\"startDate\":\"" + start + "\",\"endDate\":\"" + end + "\",\"autoRenew\":false,\"lineItems\":["
                + "{\"plan\":\"growth\",\"module\":\"core\",\"seats\":10,\"arr\":" + arr + "}]}");
        assertThat(contract.status()).as(contract.body()).isEqualTo(201);
        return id;
    }

    /**
     * A 90-day model by hand: log-odds −1, +0.5 per unit of log ARR above that of $60,000, +1 with a renewal within 90
     * days; stored with an evaluation, then the book scored with it.
     */
    private long storeHandModel() {
        ChurnModel model = new ChurnModel(90, -1, List.of(
                new Term("log-arr", Kind.VALUE, null, Math.log1p(60000), 1, 0.5),
                new Term("renews-within-90", Kind.VALUE, null, 0, 1, 1.0)));
        ChurnWalkForward.Evaluation evaluation = new ChurnWalkForward.Evaluation(List.of(TODAY.minusDays(90)), 1000, 100, 0.1,
                0.85, new ClassifierMetrics.Interval(0.8, 0.9), 0.08, 0.3, List.of(), null);
        long id = models.save(new ChurnWalkForward.Trained(model, TODAY, 10, 1000, 100, null, evaluation), clock.instant(), "test");
        risks.rescore();
        return id;
    }

    @Test
    void withoutAModelTheAnswerIs404SayingHowToTrainOne() {
        long id = account("Acme", 60000, LocalDate.of(2026, 3, 1), LocalDate.of(2027, 3, 1));

        ApiClient.Response answer = api.get("/api/accounts/" + id + "/churn-risk");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).contains("./lodestar model train");
        assertThat(api.get("/api/accounts/not-a-number/churn-risk").status()).isEqualTo(400);
        assertThat(api.get("/api/churn-risk").json()).isEmpty();
    }

    /** {@code lodestar_model_retrain_age_seconds}: the time since the model in use was trained, per horizon. */
    @Test
    void theModelsAgeIsAMetric() {
        assertThat(Scrape.of(port, LodestarTest.ADMIN_TOKEN).value("lodestar_model_retrain_age_seconds", "horizon", "90d"))
                .as("no model yet").isNaN();
        storeHandModel();
        // Trained at 09:00 on the 30th; three days and six hours later: 3 × 86,400 + 6 × 3,600 = 280,800 s.
        clock.set(TODAY.atTime(15, 0).plusDays(3).toInstant(ZoneOffset.UTC));

        Scrape scrape = Scrape.of(port, LodestarTest.ADMIN_TOKEN);
        assertThat(scrape.value("lodestar_model_retrain_age_seconds", "horizon", "90d")).isEqualTo(280_800.0);
        assertThat(scrape.value("lodestar_model_retrain_age_seconds", "horizon", "180d")).as("none trained").isNaN();
    }

    @Test
    void aNewVersionKeepsTheOlderVersionsButNotTheirRisks() {
        account("Acme", 60000, LocalDate.of(2026, 3, 1), LocalDate.of(2027, 3, 1));
        account("Birch", 30000, LocalDate.of(2025, 9, 1), LocalDate.of(2026, 8, 31));
        long first = storeHandModel();
        assertThat(jdbc.sql("select count(*) from churn_risk where model_id = ?").param(first).query(Long.class).single())
                .isEqualTo(2);

        long second = storeHandModel();

        assertThat(jdbc.sql("select model_id, count(*) from churn_risk group by model_id").query((rs, n) -> List.of(rs.getLong(1),
                rs.getLong(2))).list()).containsExactly(List.of(second, 2L));
        assertThat(jdbc.sql("select count(*) from churn_model where horizon_days = 90").query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aStoredModelsProbabilityArrAtRiskAndContributionsByHand() {
        // Acme: $60,000, renews in 244 days: log-odds −1, probability 1 / (1 + e) = 0.268941, at risk $16,136.46.
        long acme = account("Acme", 60000, LocalDate.of(2026, 3, 1), LocalDate.of(2027, 3, 1));
        // Birch: $30,000, renews in 62 days: −1 + 0.5 × ln(30001 / 60001) + 1 = −0.346566, probability 0.414211.
        long birch = account("Birch", 30000, LocalDate.of(2025, 9, 1), LocalDate.of(2026, 8, 31));
        long version = storeHandModel();

        JsonNode risk = api.get("/api/accounts/" + acme + "/churn-risk").json();
        JsonNode horizon = risk.get("horizons").get(0);
        assertThat(horizon.get("days").asInt()).isEqualTo(90);
        assertThat(horizon.get("asOf").asString()).isEqualTo("2026-06-30");
        assertThat(horizon.get("probability").asDouble()).isCloseTo(0.268941, within(1e-6));
        assertThat(horizon.get("expectedArrAtRisk").decimalValue()).isEqualByComparingTo("16136.46");
        assertThat(risk.get("arr").decimalValue()).isEqualByComparingTo("60000");
        assertThat(horizon.get("model").get("version").asLong()).isEqualTo(version);
        assertThat(horizon.get("model").get("evaluation").get("auc").asDouble()).isEqualTo(0.85);
        assertThat(horizon.get("contributions")).extracting(c -> c.get("feature").asString())
                .containsExactlyInAnyOrder("log-arr", "renews-within-90");
        horizon.get("contributions").forEach(c -> assertThat(c.get("logOdds").asDouble()).isCloseTo(0, within(1e-4)));

        JsonNode birchRisk = api.get("/api/accounts/" + birch + "/churn-risk").json().get("horizons").get(0);
        double logit = -1 + 0.5 * Math.log(30001.0 / 60001.0) + 1;
        assertThat(birchRisk.get("probability").asDouble()).isCloseTo(1 / (1 + Math.exp(-logit)), within(1e-6));
        assertThat(birchRisk.get("contributions").get(0).get("feature").asString()).isEqualTo("renews-within-90");
        assertThat(birchRisk.get("contributions").get(0).get("value").asString()).isEqualTo("yes");
        assertThat(birchRisk.get("contributions").get(0).get("logOdds").asDouble()).isCloseTo(1.0, within(1e-4));

        JsonNode ranked = api.get("/api/churn-risk?horizon=90").json();
        assertThat(ranked).extracting(r -> r.get("name").asString()).containsExactly("Acme", "Birch");
        assertThat(api.get("/api/churn-models").json().get(0).get("version").asLong()).isEqualTo(version);
        assertThat(api.get("/api/accounts/987654321/churn-risk").status()).isEqualTo(404);
        assertThat(api.get("/api/accounts/-1/churn-risk").status()).isEqualTo(404);
        assertThat(api.get("/api/churn-risk?horizon=7").status()).isEqualTo(400);
    }

    @Test
    void theAccountPanelAndTheRankedPageShowTheRisk() {
        long acme = account("Acme", 60000, LocalDate.of(2026, 3, 1), LocalDate.of(2027, 3, 1));
        FormSession session = new FormSession(port);
        session.signIn(LodestarTest.ADMIN_EMAIL, LodestarTest.ADMIN_PASSWORD);
        assertThat(session.send("GET", "/accounts/" + acme + "/churn-risk", Map.of()).body())
                .contains("No churn model is trained yet");

        storeHandModel();

        HttpResponse<String> panel = session.send("GET", "/accounts/" + acme + "/churn-risk", Map.of());
        assertThat(panel.statusCode()).isEqualTo(200);
        assertThat(panel.body()).contains("Churn risk 90d", "27%", "$16,136", "ARR at risk", "renewal within 90 days");
        HttpResponse<String> page = session.send("GET", "/health/churn-risk", Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("churn-risk-chart", "Acme", "$16,136", "AUC 0.850 (0.800–0.900)");
        assertThat(session.send("GET", "/accounts/" + acme, Map.of("tab", "health")).body()).contains("/accounts/" + acme + "/churn-risk");
    }
}
