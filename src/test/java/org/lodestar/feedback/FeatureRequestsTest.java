package org.lodestar.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Map;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.FormSession;
import org.lodestar.LodestarTest;
import org.lodestar.SmtpServer;
import org.lodestar.TestClock;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Feature requests end to end, on 10 March 2026. Acme Corp (120,000, enterprise, green, renews 1 December: not at
 * risk), Bolt (40,000, mid-market, red: at risk) and Cogs (10,000, smb, renews 6 September: within 180 days, at risk)
 * ask through the API, a CSV file, a ticket and a timeline note; requests are merged, shipped, and the emails to the
 * accounts that asked go through the wrong-customer guard to a real SMTP server (GreenMail).
 */
@LodestarTest
@Import(TestClock.Config.class)
class FeatureRequestsTest {

    private static final String MAYA = "maya@lodestar.test";
    private static final String VIEWER = "viewer@lodestar.test";

    @RegisterExtension
    static SmtpServer mail = SmtpServer.onFreePort();

    @DynamicPropertySource
    static void channels(DynamicPropertyRegistry registry) {
        mail.register(registry, "success@lodestar.test");
    }

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient jdbc;

    ApiClient maya;
    ApiClient viewer;
    long acme;
    long bolt;
    long cogs;
    long ana;
    long bo;

    @BeforeEach
    void setUp() {
        clock.setDay(LocalDate.of(2026, 3, 10));
        book.empty();
        maya = new ApiClient(port, book.tokenFor(MAYA, Role.CSM, TokenScope.WRITE));
        viewer = maya.as(book.tokenFor(VIEWER, Role.READ_ONLY, TokenScope.READ));
        acme = account("ACME", "Acme Corp", "acme.example", "120000", "enterprise", LocalDate.of(2026, 12, 1));
        bolt = account("BOLT", "Bolt", "bolt.example", "40000", "mid-market", null);
        cogs = account("COGS", "Cogs", "cogs.example", "10000", "smb", LocalDate.of(2026, 9, 6));
        ana = contact(acme, "ana.lima@acme.example", "Ana Lima", "champion");
        bo = contact(bolt, "bo.berg@bolt.example", "Bo Berg", "user");
        awaitRescores();
        health(acme, "GREEN");
        health(bolt, "RED");
        health(cogs, "GREEN");
    }

