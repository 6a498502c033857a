package org.lodestar.revenue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.HashMap;
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
 * A crafted book whose 2024 retention is computed by hand:
 * <pre>
 * Acme      100,000 renewed 2024-01-01 at 120,000      starting, +20,000 expansion
 * Bolt       50,000 renewed 2024-06-01 at  40,000      starting, −10,000 contraction
 * Cobalt     30,000 ended 2024-03-01, not renewed      starting, −30,000 churn, logo lost
 * Delta      10,000 two-year term, +2,000 add-on May   starting, +2,000 expansion
 * Ember      new 2024-04-01 at 25,000                  new ARR
 * Fjord      churned 2023-01-01, back 2024-09-01 6,000 not starting: new ARR (a win-back)
 * starting 190,000 + 22,000 − 10,000 − 30,000 = ending 172,000; NRR 172/190 = 90.53%; GRR 150/190 = 78.95%
 * new ARR 31,000; closing 203,000
 * </pre>
 */
@LodestarTest
class RetentionApiTest {

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    ApiClient api;
    final Map<String, Long> ids = new HashMap<>();

    @BeforeEach
    void setUp() {
        book.empty();
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        account("Acme", contract("ACME-1", "2023-01-01", "2024-01-01", "100000"),
                contract("ACME-2", "2024-01-01", "2025-01-01", "120000"));
        account("Bolt", contract("BOLT-1", "2023-06-01", "2024-06-01", "50000"),
                contract("BOLT-2", "2024-06-01", "2025-06-01", "40000"));
        account("Cobalt", contract("COBALT-1", "2023-03-01", "2024-03-01", "30000"));
        account("Delta", """
                {"externalId":"DELTA-1","startDate":"2023-01-01","endDate":"2025-01-01","lineItems":[
                 {"plan":"starter","seats":10,"arr":10000},
                 {"plan":"add-on","module":"analytics","seats":0,"arr":2000,"startDate":"2024-05-01"}]}""");
        account("Ember", contract("EMBER-1", "2024-04-01", "2025-04-01", "25000"));
        account("Fjord", contract("FJORD-1", "2022-01-01", "2023-01-01", "8000"),
                contract("FJORD-2", "2024-09-01", "2025-09-01", "6000"));
    }

    @Test
    void theYearsRetentionMatchesTheHandComputedFigures() {
        JsonNode total = retention("").get("total");

        assertThat(total.get("startingAccounts").asInt()).isEqualTo(4);
        assertMoney(total, "startingArr", "190000.00");
        assertMoney(total, "expansion", "22000.00");
        assertMoney(total, "contraction", "10000.00");
        assertMoney(total, "churn", "30000.00");
        JsonNode flows = total.get("movements");
        assertMoney(flows, "newArr", "25000.00");
        assertMoney(flows, "reactivation", "6000.00");
        assertMoney(flows, "churn", "-30000.00");
        assertMoney(total, "endingArr", "172000.00");
        assertMoney(total, "nrr", "0.9053");
        assertMoney(total, "grr", "0.7895");
        assertThat(total.get("logosLost").asInt()).isEqualTo(1);
        assertMoney(total, "logoChurn", "0.2500");
        assertThat(total.get("newAccounts").asInt()).isEqualTo(2);
        assertMoney(total, "newArr", "31000.00");
        assertMoney(total, "closingArr", "203000.00");
    }

    @Test
    void segmentsFollowTheArrEachAccountStartedThePeriodWith() {
        JsonNode groups = retention("&by=segment").get("groups");

        assertThat(groups).extracting(g -> g.get("group").asString()).containsExactly("enterprise", "mid-market", "smb");
        JsonNode enterprise = groups.get(0);
        assertMoney(enterprise, "startingArr", "100000.00");
        assertMoney(enterprise, "nrr", "1.2000");
        assertMoney(enterprise, "grr", "1.0000");
        JsonNode midMarket = groups.get(1);
        assertMoney(midMarket, "startingArr", "80000.00");
        assertMoney(midMarket, "endingArr", "40000.00");
        assertMoney(midMarket, "nrr", "0.5000");
        assertMoney(midMarket, "newArr", "25000.00");
        JsonNode smb = groups.get(2);
        assertMoney(smb, "startingArr", "10000.00");
        assertMoney(smb, "expansion", "2000.00");
        assertMoney(smb, "newArr", "6000.00");
    }

