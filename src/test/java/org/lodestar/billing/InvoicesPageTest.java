package org.lodestar.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.FormSession;
import org.lodestar.LodestarTest;
import org.lodestar.TestClock;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The invoices page on 2026-06-30 (overdue: owed, that is open or uncollectible, and due before today):
 *
 * <pre>
 *   invoice  account  owner  amount        paid    issued      due         status         overdue  outstanding
 *   =1+1     Hostile  maya   USD    10.00          2026-06-28  2026-06-29  open           1 day    USD    10.00
 *   I6       Bolt     omar   GBP    99.99          2026-06-25  —           open           —        GBP    99.99
 *   I4       Acme     maya   EUR   250.50          2026-06-20  2026-07-20  open           —        EUR   250.50
 *   I8       Acme     maya   USD   300.00          2026-06-05  2026-07-05  void           —        —
 *   I2       Acme     maya   USD   500.00  200.00  2026-06-01  2026-06-20  open           10 days  USD   300.00
 *   I3       Acme     maya   EUR   800.00  800.00  2026-05-15  2026-06-14  paid           —        —
 *   I1       Acme     maya   USD 1,000.00          2026-05-01  2026-05-31  open           30 days  USD 1,000.00
 *   I5       Bolt     omar   USD 2,000.00          2026-04-01  2026-05-01  uncollectible  60 days  USD 2,000.00
 * </pre>
 *
 * Maya's: 3 overdue; USD 10 + 300 + 1,000 = 1,310.00 and EUR 250.50 outstanding. The whole book: 4 overdue;
 * USD 3,310.00, EUR 250.50, GBP 99.99.
 */