    /**
     * A new account is scored moments after it is created, by a listener (the product is asynchronous there): wait,
     * at most 10 s, until nothing is due, so that the bands set by hand are not overwritten.
     */
    private void awaitRescores() {
        long until = System.nanoTime() + 10_000_000_000L;
        while (jdbc.sql("select count(*) from health_rescore_due").query(Long.class).single() > 0
                || jdbc.sql("select count(*) from account a where not exists (select 1 from account_health h "
                        + "where h.account_id = a.id)").query(Long.class).single() > 0) {
            assertThat(System.nanoTime()).as("new accounts scored within 10 s").isLessThan(until);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The current band, as the health module stores it. */
    private void health(long id, String band) {
        jdbc.sql("delete from account_health where account_id = ?").param(id).update();
        jdbc.sql("insert into account_health (account_id, as_of, computed_at, score, band, scorecard, version, measures) "
                + "values (?, ?, current_timestamp, ?, ?, 'standard', 'test', '[]')")
                .params(id, Date.valueOf(LocalDate.of(2026, 3, 10)), new BigDecimal(band.equals("RED") ? "30" : "80"), band)
                .update();
    }

    /** An account with its contracts' ARR, segment and renewal as the contracts module would leave them. */
    private long account(String externalId, String name, String domain, String arr, String segment, LocalDate renewal) {
        ApiClient.Response created = maya.post("/api/accounts", "{\"externalId\":\"" + externalId + "\",\"name\":\"" + name
                + "\",\"domain\":\"" + domain + "\",\"owner\":\"" + MAYA + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        jdbc.sql("update account set arr = ?, renewal_date = ?, segment = ? where id = ?")
                .params(new BigDecimal(arr), renewal == null ? null : Date.valueOf(renewal), segment, id).update();
        return id;
    }

    private long contact(long account, String email, String name, String role) {
        ApiClient.Response created = maya.post("/api/accounts/" + account + "/stakeholders", "{\"email\":\"" + email
                + "\",\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private ApiClient.Response ask(long account, String json) {
        return maya.post("/api/accounts/" + account + "/feature-requests", json);
    }

    private long askFor(long account, String json) {
        ApiClient.Response asked = ask(account, json);
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        return asked.json().get("request").get("id").asLong();
    }

    @Test
    void asksByApiAreRankedByTheArrAskingAndTheArrAtRisk() {
        ApiClient.Response first = ask(acme, "{\"title\":\"SSO with Okta\",\"contactId\":" + ana
                + ",\"words\":\"We need SSO with Okta before we renew\"}");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("newRequest").asBoolean()).isTrue();
        assertThat(first.json().get("ask").get("source").asString()).isEqualTo("api");
        assertThat(first.json().get("ask").get("askedOn").asString()).isEqualTo("2026-03-10");
        long sso = first.json().get("request").get("id").asLong();
        assertThat(askFor(bolt, "{\"requestId\":" + sso + ",\"words\":\"Okta login please\"}")).isEqualTo(sso);
        assertThat(askFor(bolt, "{\"title\":\"sso with okta\"}")).as("the same title, whatever the case").isEqualTo(sso);
        ApiClient.Response alike = ask(cogs, "{\"title\":\"Okta SSO login\"}");
        assertThat(alike.status()).isEqualTo(201);
        assertThat(alike.json().get("newRequest").asBoolean()).isTrue();
        assertThat(alike.json().get("similar")).extracting(r -> r.get("title").asString()).containsExactly("SSO with Okta");
        askFor(cogs, "{\"title\":\"Export to Excel\"}");

        JsonNode ranked = viewer.get("/api/feature-requests").json();
        assertThat(ranked).extracting(r -> r.get("title").asString())
                .containsExactly("SSO with Okta", "Export to Excel", "Okta SSO login");
        JsonNode top = ranked.get(0);
        assertThat(top.get("accounts").asInt()).isEqualTo(2);
        assertThat(top.get("asks").asInt()).isEqualTo(3);
        assertThat(top.get("arr").decimalValue()).isEqualByComparingTo("160000");
        assertThat(top.get("arrAtRisk").decimalValue()).as("Bolt is red").isEqualByComparingTo("40000");
        assertThat(top.get("arrBySegment").get("enterprise").decimalValue()).isEqualByComparingTo("120000");
        assertThat(top.get("arrBySegment").get("mid-market").decimalValue()).isEqualByComparingTo("40000");
        assertThat(top.get("askingAccounts")).extracting(a -> a.get("name").asString()).containsExactly("Acme Corp", "Bolt");
        assertThat(ranked.get(1).get("arrAtRisk").decimalValue()).as("Cogs renews in 180 days").isEqualByComparingTo("10000");

        assertThat(viewer.get("/api/feature-requests?segment=smb").json()).extracting(r -> r.get("title").asString())
                .containsExactly("Export to Excel", "Okta SSO login");
        assertThat(viewer.get("/api/feature-requests?status=planned").json()).isEmpty();
        assertThat(viewer.get("/api/feature-requests?sort=sideways").status()).isEqualTo(400);

        ApiClient.Response neither = ask(acme, "{\"words\":\"something\"}");
        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.body()).contains("title", "is required");
        assertThat(ask(acme, "{\"title\":\"X\",\"requestId\":" + sso + "}").status()).isEqualTo(400);
        assertThat(ask(acme, "{\"title\":\"X\",\"contactId\":" + bo + "}").body()).contains("is not a contact of Acme Corp");
        assertThat(ask(acme, "{\"title\":\"X\",\"askedOn\":\"2026-03-11\"}").body()).contains("must not be after today");
        assertThat(ask(999_999, "{\"title\":\"X\"}").status()).isEqualTo(404);
        assertThat(viewer.post("/api/accounts/" + acme + "/feature-requests", "{\"title\":\"Dark mode\"}").status())
                .isEqualTo(403);
        assertThat(viewer.put("/api/feature-requests/" + sso, "{\"status\":\"planned\"}").status()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from product_request").query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void mergingMovesTheAsksAndTheExportCarriesTheFigures() {
        long sso = askFor(acme, "{\"title\":\"SSO with Okta\"}");
        long okta = askFor(cogs, "{\"title\":\"Okta SSO login\"}");
        askFor(bolt, "{\"title\":\"Okta SSO login\"}");

        ApiClient.Response merged = maya.post("/api/feature-requests/" + okta + "/merge", "{\"into\":" + sso + "}");
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(merged.json().get("id").asLong()).isEqualTo(sso);
        JsonNode kept = maya.get("/api/feature-requests/" + sso).json();
        assertThat(kept.get("figures").get("accounts").asInt()).isEqualTo(3);
        assertThat(kept.get("figures").get("arr").decimalValue()).isEqualByComparingTo("170000");
        assertThat(kept.get("figures").get("arrAtRisk").decimalValue()).isEqualByComparingTo("50000");
        assertThat(kept.get("asks")).hasSize(3);
        assertThat(maya.get("/api/feature-requests/" + okta).json().get("request").get("mergedInto").asLong()).isEqualTo(sso);
        assertThat(maya.get("/api/feature-requests").json()).extracting(r -> r.get("title").asString())
                .containsExactly("SSO with Okta");
        assertThat(askFor(bolt, "{\"requestId\":" + okta + "}")).as("an ask for a merged request goes to the one kept")
                .isEqualTo(sso);
        assertThat(askFor(cogs, "{\"title\":\"OKTA SSO login\",\"words\":\"still\"}")).as("and so does its old title")
                .isEqualTo(sso);
        assertThat(maya.post("/api/feature-requests/" + okta + "/merge", "{\"into\":" + sso + "}").status()).isEqualTo(409);
        assertThat(maya.post("/api/feature-requests/" + sso + "/merge", "{\"into\":" + sso + "}").status()).isEqualTo(400);
        assertThat(jdbc.sql("select summary from audit_event where entity_type = 'product-request' and action = 'merge'")
                .query(String.class).list()).containsExactly("Merged the feature request 'Okta SSO login' into 'SSO with Okta' "
                        + "(2 ask(s) moved)");

        ApiClient.Response csv = viewer.get("/api/feature-requests.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().replace("\r\n", "\n")).isEqualTo("""
                request_id,title,status,accounts,asks,arr,arr_at_risk,arr_by_segment,asking_accounts,accounts_at_risk
                %d,SSO with Okta,new,3,5,170000.00,50000.00,enterprise=120000.00;mid-market=40000.00;smb=10000.00,\
                Acme Corp;Bolt;Cogs,Bolt;Cogs
                """.formatted(sso));
    }

    @Test
    void aCsvFileWithABadRowImportsNothingUnlessPartialAndImportsOnce() {
        byte[] file = """
                account_external_id,contact_email,title,words,asked_on
                ACME,ana.lima@acme.example,Export to Excel,Finance wants the board pack in Excel,2026-03-01
                NOPE,,Export to Excel,,2026-03-02
                BOLT,nobody@bolt.example,Dark mode,,2026-13-01
                """.getBytes(StandardCharsets.UTF_8);

        ApiClient.Response refused = maya.postBytes("/api/import/feature-requests", "text/csv", file);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("errors")).extracting(e -> e.get("line").asInt() + " " + e.get("column").asString())
                .containsExactlyInAnyOrder("3 account_external_id", "4 contact_email", "4 asked_on");
        assertThat(refused.body()).contains("no account with external id NOPE", "no contact with email nobody@bolt.example at Bolt");
        assertThat(maya.get("/api/feature-requests").json()).isEmpty();
        assertThat(jdbc.sql("select count(*) from product_request").query(Long.class).single()).isZero();

        ApiClient.Response partial = maya.postBytes("/api/import/feature-requests?partial=true", "text/csv", file);
        assertThat(partial.status()).as(partial.body()).isEqualTo(200);
        assertThat(partial.json().get("created").asInt()).isEqualTo(1);
        assertThat(partial.json().get("rejected")).hasSize(3);
        JsonNode excel = maya.get("/api/feature-requests").json().get(0);
        assertThat(excel.get("title").asString()).isEqualTo("Export to Excel");
        JsonNode ask = maya.get("/api/feature-requests/" + excel.get("requestId").asLong()).json().get("asks").get(0);
        assertThat(ask.get("contactName").asString()).isEqualTo("Ana Lima");
        assertThat(ask.get("source").asString()).isEqualTo("csv");
        assertThat(ask.get("askedOn").asString()).isEqualTo("2026-03-01");

        ApiClient.Response again = maya.postBytes("/api/import/feature-requests?partial=true", "text/csv", file);
        assertThat(again.json().get("created").asInt()).isZero();
        assertThat(again.json().get("unchanged").asInt()).isEqualTo(1);
    }

    @Test
    void aTicketOrATimelineNoteIsTaggedAsARequest() {
        ApiClient.Response ticket = maya.post("/api/accounts/" + acme + "/tickets", "{\"externalId\":\"ZD-7\",\"subject\":"
                + "\"Can we get an audit log export?\",\"createdAt\":\"2026-03-02T09:00:00Z\"}");
        assertThat(ticket.status()).as(ticket.body()).isEqualTo(201);
        long ticketId = ticket.json().get("id").asLong();
        ApiClient.Response note = maya.post("/api/accounts/" + bolt + "/timeline", "{\"kind\":\"note\",\"subject\":"
                + "\"QBR\",\"body\":\"They keep asking for an audit log export\",\"occurredAt\":\"2026-03-05T10:00:00Z\"}");
        assertThat(note.status()).as(note.body()).isEqualTo(201);
        long noteId = note.json().get("id").asLong();

        ApiClient.Response fromTicket = ask(acme, "{\"title\":\"Audit log export\",\"ticketId\":" + ticketId + "}");
        assertThat(fromTicket.status()).as(fromTicket.body()).isEqualTo(201);
        JsonNode tagged = fromTicket.json().get("ask");
        assertThat(tagged.get("source").asString()).isEqualTo("ticket");
        assertThat(tagged.get("sourceRef").asLong()).isEqualTo(ticketId);
        assertThat(tagged.get("words").asString()).isEqualTo("Can we get an audit log export?");
        assertThat(tagged.get("askedOn").asString()).isEqualTo("2026-03-02");
        long request = fromTicket.json().get("request").get("id").asLong();

        JsonNode fromNote = ask(bolt, "{\"requestId\":" + request + ",\"timelineEntryId\":" + noteId + "}").json().get("ask");
        assertThat(fromNote.get("source").asString()).isEqualTo("note");
        assertThat(fromNote.get("words").asString()).isEqualTo("QBR: They keep asking for an audit log export");
        assertThat(fromNote.get("askedOn").asString()).isEqualTo("2026-03-05");

        assertThat(ask(bolt, "{\"requestId\":" + request + ",\"ticketId\":" + ticketId + "}").body())
                .contains("ticketId", "is not one of Bolt's tickets");
        assertThat(ask(acme, "{\"requestId\":" + request + ",\"timelineEntryId\":" + noteId + "}").body())
                .contains("timelineEntryId", "is not on Acme Corp's timeline");
    }

    @Test
    void shippingPreparesAnEmailPerAccountAndTheGuardStopsTheOneNamingAnotherCustomer() throws Exception {
        account("GLOBEX", "Globex", "globex.example", "50000", "mid-market", null);
        long sso = askFor(acme, "{\"title\":\"SSO with Okta\",\"contactId\":" + ana
                + ",\"words\":\"We need SSO like Globex has\"}");
        askFor(bolt, "{\"requestId\":" + sso + ",\"words\":\"Okta login for our team\"}");

        ApiClient.Response shipped = maya.put("/api/feature-requests/" + sso, "{\"status\":\"shipped\"}");
        assertThat(shipped.status()).as(shipped.body()).isEqualTo(200);
        assertThat(shipped.json().get("status").asString()).isEqualTo("shipped");
        assertThat(jdbc.sql("select summary from audit_event where entity_type = 'product-request' and action = 'update'")
                .query(String.class).single()).isEqualTo("Moved the feature request 'SSO with Okta' from new to shipped; "
                        + "2 email(s) prepared for the accounts that asked, 1 stopped before sending");

        JsonNode notices = maya.get("/api/feature-requests/" + sso).json().get("notices");
        assertThat(notices).extracting(n -> n.get("accountName").asString()).containsExactly("Acme Corp", "Bolt");
        assertThat(notices.get(0).get("blockedReason").asString()).contains("Globex");
        assertThat(notices.get(1).get("blockedReason").isNull()).isTrue();
        assertThat(notices.get(1).get("to").asString()).as("Bolt's ask named nobody: its only contact")
                .isEqualTo("bo.berg@bolt.example");
        assertThat(notices.get(1).get("subject").asString()).isEqualTo("SSO with Okta is live for Bolt");
        assertThat(mail.getReceivedMessages()).as("drafts, not sent").isEmpty();

        ApiClient.Response stopped = maya.post("/api/feature-requests/" + sso + "/notices/" + acme + "/send", "{}");
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(422);
        assertThat(stopped.json().get("blocked").asBoolean()).isTrue();
        ApiClient.Response sent = maya.post("/api/feature-requests/" + sso + "/notices/" + bolt + "/send", "{}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage received = mail.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("SSO with Okta is live for Bolt");
        assertThat(((InternetAddress) received.getAllRecipients()[0]).getAddress()).isEqualTo("bo.berg@bolt.example");
        assertThat((String) received.getContent()).contains("Hi Bo,", "In your words: \"Okta login for our team\"");
        assertThat(mail.getReceivedMessages()).hasSize(1);

        JsonNode after = maya.get("/api/feature-requests/" + sso).json().get("notices");
        assertThat(after.get(1).get("sentAt").isNull()).isFalse();
        assertThat(maya.post("/api/feature-requests/" + sso + "/notices/" + bolt + "/send", "{}").status()).isEqualTo(409);
        assertThat(jdbc.sql("select status from outreach_message order by id").query(String.class).list())
                .containsExactly("BLOCKED", "SENT");

        maya.put("/api/feature-requests/" + sso, "{\"status\":\"planned\"}");
        maya.put("/api/feature-requests/" + sso, "{\"status\":\"shipped\"}");
        assertThat(maya.get("/api/feature-requests/" + sso).json().get("notices")).as("shipped again: no second email")
                .hasSize(2);
        assertThat(maya.put("/api/feature-requests/" + sso, "{\"status\":\"done\"}").status()).isEqualTo(400);
    }

    @Test
    void thePagesRankTheRequestsAndACsmAddsOneFromTheAccountPage() {
        long sso = askFor(acme, "{\"title\":\"SSO with Okta\"}");
        askFor(bolt, "{\"title\":\"Dark mode\"}");
        FormSession csm = new FormSession(port);
        csm.signIn(MAYA, "password-1234");

        String page = csm.send("GET", "/feature-requests", Map.of()).body();
        assertThat(page).contains("id=\"nav-feature-requests\"", "id=\"requests-chart\"", "data-chart=\"bars\"",
                "ARR at risk", "SSO with Okta", "Dark mode", "id=\"export-csv\"");
        assertThat(page.indexOf("SSO with Okta")).as("120,000 before 40,000").isLessThan(page.indexOf(">Dark mode<"));
        assertThat(page).containsPattern("id=\"asking-accounts\">2</span>").containsPattern("id=\"asking-arr\">\\$160,000<");
        String atRisk = csm.send("GET", "/feature-requests?sort=at-risk", Map.of()).body();
        assertThat(atRisk.indexOf(">Dark mode<")).as("Bolt's 40,000 at risk before Acme's none")
                .isLessThan(atRisk.indexOf(">SSO with Okta<"));

        String panel = csm.send("GET", "/accounts/" + cogs + "/feature-requests", Map.of()).body();
        assertThat(panel).contains("id=\"no-asks\"", "id=\"ask-form\"", ">SSO with Okta</option>");
        String added = csm.send("POST", "/accounts/" + cogs + "/feature-requests", Map.of("requestId", "", "title",
                "Okta SSO login", "words", "Our IT wants Okta")).body();
        assertThat(added).contains("Recorded: Cogs asks for &#39;Okta SSO login&#39; (a new request).", "id=\"ask-similar\"",
                "SSO with Okta", "Our IT wants Okta");
        String refused = csm.send("POST", "/accounts/" + cogs + "/feature-requests", Map.of("requestId", "", "title", ""))
                .body();
        assertThat(refused).contains("id=\"ask-errors\"", "Title: is required");

        String request = csm.send("GET", "/feature-requests/" + sso, Map.of()).body();
        assertThat(request).contains("id=\"status-form\"", "id=\"merge-form\"", "Acme Corp", "id=\"request-similar\"");
        String saved = csm.send("POST", "/feature-requests/" + sso + "/status", Map.of("status", "under-review")).body();
        assertThat(saved).contains("Status saved.", "under review");

        FormSession reader = new FormSession(port);
        book.tokenFor(VIEWER, Role.READ_ONLY, TokenScope.READ);
        reader.signIn(VIEWER, "password-1234");
        assertThat(reader.send("GET", "/feature-requests/" + sso, Map.of()).body()).contains("SSO with Okta")
                .doesNotContain("id=\"status-form\"");
        assertThat(reader.send("GET", "/accounts/" + cogs + "/feature-requests", Map.of()).body()).doesNotContain("ask-form");
        assertThat(reader.send("POST", "/feature-requests/" + sso + "/status", Map.of("status", "planned")).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aCsmTagsATicketAndANoteOnTheAccountPageShipsTheRequestAndSendsTheEmail() throws Exception {
        long ticket = maya.post("/api/accounts/" + acme + "/tickets", "{\"externalId\":\"ZD-7\",\"subject\":"
                + "\"Can we get an audit log export?\",\"createdAt\":\"2026-03-02T09:00:00Z\"}").json().get("id").asLong();
        long note = maya.post("/api/accounts/" + acme + "/timeline", "{\"kind\":\"note\",\"subject\":\"Call with Ana\","
                + "\"body\":\"Audit log export again\"}").json().get("id").asLong();
        FormSession csm = new FormSession(port);
        csm.signIn(MAYA, "password-1234");

        assertThat(csm.send("GET", "/accounts/" + acme + "/tickets", Map.of()).body()).contains("id=\"tag-ticket-" + ticket
                + "\"", "/accounts/" + acme + "/feature-requests/new?ticket=" + ticket);
        assertThat(csm.send("GET", "/accounts/" + acme + "?tab=timeline", Map.of()).body()).contains("id=\"tag-note-" + note
                + "\"");
        String form = csm.send("GET", "/accounts/" + acme + "/feature-requests/new?ticket=" + ticket, Map.of()).body();
        assertThat(form).contains("Ticket ZD-7: Can we get an audit log export?", ">Can we get an audit log export?</textarea>");

        var tagged = csm.send("POST", "/accounts/" + acme + "/feature-requests/new", Map.of("ticket", String.valueOf(ticket),
                "requestId", "", "title", "Audit log export", "contactId", String.valueOf(ana), "words",
                "Can we get an audit log export?"));
        assertThat(tagged.statusCode()).isEqualTo(302);
        JsonNode ranked = maya.get("/api/feature-requests").json();
        long request = ranked.get(0).get("requestId").asLong();
        assertThat(tagged.headers().firstValue("Location").orElseThrow()).endsWith("/feature-requests/" + request);
        JsonNode ask = maya.get("/api/feature-requests/" + request).json().get("asks").get(0);
        assertThat(ask.get("source").asString()).isEqualTo("ticket");
        assertThat(ask.get("sourceRef").asLong()).isEqualTo(ticket);

        String noTitle = csm.send("POST", "/accounts/" + acme + "/feature-requests/new", Map.of("note", String.valueOf(note),
                "requestId", "", "title", "")).body();
        assertThat(noTitle).contains("id=\"ask-errors\"", "Title: is required", "Call with Ana");

        String shipped = csm.send("POST", "/feature-requests/" + request + "/status", Map.of("status", "shipped")).body();
        assertThat(shipped).contains("Status saved.", "Tell the accounts that asked", "ana.lima@acme.example",
                "Audit log export is live for Acme Corp", "id=\"send-" + acme + "\"");
        String sent = csm.send("POST", "/feature-requests/" + request + "/notices/" + acme + "/send", Map.of()).body();
        assertThat(sent).contains("Email sent.", "sent 2026-03-10 by").doesNotContain("id=\"send-" + acme + "\"");
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(mail.getReceivedMessages()[0].getSubject()).isEqualTo("Audit log export is live for Acme Corp");
    }
}