    @Test
    void everyFigureDrillsDownToAccountsAndMovementsThatAddUpToIt() {
        JsonNode report = retention("&by=segment");
        for (String figure : new String[] { "expansion", "contraction", "churn", "new-arr" }) {
            for (JsonNode group : report.get("groups")) {
                JsonNode drill = api.get("/api/revenue/movements?from=2024-01-01&to=2024-12-31&by=segment&group="
                        + group.get("group").asString() + "&figure=" + figure).json();
                String field = figure.equals("new-arr") ? "newArr" : figure;
                assertThat(drill.get("total").decimalValue()).as(figure + " of " + group.get("group"))
                        .isEqualByComparingTo(group.get(field).decimalValue());
                assertThat(sum(drill.get("accounts"), "amount")).isEqualByComparingTo(drill.get("total").decimalValue());
                BigDecimal movements = sum(drill.get("movements"), "amount");
                assertThat(figure.equals("contraction") || figure.equals("churn") ? movements.negate() : movements)
                        .as(figure + " movements of " + group.get("group"))
                        .isEqualByComparingTo(drill.get("total").decimalValue());
            }
        }
        JsonNode churn = api.get("/api/revenue/movements?from=2024-01-01&to=2024-12-31&figure=churn").json();
        assertThat(churn.get("accounts")).extracting(a -> a.get("accountName").asString()).containsExactly("Cobalt");
        assertThat(churn.get("movements").get(0).get("effectiveDate").asString()).isEqualTo("2024-03-01");
        JsonNode starting = api.get("/api/revenue/movements?from=2024-01-01&to=2024-12-31&figure=starting-arr").json();
        assertThat(starting.get("total").decimalValue()).isEqualByComparingTo("190000");
        assertThat(starting.get("accounts")).extracting(a -> a.get("accountName").asString())
                .containsExactly("Acme", "Bolt", "Cobalt", "Delta");
    }

