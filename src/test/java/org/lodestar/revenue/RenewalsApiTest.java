package org.lodestar.revenue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.FormSession;
import org.lodestar.LodestarTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * Renewals and the planner on a crafted book, dated from the application's clock:
 * <pre>
 * Acme    100,000 two-year term ends in 65 days, no auto-renew, champion left  → high risk, forecast 45,000
 * Bolt     40,000 ends in 30 days, auto-renews, sponsor active                 → low risk, forecast 38,000
 * Cobalt   20,000 ended 35 days ago, auto-renew, renewed at 24,000; no contacts → expanded (from the contracts)
 * </pre>
 */
@LodestarTest
class RenewalsApiTest {

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    Clock clock;
    @Autowired
    org.lodestar.health.HealthScores health;
    ApiClient api;
    LocalDate today;
    long acme;
    long bolt;
    long cobaltFirst;

    @BeforeEach
    void setUp() {
        book.empty();
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        today = LocalDate.now(clock);
        long acmeId = account("Acme", "enterprise");
        acme = subscription(acmeId, "ACME-1", today.minusDays(700), today.plusDays(65), "100000", false);
        contact(acmeId, "champion", "left", today.minusDays(30));
        long boltId = account("Bolt", "mid");
        bolt = subscription(boltId, "BOLT-1", today.minusDays(335), today.plusDays(30), "40000", true);
        contact(boltId, "economic-sponsor", "active", null);
        long cobaltId = account("Cobalt", "small");
        cobaltFirst = subscription(cobaltId, "COBALT-1", today.minusDays(400), today.minusDays(35), "20000", true);
        subscription(cobaltId, "COBALT-2", today.minusDays(35), today.plusDays(330), "24000", true);
    }

    /**
     * The revenue page shows the renewal calendar on every view, but weighs the quarters ahead with the target planner
     * only when a leader asks with targets (it reads every renewal of the year ahead).
     */
    @Test
    void theRevenuePagePlansOnlyWhenAsked() {
        org.lodestar.FormSession session = new org.lodestar.FormSession(port);
        session.signIn(LodestarTest.ADMIN_EMAIL, LodestarTest.ADMIN_PASSWORD);
        String page = session.send("GET", "/revenue", java.util.Map.of()).body();
        assertThat(page).contains("id=\"renewal-table\"", "Acme", "Bolt", "id=\"planner-hint\"")
                .doesNotContain("plan-segment").doesNotContain("renewals-more");
        String planned = session.send("GET", "/revenue", java.util.Map.of("plan", "show", "grr-enterprise", "95",
                "nrr-enterprise", "110")).body();
        assertThat(planned).contains("plan-segment", "Churn ARR to save").doesNotContain("id=\"planner-hint\"");
    }

    @Test
    void eachRenewalCarriesItsAccountsHealthBandOnceScored() {
        org.lodestar.audit.Actors.runAs(org.lodestar.audit.Actor.system(), () -> health.recomputeAll(done -> { }));
        JsonNode ninety = api.get("/api/renewals?days=90").json();
        assertThat(ninety).hasSize(2);
        for (JsonNode renewal : ninety) {
            String band = api.get("/api/accounts/" + renewal.get("accountId").asLong() + "/health").json().get("band").asString();
            assertThat(band).isIn("red", "yellow", "green");
            assertThat(renewal.get("healthBand").asString()).as(renewal.get("accountName").asString()).isEqualTo(band);
        }
    }

    @Test
    void theCalendarListsWhatIsDueWithRiskAndARiskWeightedForecast() {
        JsonNode thirty = api.get("/api/renewals?days=30").json();
        assertThat(thirty).extracting(r -> r.get("accountName").asString()).containsExactly("Bolt");
        assertThat(thirty.get(0).get("daysLeft").asInt()).isEqualTo(30);
        assertThat(thirty.get(0).get("risk").asString()).isEqualTo("low");
        assertThat(thirty.get(0).get("forecastArr").decimalValue()).isEqualByComparingTo("38000");

        JsonNode ninety = api.get("/api/renewals?days=90").json();
        assertThat(ninety).extracting(r -> r.get("accountName").asString()).containsExactly("Bolt", "Acme");
        JsonNode acmeRenewal = ninety.get(1);
        assertThat(acmeRenewal.get("arrDue").decimalValue()).isEqualByComparingTo("100000");
        assertThat(acmeRenewal.get("risk").asString()).isEqualTo("high");
        assertThat(acmeRenewal.get("riskReasons")).extracting(JsonNode::asString)
                .containsExactly("does not renew automatically", "sponsor or champion left");
        assertThat(acmeRenewal.get("forecastArr").decimalValue()).isEqualByComparingTo("45000");
        assertThat(acmeRenewal.get("forecastSource").asString()).isEqualTo("risk-weighted");
        assertThat(acmeRenewal.get("outcome").isNull()).isTrue();

        assertThat(api.get("/api/renewals?days=90&owner=nobody@lodestar.test").json()).isEmpty();
        ApiClient.Response tooFar = api.get("/api/renewals?days=400");
        assertThat(tooFar.status()).isEqualTo(400);
        assertThat(tooFar.body()).contains("days").contains("expected 1 to 365");
    }