@LodestarTest
@Import(TestClock.Config.class)
class InvoicesPageTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-06-30");
    private static final String PASSWORD = "password-1234";
    private static final String MAYA = "maya@lodestar.test";
    private static final String OMAR = "omar@lodestar.test";
    private static final String LEAD = "lena.lead@lodestar.test";
    private static final String VIEWER = "viewer@lodestar.test";
    private static final String HOSTILE_NUMBER = "=1+1";

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    TestClock clock;
    ApiClient api;
    FormSession maya;
    long acme;
    long bolt;

    @BeforeEach
    void setUp() {
        clock.setDay(TODAY);
        book.empty();
        book.tokenFor(MAYA, Role.CSM, TokenScope.WRITE);
        book.tokenFor(OMAR, Role.CSM, TokenScope.WRITE);
        book.tokenFor(LEAD, Role.LEADER, TokenScope.WRITE);
        book.tokenFor(VIEWER, Role.READ_ONLY, TokenScope.READ);
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        acme = account("ACME", "Acme", MAYA);
        bolt = account("BOLT", "Bolt", OMAR);
        long hostile = account("HOSTILE", "Hostile", MAYA);
        invoice(acme, "I1", null, "USD", "1000", null, "2026-05-01", "2026-05-31", null, "open");
        invoice(acme, "I2", null, "USD", "500", "200", "2026-06-01", "2026-06-20", null, "open");
        invoice(acme, "I3", null, "EUR", "800", "800", "2026-05-15", "2026-06-14", "2026-06-10", "paid");
        invoice(acme, "I4", null, "EUR", "250.50", null, "2026-06-20", "2026-07-20", null, "open");
        invoice(bolt, "I5", null, "USD", "2000", null, "2026-04-01", "2026-05-01", null, "uncollectible");
        invoice(bolt, "I6", null, "GBP", "99.99", null, "2026-06-25", null, null, "open");
        invoice(hostile, "I7", HOSTILE_NUMBER, "USD", "10", null, "2026-06-28", "2026-06-29", null, "open");
        invoice(acme, "I8", null, "USD", "300", null, "2026-06-05", "2026-07-05", null, "void");
        maya = signIn(MAYA);
    }

    @Test
    void aCsmSeesTheInvoicesOfTheirAccountsWithWhatIsOwedPerCurrencyAndALeaderTheBooks() {
        String mine = page(maya, Map.of());

        assertThat(refs(mine)).containsExactly(HOSTILE_NUMBER, "I4", "I8", "I2", "I3", "I1");
        assertThat(mine).contains("id=\"invoices-overdue\">3<", "Rows 1–6 of 6");
        assertThat(outstanding(mine)).containsExactly("EUR 250.50", "USD 1,310.00");
        assertThat(mine).as("I1: its amount, what is owed and 30 days overdue").containsPattern("<td class=\"ref\">I1</td>\\s*"
                + "<td class=\"num nowrap\">USD 1,000.00</td>\\s*<td class=\"num nowrap\">USD 1,000.00</td>\\s*"
                + "<td class=\"nowrap\">2026-05-31</td>\\s*<td><span class=\"pill overdue\">open</span></td>\\s*"
                + "<td class=\"num days\">30</td>");
        assertThat(mine).contains("<a href=\"/accounts/" + acme + "\">Acme</a>");

        String book = page(signIn(LEAD), Map.of());
        assertThat(refs(book)).containsExactly(HOSTILE_NUMBER, "I6", "I4", "I8", "I2", "I3", "I1", "I5");
        assertThat(book).contains("id=\"invoices-overdue\">4<");
        assertThat(outstanding(book)).containsExactly("EUR 250.50", "GBP 99.99", "USD 3,310.00");
    }

    @Test
    void overdueOnlyListsTheLongestOverdueFirstAndStatusNarrows() {
        String overdue = page(maya, Map.of("accounts", "all", "overdue", "true"));
        assertThat(refs(overdue)).containsExactly("I5", "I1", "I2", HOSTILE_NUMBER);
        assertThat(outstanding(overdue)).containsExactly("USD 3,310.00");
        assertThat(overdue).contains("id=\"overdue\" checked=\"checked\"");

        String paid = page(maya, Map.of("status", "paid"));
        assertThat(refs(paid)).containsExactly("I3");
        assertThat(paid).contains("id=\"invoices-overdue\">0<");
        assertThat(outstanding(paid)).containsExactly("0");
        assertThat(refs(page(maya, Map.of("accounts", "all", "status", "uncollectible", "overdue", "true"))))
                .containsExactly("I5");
    }

    @Test
    void fiftyRowsAPageWithTheSecondPageHoldingTheRest() {
        for (int i = 0; i < 55; i++) {
            invoice(bolt, "B-" + i, null, "USD", "1", null, LocalDate.parse("2026-01-01").plusDays(i).toString(), null, null,
                    "void");
        }
        FormSession lead = signIn(LEAD);

        String first = page(lead, Map.of());
        assertThat(refs(first)).hasSize(50).startsWith(HOSTILE_NUMBER).endsWith("B-14", "B-13");
        assertThat(first).contains("Rows 1–50 of 63", "href=\"/invoices?accounts=all&amp;page=2\"");
        assertThat(outstanding(first)).as("void invoices owe nothing").containsExactly("EUR 250.50", "GBP 99.99", "USD 3,310.00");

        String second = page(lead, Map.of("page", "2"));
        assertThat(refs(second)).containsExactly("B-12", "B-11", "B-10", "B-9", "B-8", "B-7", "B-6", "B-5", "B-4", "B-3", "B-2",
                "B-1", "B-0");
        assertThat(second).contains("Rows 51–63 of 63", "Page 2 of 2");
    }

    @Test
    void theCsvHoldsEveryMatchingInvoiceWithAmountsInTheirCurrencyAndTypedTextDefused() throws IOException {
        HttpResponse<String> csv = maya.send("GET", "/invoices.csv", Map.of("overdue", "true"));

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"lodestar-invoices-2026-06-30.csv\"");
        assertThat(csv.body()).startsWith("invoice_id,external_id,number,account_id,account_name,currency,amount_due,"
                + "amount_paid,outstanding,issued_on,due_on,paid_on,status,days_overdue,source\r\n");
        List<CSVRecord> rows = parse(csv.body());
        assertThat(rows).extracting(r -> r.get("external_id")).containsExactly("I1", "I2", "I7");
        assertThat(rows.get(2).get("number")).isEqualTo("'" + HOSTILE_NUMBER);
        Map<String, String> i2 = new LinkedHashMap<>(rows.get(1).toMap());
        i2.remove("invoice_id");
        assertThat(i2).isEqualTo(Map.ofEntries(Map.entry("external_id", "I2"), Map.entry("number", ""),
                Map.entry("account_id", String.valueOf(acme)), Map.entry("account_name", "Acme"), Map.entry("currency", "USD"),
                Map.entry("amount_due", "500.00"), Map.entry("amount_paid", "200.00"), Map.entry("outstanding", "300.00"),
                Map.entry("issued_on", "2026-06-01"), Map.entry("due_on", "2026-06-20"), Map.entry("paid_on", ""),
                Map.entry("status", "open"), Map.entry("days_overdue", "10"), Map.entry("source", "api")));
        assertThat(parse(maya.send("GET", "/invoices.csv", Map.of("accounts", "all")).body())).hasSize(8);
    }

    @Test
    void badParametersAreNamedOnThePageAndAReadOnlyUserReadsIt() {
        HttpResponse<String> bad = maya.send("GET", "/invoices", Map.of("status", "late", "page", "abc"));

        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("status: expected one of draft, open, paid, void, uncollectible, got &#39;late&#39;; "
                + "showing every status", "page: expected a whole number from 1, got &#39;abc&#39;; showing page 1");
        assertThat(refs(bad.body())).hasSize(6);
        for (Map<String, String> params : List.of(Map.of("overdue", "sometimes"), Map.of("page", "0"),
                Map.of("accounts", "theirs"))) {
            assertThat(maya.send("GET", "/invoices", params).statusCode()).as(params.toString()).isEqualTo(200);
            assertThat(maya.send("GET", "/invoices.csv", params).statusCode()).as(params.toString()).isEqualTo(200);
        }

        FormSession viewer = signIn(VIEWER);
        String all = page(viewer, Map.of());
        assertThat(refs(all)).as("a read-only user starts on the whole book").hasSize(8);
        assertThat(all).contains("<a href=\"/tickets\">Tickets</a>", "<a href=\"/surveys\">Surveys</a>",
                "<strong>Invoices</strong>");
        assertThat(viewer.send("GET", "/accounts/" + acme + "/invoices", Map.of()).body())
                .contains("id=\"all-invoices\" href=\"/invoices\"");
    }

    private long account(String externalId, String name, String owner) {
        ApiClient.Response created = api.post("/api/accounts", ApiClient.json(Map.of("externalId", externalId, "name", name,
                "owner", owner)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private void invoice(long account, String externalId, String number, String currency, String amountDue, String amountPaid,
            String issuedOn, String dueOn, String paidOn, String status) {
        Map<String, Object> draft = new LinkedHashMap<>(Map.of("externalId", externalId, "currency", currency, "amountDue",
                new BigDecimal(amountDue), "issuedOn", issuedOn, "status", status));
        if (number != null) {
            draft.put("number", number);
        }
        if (amountPaid != null) {
            draft.put("amountPaid", new BigDecimal(amountPaid));
        }
        if (dueOn != null) {
            draft.put("dueOn", dueOn);
        }
        if (paidOn != null) {
            draft.put("paidOn", paidOn);
        }
        ApiClient.Response created = api.post("/api/accounts/" + account + "/invoices", ApiClient.json(draft));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private FormSession signIn(String email) {
        FormSession session = new FormSession(port);
        session.signIn(email, PASSWORD);
        return session;
    }

    private static String page(FormSession session, Map<String, String> params) {
        HttpResponse<String> answer = session.send("GET", "/invoices", params);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    /** The invoices the page lists, by number or else external id, in its order. */
    private static List<String> refs(String page) {
        return Pattern.compile("<td class=\"ref\">([^<]*)</td>").matcher(page).results().map(m -> m.group(1)).toList();
    }

    /** The outstanding amounts of the headline, one per currency. */
    private static List<String> outstanding(String page) {
        String box = page.substring(page.indexOf("id=\"invoices-outstanding\""), page.indexOf("<div class=\"sub\">outstanding"));
        return Pattern.compile("<div class=\"value\">([^<]*)</div>").matcher(box).results().map(m -> m.group(1)).toList();
    }

    private static List<CSVRecord> parse(String csv) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv)).getRecords();
    }
}