    @Test
    void aDrillDownDownloadsAsCsvWhoseAccountsAndMovementsAddUpToTheFigure() throws IOException {
        FormSession admin = new FormSession(port);
        admin.signIn(LodestarTest.ADMIN_EMAIL, LodestarTest.ADMIN_PASSWORD);
        String page = admin.send("GET", "/revenue/drill", Map.of("from", "2024-01-01", "to", "2024-12-31", "figure",
                "expansion")).body();
        assertThat(page).contains("href=\"/revenue/drill.csv?from=2024-01-01&amp;to=2024-12-31&amp;figure=expansion");

        HttpResponse<String> accounts = admin.send("GET", "/revenue/drill.csv", Map.of("from", "2024-01-01", "to",
                "2024-12-31", "figure", "expansion"));
        assertThat(accounts.statusCode()).isEqualTo(200);
        assertThat(accounts.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"lodestar-expansion-2024-01-01-2024-12-31-accounts.csv\"");
        List<CSVRecord> rows = csv(accounts.body());
        // Acme renewed 100,000 → 120,000; Delta added a 2,000 module: 22,000 expansion, largest first.
        assertThat(rows).extracting(r -> r.get("account_name")).containsExactly("Acme", "Delta");
        assertThat(rows).extracting(r -> r.get("amount")).containsExactly("20000.00", "2000.00");

        List<CSVRecord> movements = csv(admin.send("GET", "/revenue/drill.csv", Map.of("from", "2024-01-01", "to",
                "2024-12-31", "figure", "churn", "by", "segment", "group", "mid-market", "part", "movements")).body());
        assertThat(movements).extracting(r -> r.get("account_name")).contains("Cobalt");
        assertThat(movements.stream().filter(r -> r.get("kind").equals("churn")).map(r -> new BigDecimal(r.get("amount")))
                .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("-30000");

        HttpResponse<String> wrong = admin.send("GET", "/revenue/drill.csv", Map.of("from", "2024-01-01", "to",
                "2024-12-31", "figure", "churn", "part", "everything"));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("part").contains("expected accounts or movements");
    }

    private static List<CSVRecord> csv(String body) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(body))
                .getRecords();
    }

    @Test
    void anEditedContractIsCorrectedByNewMovementsAndTheFiguresFollow() {
        long bolt = ids.get("Bolt");
        // Asked before the edit (and kept for the next view while nothing changes): the contraction as first written.
        assertMoney(retention("").get("total"), "contraction", "10000.00");
        assertMoney(retention("").get("total"), "contraction", "10000.00");
        // Grouped by owner, then Bolt given an owner: the kept report is not served again.
        assertThat(retention("&by=owner").get("groups")).extracting(g -> g.get("group").asString()).containsExactly("unassigned");
        ApiClient.Response owned = api.put("/api/accounts/" + bolt, "{\"externalId\":\"BOLT\",\"name\":\"Bolt\",\"owner\":\""
                + LodestarTest.ADMIN_EMAIL + "\"}");
        assertThat(owned.status()).as(owned.body()).isEqualTo(200);
        assertThat(retention("&by=owner").get("groups")).extracting(g -> g.get("group").asString())
                .contains(LodestarTest.ADMIN_EMAIL, "unassigned");
        long renewal = api.get("/api/accounts/" + bolt + "/subscriptions").json().get(0).get("id").asLong();
        ApiClient.Response edited = api.put("/api/subscriptions/" + renewal, contract("BOLT-2", "2024-06-01", "2025-06-01", "45000"));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);

        assertMoney(retention("").get("total"), "contraction", "5000.00");
        JsonNode ledger = api.get("/api/accounts/" + bolt + "/arr-movements").json();
        // Added one contract at a time, then edited: the ledger holds the reversals, and nets to the contracts.
        Map<String, BigDecimal> net = new java.util.TreeMap<>();
        ledger.forEach(m -> net.merge(m.get("effectiveDate").asString() + " " + m.get("kind").asString(),
                m.get("amount").decimalValue().setScale(2), BigDecimal::add));
        net.values().removeIf(amount -> amount.signum() == 0);
        assertThat(net).containsOnly(
                Map.entry("2023-06-01 new", new BigDecimal("50000.00")),
                Map.entry("2024-06-01 contraction", new BigDecimal("-5000.00")),
                Map.entry("2025-06-01 churn", new BigDecimal("-45000.00")));
        JsonNode last = ledger.get(ledger.size() - 1);
        assertThat(ledger).anySatisfy(m -> assertThat(m.get("reason").asString()).startsWith("Corrected after a contract edit"));
        assertThat(last.get("source").asString()).startsWith("token:");
    }

    @Test
    void quarterlySeriesAndCohorts() {
        JsonNode series = api.get("/api/revenue/series?from=2024-01-01&to=2024-12-31&interval=quarter").json();
        assertThat(series).extracting(p -> p.get("period").asString()).containsExactly("2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4");
        JsonNode q1 = series.get(0).get("total");
        assertMoney(q1, "startingArr", "190000.00");
        assertMoney(q1, "endingArr", "180000.00");
        assertMoney(q1, "nrr", "0.9474");
        assertMoney(series.get(3).get("total"), "closingArr", "203000.00");
        JsonNode monthly = api.get("/api/revenue/series?from=2024-01-01&to=2024-12-31&interval=month&by=segment").json();
        assertThat(monthly).hasSize(12);
        for (JsonNode point : monthly) {
            // The series is read in one pass over the ledger; each point must equal the report of its own period.
            JsonNode alone = api.get("/api/revenue/retention?from=" + point.get("from").asString() + "&to="
                    + point.get("to").asString() + "&by=segment").json();
            assertThat(point.get("total")).as(point.get("period").asString()).isEqualTo(alone.get("total"));
            assertThat(point.get("groups")).isEqualTo(alone.get("groups"));
        }

        JsonNode cohorts = api.get("/api/revenue/cohorts?from=2024-01-01&to=2024-12-31").json();
        JsonNode ember = null;
        for (JsonNode row : cohorts.get("rows")) {
            if (row.get("cohort").asString().equals("2024-Q2")) {
                ember = row;
            }
        }
        assertThat(ember).isNotNull();
        assertMoney(ember, "initialArr", "25000.00");
        assertThat(ember.get("arr").get(0).isNull()).isTrue();
        assertThat(ember.get("arr").get(3).decimalValue()).isEqualByComparingTo("25000");
    }

    @Test
    void badPeriodsAndFiguresAreNamed() {
        ApiClient.Response backwards = api.get("/api/revenue/retention?from=2024-12-31&to=2024-01-01");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body()).contains("to").contains("must be on or after from 2024-12-31");
        ApiClient.Response badDate = api.get("/api/revenue/retention?from=2024-13-01&to=2024-12-31");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.body()).contains("from");
        ApiClient.Response badGrouping = api.get("/api/revenue/retention?from=2024-01-01&to=2024-12-31&by=colour");
        assertThat(badGrouping.status()).isEqualTo(400);
        assertThat(badGrouping.body()).contains("segment, coverage, owner, cohort");
        ApiClient.Response badFigure = api.get("/api/revenue/movements?from=2024-01-01&to=2024-12-31&figure=profit");
        assertThat(badFigure.status()).isEqualTo(400);
        assertThat(badFigure.body()).contains("figure");
        assertThat(api.get("/api/accounts/999999/arr-movements").status()).isEqualTo(404);
    }

    private JsonNode retention(String extra) {
        ApiClient.Response response = api.get("/api/revenue/retention?from=2024-01-01&to=2024-12-31" + extra);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private void account(String name, String... contracts) {
        ApiClient.Response created = api.post("/api/accounts",
                "{\"externalId\":\"" + name.toUpperCase() + "\",\"name\":\"" + name + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        ids.put(name, id);
        for (String contract : contracts) {
            ApiClient.Response added = api.post("/api/accounts/" + id + "/subscriptions", contract);
            assertThat(added.status()).as(added.body()).isEqualTo(201);
        }
    }

    private static String contract(String externalId, String start, String end, String arr) {
        return "{\"externalId\":\"" + externalId + "\",\"startDate\":\"" + start + "\",\"endDate\":\"" + end
                + "\",\"lineItems\":[{\"plan\":\"growth\",\"seats\":10,\"arr\":" + arr + "}]}";
    }

    private static void assertMoney(JsonNode node, String field, String expected) {
        assertThat(node.get(field).decimalValue()).as(field).isEqualByComparingTo(expected);
    }

    private static BigDecimal sum(JsonNode items, String field) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode item : items) {
            sum = sum.add(item.get(field).decimalValue());
        }
        return sum;
    }
}