    @Test
    void forecastsAndOutcomesAreRecordedAndCheckedAgainstTheDueArr() {
        ApiClient.Response forecast = api.put("/api/renewals/" + acme + "/forecast", "{\"arr\":80000,\"note\":\"champion replaced\"}");
        assertThat(forecast.status()).as(forecast.body()).isEqualTo(200);
        assertThat(forecast.json().get("forecastArr").decimalValue()).isEqualByComparingTo("80000");
        assertThat(forecast.json().get("forecastSource").asString()).isEqualTo("csm");
        ApiClient.Response negative = api.put("/api/renewals/" + acme + "/forecast", "{\"arr\":-5}");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body()).contains("arr").contains("0 or more");

        ApiClient.Response misfit = api.put("/api/renewals/" + bolt + "/outcome", "{\"outcome\":\"contracted\",\"arr\":50000}");
        assertThat(misfit.status()).isEqualTo(400);
        assertThat(misfit.body()).contains("does not fit ARR 50000 against 40000.00 due (that would be expanded)");
        ApiClient.Response closed = api.put("/api/renewals/" + bolt + "/outcome", "{\"outcome\":\"contracted\",\"arr\":30000}");
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(closed.json().get("outcome").asString()).isEqualTo("contracted");
        assertThat(closed.json().get("outcomeSource").asString()).isEqualTo("recorded");
        assertThat(api.get("/api/audit?entityType=renewal").body()).contains("Recorded the renewal of Bolt");
    }

    @Test
    void theCalendarDownloadsAsCsvWithEveryRenewalOfTheWindowAndAHostileNoteDefused() throws IOException {
        api.put("/api/renewals/" + acme + "/forecast", "{\"arr\":80000,\"note\":\"=HYPERLINK(\\\"http://x\\\")\"}");
        FormSession admin = new FormSession(port);
        admin.signIn(LodestarTest.ADMIN_EMAIL, LodestarTest.ADMIN_PASSWORD);

        HttpResponse<String> csv = admin.send("GET", "/revenue/renewals.csv", Map.of("days", "90"));

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv").contains("UTF-8");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"lodestar-renewals-" + today + "-next-90-days.csv\"");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.body())).getRecords();
        assertThat(rows).extracting(r -> r.get("account_name")).containsExactly("Bolt", "Acme");
        CSVRecord acmeRow = rows.get(1);
        assertThat(acmeRow.get("subscription_id")).isEqualTo(String.valueOf(acme));
        assertThat(acmeRow.get("subscription_external_id")).isEqualTo("ACME-1");
        assertThat(acmeRow.get("renewal_date")).isEqualTo(today.plusDays(65).toString());
        assertThat(acmeRow.get("days_left")).isEqualTo("65");
        assertThat(acmeRow.get("arr_due")).isEqualTo("100000.00");
        assertThat(acmeRow.get("auto_renew")).isEqualTo("false");
        assertThat(acmeRow.get("risk")).isEqualTo("high");
        assertThat(acmeRow.get("risk_reasons")).isEqualTo("does not renew automatically; sponsor or champion left");
        assertThat(new BigDecimal(acmeRow.get("forecast_arr"))).isEqualByComparingTo("80000");
        assertThat(acmeRow.get("forecast_source")).isEqualTo("csm");
        assertThat(acmeRow.get("forecast_note")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(admin.send("GET", "/revenue/renewals.csv", Map.of("days", "30")).body())).getRecords())
                .extracting(r -> r.get("account_name")).containsExactly("Bolt");
        assertThat(admin.send("GET", "/revenue", Map.of("days", "60")).body())
                .contains("id=\"renewals-csv\" href=\"/revenue/renewals.csv?days=60\"");
    }

    @Test
    void aPastRenewalTakesItsOutcomeFromTheContractsAndCountsInForecastAccuracy() {
        JsonNode past = api.get("/api/renewals/" + cobaltFirst).json();
        assertThat(past.get("outcome").asString()).isEqualTo("expanded");
        assertThat(past.get("outcomeArr").decimalValue()).isEqualByComparingTo("24000");
        assertThat(past.get("outcomeSource").asString()).isEqualTo("contracts");

        JsonNode accuracy = api.get("/api/renewals/forecast-accuracy?from=" + today.minusDays(365) + "&to=" + today).json();
        assertThat(accuracy).hasSize(1);
        JsonNode quarter = accuracy.get(0);
        assertThat(quarter.get("quarter").asString()).isEqualTo(RetentionReports.quarterOf(today.minusDays(35)));
        assertThat(quarter.get("renewals").asInt()).isEqualTo(1);
        assertThat(quarter.get("arrDue").decimalValue()).isEqualByComparingTo("20000");
        // No sponsor or champion on record: medium risk, 75% of 20,000.
        assertThat(quarter.get("forecastArr").decimalValue()).isEqualByComparingTo("15000");
        assertThat(quarter.get("actualArr").decimalValue()).isEqualByComparingTo("24000");
        assertThat(quarter.get("variance").decimalValue()).isEqualByComparingTo("9000");
    }

    @Test
    void thePlannerSplitsTheGapByQuarterAndNamesTheRenewalsAtRisk() {
        ApiClient.Response response = api.get("/api/revenue/plan?quarters=4&target=enterprise:93:115");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode enterprise = response.json().get("segments").get(0);
        assertThat(enterprise.get("segment").asString()).isEqualTo("enterprise");
        assertThat(enterprise.get("baseArr").decimalValue()).isEqualByComparingTo("100000");
        assertThat(enterprise.get("currentGrr").decimalValue()).isEqualByComparingTo("1");
        assertThat(enterprise.get("currentNrr").decimalValue()).isEqualByComparingTo("1");
        // GRR 100% beats 93% and is kept: nothing to save. NRR 100% → 115% is all expansion: 100,000 / 4 × 15% × q/4.
        assertThat(enterprise.get("gaps")).extracting(g -> g.get("churnToSave").decimalValue().doubleValue())
                .containsExactly(0.0, 0.0, 0.0, 0.0);
        assertThat(enterprise.get("gaps")).extracting(g -> g.get("expansionToAdd").decimalValue().doubleValue())
                .containsExactly(937.5, 1875.0, 2812.5, 3750.0);
        assertThat(enterprise.get("expansionToAdd").decimalValue()).isEqualByComparingTo("9375");
        JsonNode atRisk = enterprise.get("renewalsAtRisk");
        assertThat(atRisk).extracting(r -> r.get("accountName").asString()).containsExactly("Acme");
        assertThat(atRisk.get(0).get("arrAtRisk").decimalValue()).isEqualByComparingTo("55000");

        ApiClient.Response unknown = api.get("/api/revenue/plan?target=galaxy:90:100");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("targets.galaxy").contains("enterprise, mid-market, smb");
        ApiClient.Response garbled = api.get("/api/revenue/plan?target=enterprise:abc");
        assertThat(garbled.status()).isEqualTo(400);
        assertThat(garbled.body()).contains("SEGMENT:GRR:NRR");
    }

    private long account(String name, String tag) {
        ApiClient.Response created = api.post("/api/accounts", "{\"externalId\":\"" + name.toUpperCase() + "\",\"name\":\""
                + name + "\",\"owner\":\"" + LodestarTest.ADMIN_EMAIL + "\",\"industry\":\"" + tag + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private long subscription(long account, String externalId, LocalDate start, LocalDate end, String arr, boolean autoRenew) {
        ApiClient.Response added = api.post("/api/accounts/" + account + "/subscriptions",
                "{\"externalId\":\"" + externalId + "\",\"startDate\":\"" + start + "\",\"endDate\":\"" + end
                        + "\",\"autoRenew\":" + autoRenew + ",\"lineItems\":[{\"plan\":\"growth\",\"seats\":10,\"arr\":"
                        + arr + "}]}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        return added.json().get("id").asLong();
    }

    private void contact(long account, String role, String status, LocalDate leftOn) {
        ApiClient.Response added = api.post("/api/accounts/" + account + "/stakeholders",
                "{\"email\":\"" + role + "@customer.example\",\"name\":\"A " + role + "\",\"role\":\"" + role
                        + "\",\"status\":\"" + status + "\"" + (leftOn == null ? "" : ",\"leftOn\":\"" + leftOn + "\"") + "}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
    }
}
