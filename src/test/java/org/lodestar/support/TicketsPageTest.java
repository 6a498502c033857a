package org.lodestar.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Instant;
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
 * The tickets page on 2026-06-30, over six tickets set by hand (ages in whole days to today, or to the day solved):
 *
 * <pre>
 *   ticket  account        owner  opened      status   priority  escalated  age
 *   ZD-6    =HYPERLINK…    maya   2026-06-29  open     normal               1   (its subject is a formula too)
 *   ZD-4    Bolt           omar   2026-06-28  open     urgent    yes        2
 *   ZD-2    Acme           maya   2026-06-25  pending  high      yes        5
 *   ZD-1    Acme           maya   2026-06-20  open     urgent               10
 *   ZD-5    Bolt           omar   2026-06-10  closed   low                  —   (closed, no solved date)
 *   ZD-3    Acme           maya   2026-06-01  solved   normal               2   (solved 2026-06-03)
 * </pre>
 *
 * Maya's (a CSM's) own: ZD-6, ZD-2, ZD-1, ZD-3; unresolved 3 (6, 2, 1), urgent 1 (1), escalated 1 (2). The whole book:
 * unresolved 4 (6, 4, 2, 1), urgent 2 (4, 1), escalated 2 (4, 2).
 */
@LodestarTest
@Import(TestClock.Config.class)
class TicketsPageTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-06-30");
    private static final String PASSWORD = "password-1234";
    private static final String MAYA = "maya@lodestar.test";
    private static final String OMAR = "omar@lodestar.test";
    private static final String LEAD = "lena.lead@lodestar.test";
    private static final String VIEWER = "viewer@lodestar.test";
    private static final String HOSTILE_NAME = "=HYPERLINK(\"http://x.example\",\"Hi\")";
    private static final String HOSTILE_SUBJECT = "=cmd|' /C calc'!A0";

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
    long hostile;

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
        hostile = account("HOSTILE", HOSTILE_NAME, MAYA);
        ticket(acme, "ZD-1", "Login broken", "open", "urgent", false, "2026-06-20T10:00:00Z", null);
        ticket(acme, "ZD-2", "Slow export", "pending", "high", true, "2026-06-25T10:00:00Z", null);
        ticket(acme, "ZD-3", "Invoice question", "solved", "normal", false, "2026-06-01T10:00:00Z", "2026-06-03T16:00:00Z");
        ticket(bolt, "ZD-4", "Outage", "open", "urgent", true, "2026-06-28T10:00:00Z", null);
        ticket(bolt, "ZD-5", "Typo in the app", "closed", "low", false, "2026-06-10T10:00:00Z", null);
        ticket(hostile, "ZD-6", HOSTILE_SUBJECT, "open", "normal", false, "2026-06-29T10:00:00Z", null);
        maya = signIn(MAYA);
    }

    @Test
    void aCsmSeesTheTicketsOfTheirOwnAccountsWithTheCountsOfThoseAndALeaderSeesTheBook() {
        String mine = page(maya, Map.of());

        assertThat(ids(mine)).containsExactly("ZD-6", "ZD-2", "ZD-1", "ZD-3");
        assertThat(mine).contains("id=\"tickets-unresolved\">3<", "id=\"tickets-urgent\">1<", "id=\"tickets-escalated\">1<",
                "Rows 1–4 of 4", "<option value=\"mine\" selected=\"selected\">My accounts</option>");
        assertThat(mine).as("the account by name, linking to its page")
                .contains("<a href=\"/accounts/" + acme + "\">Acme</a>");
        assertThat(mine).as("ZD-1's age: 20 June to 30 June").containsPattern("ZD-1 · api</div></td>\\s*<td class=\"nowrap\">"
                + "<span class=\"pill urgent\">urgent</span>\\s*</td>\\s*<td>open</td>\\s*<td class=\"num\">10</td>");

        String book = page(signIn(LEAD), Map.of());
        assertThat(ids(book)).containsExactly("ZD-6", "ZD-4", "ZD-2", "ZD-1", "ZD-5", "ZD-3");
        assertThat(book).contains("id=\"tickets-unresolved\">4<", "id=\"tickets-urgent\">2<", "id=\"tickets-escalated\">2<",
                "<option value=\"all\" selected=\"selected\">All accounts</option>");
        assertThat(ids(page(maya, Map.of("accounts", "all")))).as("a CSM may look at the whole book").hasSize(6);
        assertThat(ids(page(signIn(LEAD), Map.of("accounts", "mine")))).as("a leader who owns nothing").isEmpty();
    }

    @Test
    void eachFilterNarrowsTheRowsAndTheCounts() {
        assertThat(ids(page(maya, Map.of("status", "solved")))).containsExactly("ZD-3");
        String urgent = page(maya, Map.of("accounts", "all", "priority", "urgent"));
        assertThat(ids(urgent)).containsExactly("ZD-4", "ZD-1");
        assertThat(urgent).contains("id=\"tickets-unresolved\">2<", "id=\"tickets-urgent\">2<", "id=\"tickets-escalated\">1<");
        String unresolved = page(maya, Map.of("unresolved", "true"));
        assertThat(ids(unresolved)).containsExactly("ZD-6", "ZD-2", "ZD-1");
        assertThat(unresolved).contains("id=\"unresolved\" checked=\"checked\"");
        assertThat(ids(page(maya, Map.of("accounts", "all", "status", "closed", "unresolved", "true")))).isEmpty();
    }

    @Test
    void fiftyRowsAPageWithTheSecondPageHoldingTheRest() {
        for (int i = 0; i < 55; i++) {
            ticket(bolt, "B-" + i, "Bulk " + i, "open", "low", false, Instant.parse("2026-05-01T00:00:00Z").plusSeconds(3600L * i)
                    .toString(), null);
        }
        FormSession lead = signIn(LEAD);

        String first = page(lead, Map.of());
        assertThat(ids(first)).hasSize(50).startsWith("ZD-6", "ZD-4").endsWith("B-12", "B-11");
        assertThat(first).contains("Rows 1–50 of 61", "Page 1 of 2", "href=\"/tickets?accounts=all&amp;page=2\"")
                .doesNotContain("id=\"prev-page\"");
        assertThat(first).as("the counts are of every match, not of the page").contains("id=\"tickets-unresolved\">59<");

        String second = page(lead, Map.of("page", "2"));
        assertThat(ids(second)).containsExactly("B-10", "B-9", "B-8", "B-7", "B-6", "B-5", "B-4", "B-3", "B-2", "B-1", "B-0");
        assertThat(second).contains("Rows 51–61 of 61", "href=\"/tickets?accounts=all\" id=\"prev-page\"")
                .doesNotContain("id=\"next-page\"");
        assertThat(ids(page(lead, Map.of("page", "99")))).as("past the end: the last page").hasSize(11);
    }

    @Test
    void theCsvHoldsEveryMatchingTicketWithTypedTextDefused() throws IOException {
        HttpResponse<String> csv = maya.send("GET", "/tickets.csv", Map.of());

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"lodestar-tickets-2026-06-30.csv\"");
        assertThat(csv.body()).startsWith("ticket_id,external_id,account_id,account_name,subject,status,priority,escalated,"
                + "opened_at,solved_at,age_days,satisfaction,source\r\n");
        List<CSVRecord> rows = parse(csv.body());
        assertThat(rows).extracting(r -> r.get("external_id")).containsExactly("ZD-6", "ZD-2", "ZD-1", "ZD-3");
        assertThat(rows.get(0).get("account_name")).isEqualTo("'" + HOSTILE_NAME);
        assertThat(rows.get(0).get("subject")).isEqualTo("'" + HOSTILE_SUBJECT);
        Map<String, String> solved = new LinkedHashMap<>(rows.get(3).toMap());
        solved.remove("ticket_id");
        assertThat(solved).isEqualTo(Map.ofEntries(Map.entry("external_id", "ZD-3"),
                Map.entry("account_id", String.valueOf(acme)), Map.entry("account_name", "Acme"),
                Map.entry("subject", "Invoice question"), Map.entry("status", "solved"), Map.entry("priority", "normal"),
                Map.entry("escalated", "false"), Map.entry("opened_at", "2026-06-01T10:00:00Z"),
                Map.entry("solved_at", "2026-06-03T16:00:00Z"), Map.entry("age_days", "2"), Map.entry("satisfaction", ""),
                Map.entry("source", "api")));

        assertThat(parse(maya.send("GET", "/tickets.csv", Map.of("accounts", "all", "priority", "urgent")).body()))
                .extracting(r -> r.get("external_id")).containsExactly("ZD-4", "ZD-1");
        assertThat(page(maya, Map.of("priority", "urgent"))).contains("href=\"/tickets.csv?accounts=mine&amp;priority=urgent\"");
    }

    @Test
    void badParametersAreNamedOnThePageAndLeftOutNeverA500() {
        HttpResponse<String> bad = maya.send("GET", "/tickets", Map.of("status", "purple", "page", "0"));

        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("status: expected one of open, pending, solved, closed, got &#39;purple&#39;; "
                + "showing every status", "page: expected a whole number from 1, got &#39;0&#39;; showing page 1");
        assertThat(ids(bad.body())).hasSize(4);
        for (Map<String, String> params : List.of(Map.of("page", "-3"), Map.of("page", "x"), Map.of("priority", "huge"),
                Map.of("accounts", "everyone"), Map.of("unresolved", "maybe"), Map.of("page", "99999999999"))) {
            assertThat(maya.send("GET", "/tickets", params).statusCode()).as(params.toString()).isEqualTo(200);
            assertThat(maya.send("GET", "/tickets.csv", params).statusCode()).as(params.toString()).isEqualTo(200);
        }
        assertThat(page(maya, Map.of("accounts", "everyone"))).contains("accounts: expected one of mine, all, got "
                + "&#39;everyone&#39;; showing your default");
    }

    @Test
    void aReadOnlyUserSeesTheWholeBookAndThePagesLinkToEachOther() {
        FormSession viewer = signIn(VIEWER);
        HttpResponse<String> answer = viewer.send("GET", "/tickets", Map.of());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(ids(answer.body())).hasSize(6);
        assertThat(answer.body()).contains("<strong>Tickets</strong>", "<a href=\"/surveys\">Surveys</a>",
                "<a href=\"/invoices\">Invoices</a>");
        assertThat(viewer.send("GET", "/tickets.csv", Map.of()).statusCode()).isEqualTo(200);
        assertThat(viewer.send("GET", "/accounts/" + acme + "/tickets", Map.of()).body())
                .contains("<a class=\"sub\" id=\"all-tickets\" href=\"/tickets\">All tickets &rarr;</a>");
    }

    private long account(String externalId, String name, String owner) {
        ApiClient.Response created = api.post("/api/accounts", ApiClient.json(Map.of("externalId", externalId, "name", name,
                "owner", owner)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private void ticket(long account, String externalId, String subject, String status, String priority, boolean escalated,
            String createdAt, String solvedAt) {
        Map<String, Object> draft = new LinkedHashMap<>(Map.of("externalId", externalId, "subject", subject, "status", status,
                "priority", priority, "escalated", escalated, "createdAt", createdAt));
        if (solvedAt != null) {
            draft.put("solvedAt", solvedAt);
        }
        ApiClient.Response created = api.post("/api/accounts/" + account + "/tickets", ApiClient.json(draft));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private FormSession signIn(String email) {
        FormSession session = new FormSession(port);
        session.signIn(email, PASSWORD);
        return session;
    }

    private static String page(FormSession session, Map<String, String> params) {
        HttpResponse<String> answer = session.send("GET", "/tickets", params);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    /** The tickets the page lists, by external id, in its order. */
    private static List<String> ids(String page) {
        String table = page.substring(page.indexOf("id=\"tickets\""), page.indexOf("</table>", page.indexOf("id=\"tickets\"")));
        return Pattern.compile("<div class=\"sub\">([^ <]+) · api</div>").matcher(table).results()
                .map(m -> m.group(1)).toList();
    }

    private static List<CSVRecord> parse(String csv) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv)).getRecords();
    }
}
