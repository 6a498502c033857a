package org.lodestar.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * Invoices over the API, dated from the application's clock:
 * <pre>
 * INV-1  open,  due 10 days ago, 1,200.00 of which 200.50 paid   → overdue 10 days, 999.50 outstanding
 * INV-2  paid,  due 40 days ago                                   → never overdue
 * INV-3  open,  due in 20 days                                    → not yet due
 * INV-4  void,  due 90 days ago                                   → never overdue
 * </pre>
 */
@LodestarTest
class InvoicesTest {

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    Clock clock;
    ApiClient api;
    long acme;
    LocalDate today;

    @BeforeEach
    void setUp() {
        book.empty();
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        today = LocalDate.now(clock);
        acme = api.post("/api/accounts", "{\"externalId\":\"I-ACME\",\"name\":\"Acme\",\"billingId\":\"cus_acme\"}")
                .json().get("id").asLong();
    }

    private JsonNode create(String externalId, String status, String amountDue, String amountPaid, LocalDate issued,
            LocalDate due, LocalDate paid) {
        ApiClient.Response response = api.post("/api/accounts/" + acme + "/invoices", "{\"externalId\":\"" + externalId
                + "\",\"currency\":\"usd\",\"status\":\"" + status + "\",\"amountDue\":" + amountDue
                + (amountPaid == null ? "" : ",\"amountPaid\":" + amountPaid) + ",\"issuedOn\":\"" + issued + "\""
                + (due == null ? "" : ",\"dueOn\":\"" + due + "\"") + (paid == null ? "" : ",\"paidOn\":\"" + paid + "\"")
                + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    @Test
    void daysOverdueAndOutstandingFollowTheClock() {
        JsonNode late = create("INV-1", "open", "1200.00", "200.50", today.minusDays(40), today.minusDays(10), null);
        assertThat(late.get("daysOverdue").asInt()).isEqualTo(10);
        assertThat(late.get("outstanding").decimalValue()).isEqualByComparingTo("999.50");
        assertThat(late.get("currency").asString()).isEqualTo("USD");
        JsonNode paid = create("INV-2", "paid", "500", "500", today.minusDays(70), today.minusDays(40), today.minusDays(45));
        assertThat(paid.get("daysOverdue").asInt()).isZero();
        assertThat(paid.get("outstanding").decimalValue()).isEqualByComparingTo("0");
        create("INV-3", "open", "300", null, today.minusDays(10), today.plusDays(20), null);
        create("INV-4", "void", "80", null, today.minusDays(120), today.minusDays(90), null);

        assertThat(api.get("/api/invoices?overdue=true").json()).extracting(i -> i.get("externalId").asString())
                .containsExactly("INV-1");
        assertThat(api.get("/api/invoices?overdue=false").json()).extracting(i -> i.get("externalId").asString())
                .containsExactlyInAnyOrder("INV-2", "INV-3", "INV-4");
        assertThat(api.get("/api/invoices?status=open").json()).hasSize(2);
        assertThat(api.get("/api/accounts/" + acme + "/invoices").json()).extracting(i -> i.get("externalId").asString())
                .containsExactly("INV-3", "INV-1", "INV-2", "INV-4");

        long id = late.get("id").asLong();
        ApiClient.Response settled = api.put("/api/invoices/" + id, "{\"externalId\":\"INV-1\",\"currency\":\"USD\","
                + "\"status\":\"paid\",\"amountDue\":1200,\"amountPaid\":1200,\"issuedOn\":\"" + today.minusDays(40)
                + "\",\"dueOn\":\"" + today.minusDays(10) + "\",\"paidOn\":\"" + today + "\"}");
        assertThat(settled.status()).as(settled.body()).isEqualTo(200);
        assertThat(settled.json().get("daysOverdue").asInt()).isZero();
        assertThat(api.get("/api/invoices?overdue=true").json()).isEmpty();
        JsonNode audit = api.get("/api/audit?entityType=invoice&entityId=" + id).json();
        assertThat(audit).extracting(e -> e.get("action").asString()).containsExactly("update", "create");
        assertThat(audit.get(1).get("summary").asString()).isEqualTo("Added invoice INV-1 of USD 1200.00 to Acme");

        assertThat(api.delete("/api/invoices/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/invoices/" + id).status()).isEqualTo(404);
    }

    @Test
    void badInputIsA400NamingTheField() {
        String base = "{\"externalId\":\"INV-9\",\"currency\":\"USD\",\"issuedOn\":\"" + today + "\"";
        assertThat(field(api.post("/api/accounts/" + acme + "/invoices", base + ",\"amountDue\":10.999}")))
                .isEqualTo("amountDue");
        assertThat(field(api.post("/api/accounts/" + acme + "/invoices", base + ",\"amountDue\":-1}")))
                .isEqualTo("amountDue");
        assertThat(field(api.post("/api/accounts/" + acme + "/invoices", base + "}"))).isEqualTo("amountDue");
        assertThat(field(api.post("/api/accounts/" + acme + "/invoices",
                "{\"externalId\":\"INV-9\",\"currency\":\"dollars\",\"amountDue\":1,\"issuedOn\":\"" + today + "\"}")))
                .isEqualTo("currency");
        assertThat(field(api.post("/api/accounts/" + acme + "/invoices",
                base + ",\"amountDue\":1,\"dueOn\":\"" + today.minusDays(1) + "\"}"))).isEqualTo("dueOn");
        assertThat(field(api.post("/api/accounts/" + acme + "/invoices",
                base + ",\"amountDue\":1,\"paidOn\":\"" + today + "\"}"))).as("open but paid").isEqualTo("paidOn");
        assertThat(field(api.post("/api/accounts/" + acme + "/invoices", base + ",\"amountDue\":1,\"status\":\"late\"}")))
                .isEqualTo("status");
        assertThat(field(api.post("/api/accounts/" + acme + "/invoices", base + ",\"amountDue\":\"lots\"}")))
                .isEqualTo("amountDue");
        assertThat(field(api.get("/api/invoices?overdue=maybe"))).isEqualTo("overdue");
        assertThat(api.get("/api/accounts/" + acme + "/invoices").json()).isEmpty();
    }

    private static String field(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        return response.json().get("errors").get(0).get("field").asString();
    }
}
