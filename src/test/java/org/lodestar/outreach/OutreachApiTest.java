package org.lodestar.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.FormSession;
import org.lodestar.LodestarTest;
import org.lodestar.SmtpServer;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.health.HealthScores;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.lodestar.people.Users;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outreach end to end: email arrives at a real SMTP server (GreenMail), alerts at a local Slack
 * webhook, the guard stops a message naming another customer, and every send is on the timeline
 * and in the audit log.
 */
@LodestarTest
class OutreachApiTest {

    private static final List<String> SLACK_BODIES = new CopyOnWriteArrayList<>();
    private static final AtomicInteger SLACK_STATUS = new AtomicInteger(200);
    private static final HttpServer SLACK = slack();
    private static final String CSM_EMAIL = "dana.whitfield@lodestar.test";

    @RegisterExtension
    static SmtpServer mail = SmtpServer.onFreePort();

    @DynamicPropertySource
    static void channels(DynamicPropertyRegistry registry) {
        mail.register(registry, "success@lodestar.test");
        registry.add("lodestar.outreach.slack-webhook-url",
                () -> "http://127.0.0.1:" + SLACK.getAddress().getPort() + "/services/T000/B000/XXXX");
    }

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    Users users;
    @Autowired
    HealthScores scores;
    @Autowired
    Clock clock;

    ApiClient admin;
    ApiClient csm;
    long acme;
    long ana;

    @BeforeEach
    void setUp() {
        book.empty();
        SLACK_BODIES.clear();
        SLACK_STATUS.set(200);
        Actors.runAs(Actor.system(), () -> {
            if (users.findByEmail(CSM_EMAIL).isEmpty()) {
                users.create(CSM_EMAIL, "Dana Whitfield", Role.CSM, "password-1234");
            }
        });
        admin = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        csm = admin.as(book.tokenFor(CSM_EMAIL, Role.CSM, TokenScope.WRITE));
        acme = account("ACME", "Acme Corp", ",\"owner\":\"" + CSM_EMAIL + "\",\"domain\":\"acme.example\"");
        ana = admin.post("/api/accounts/" + acme + "/stakeholders",
                "{\"email\":\"ana.lima@acme.example\",\"name\":\"Ana Lima\",\"role\":\"champion\"}").json().get("id").asLong();
    }

    @AfterAll
    static void stopSlack() {
        SLACK.stop(0);
    }

    private long account(String externalId, String name, String more) {
        ApiClient.Response created = admin.post("/api/accounts", "{\"externalId\":\"" + externalId + "\",\"name\":\"" + name
                + "\"" + more + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private static String request(String template, long accountId, Long contactId, String varsJson) {
        return "{\"template\":\"" + template + "\",\"accountId\":" + accountId
                + (contactId == null ? "" : ",\"contactId\":" + contactId) + ",\"vars\":" + varsJson + "}";
    }

    @Test
    void anEmailArrivesAtTheMailServerFilledInAndLandsOnTheTimelineAndInTheAuditLog() throws Exception {
        ApiClient.Response sent = csm.post("/api/outreach/send", request("feature-announcement", acme, ana,
                "{\"feature\":\"Single sign-on\"}"));

        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage received = mail.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("Single sign-on is now available for Acme Corp");
        assertThat(((InternetAddress) received.getAllRecipients()[0]).getAddress()).isEqualTo("ana.lima@acme.example");
        assertThat(((InternetAddress) received.getFrom()[0]).getAddress()).isEqualTo("success@lodestar.test");
        assertThat(((InternetAddress) received.getReplyTo()[0]).getAddress()).isEqualTo(CSM_EMAIL);
        String expectedBody = """
                Hi Ana,

                I am glad to let you know that Single sign-on is now available to everyone at Acme Corp.

                It is switched on for your workspace already, so your team can start using it today. \
                If it would help, I can walk you and your colleagues through it in a short session and show \
                how other teams have put it to work.

                As always, I would love to hear what you think once you have tried it.

                Best regards,
                Dana Whitfield
                dana.whitfield@lodestar.test""";
        assertThat(((String) received.getContent()).replace("\r\n", "\n").strip()).isEqualTo(expectedBody);

        JsonNode body = sent.json();
        assertThat(body.get("to").asString()).isEqualTo("ana.lima@acme.example");
        assertThat(body.get("sentBy").asString()).isEqualTo("test write (" + CSM_EMAIL + ")");
        assertThat(body.get("body").asString()).isEqualTo(expectedBody);

        JsonNode entry = admin.get("/api/accounts/" + acme + "/timeline").json().get(0);
        assertThat(entry.get("id").asLong()).isEqualTo(body.get("timelineEntryId").asLong());
        assertThat(entry.get("kind").asString()).isEqualTo("email");
        assertThat(entry.get("subject").asString()).isEqualTo("Email to Ana Lima: Single sign-on is now available for Acme Corp");
        assertThat(entry.get("body").asString()).isEqualTo(expectedBody);
        assertThat(entry.get("author").asString()).isEqualTo("test write (" + CSM_EMAIL + ")");

        JsonNode audit = admin.get("/api/audit?entityType=outreach-message&entityId=" + body.get("id").asLong()).json();
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).get("summary").asString())
                .isEqualTo("Sent email 'feature-announcement' to ana.lima@acme.example for Acme Corp");
        assertThat(audit.get(0).get("actorName").asString()).contains(CSM_EMAIL);

        JsonNode messages = admin.get("/api/accounts/" + acme + "/outreach").json();
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("status").asString()).isEqualTo("sent");
        assertThat(messages.get(0).get("subject").asString()).isEqualTo("Single sign-on is now available for Acme Corp");
    }

    @Test
    void anEmailNamingAnotherCustomerIsBlockedRecordedAndNeverReachesTheMailServer() {
        account("GLOBEX", "Globex", "");
        ApiClient.Response blocked = csm.post("/api/outreach/send", request("delayed-feature-reply", acme, ana,
                "{\"feature\":\"the audit export we built for Globex\",\"new_date\":\"15 March\"}"));

        assertThat(blocked.status()).as(blocked.body()).isEqualTo(422);
        assertThat(blocked.contentType()).startsWith("application/problem+json");
        assertThat(blocked.json().get("title").asString()).isEqualTo("Message blocked");
        assertThat(blocked.json().get("detail").asString()).isEqualTo("The message to Acme Corp names another customer, "
                + "Globex (in the subject: \"…the audit export we built for Globex for Acme Corp\"). "
                + "Nothing was sent.");
        assertThat(mail.getReceivedMessages()).isEmpty();

        JsonNode messages = admin.get("/api/accounts/" + acme + "/outreach").json();
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("status").asString()).isEqualTo("blocked");
        assertThat(messages.get(0).get("reason").asString()).isEqualTo(blocked.json().get("detail").asString());
        assertThat(admin.get("/api/accounts/" + acme + "/timeline").json()).isEmpty();
        assertThat(admin.get("/api/audit?entityType=outreach-message").json().get(0).get("action").asString())
                .isEqualTo("block");

        ApiClient.Response preview = csm.post("/api/outreach/preview", request("delayed-feature-reply", acme, ana,
                "{\"feature\":\"the audit export we built for Globex\",\"new_date\":\"15 March\"}"));
        assertThat(preview.json().get("blockedReason").asString()).isEqualTo(blocked.json().get("detail").asString());
    }

    private static String email(long contactId, String subject, String body) {
        return "{\"contactId\":" + contactId + ",\"subject\":\"" + subject + "\",\"body\":\"" + body + "\"}";
    }

    /**
     * Apex Corp (apexcorp.com) is known as "Apex" and "apexcorp.com" without anyone typing it: an email to Acme's
     * contact about "the Apex dashboard" or "Apex Corporation connectors", written by hand or from a template, is stopped;
     * "the apex of the season" is a plain word and goes. Dismissing the suggestion lets "Apex" through; an alias added
     * by hand is checked too.
     */
    @Test
    void anotherCustomerNamedByAnAliasIsBlockedInWrittenAndTemplateEmails() throws Exception {
        long apex = account("APEX", "Apex Corp", ",\"domain\":\"https://www.apexcorp.com/\"");
        assertThat(admin.get("/api/accounts/" + apex + "/aliases").json().get("aliases").valueStream()
                .map(a -> a.get("alias").asString() + ":" + a.get("source").asString()))
                .containsExactly("Apex:suggested", "apexcorp.com:suggested");

        ApiClient.Response written = csm.post("/api/accounts/" + acme + "/emails", email(ana, "Your dashboards",
                "Hi Ana, the Apex dashboard you liked is ready for your team too."));
        assertThat(written.status()).as(written.body()).isEqualTo(422);
        assertThat(written.json().get("detail").asString()).isEqualTo("The message to Acme Corp names another customer, "
                + "Apex Corp (as \"Apex\", one of its aliases) (in the body: \"Hi Ana, the Apex dashboard you liked is ready…\"). "
                + "Nothing was sent.");
        ApiClient.Response template = csm.post("/api/outreach/send", request("feature-announcement", acme, ana,
                "{\"feature\":\"Apex Corporation connectors\"}"));
        assertThat(template.status()).isEqualTo(422);
        assertThat(template.json().get("detail").asString()).contains("Apex Corp (as \"Apex\"", "in the subject");
        assertThat(csm.post("/api/accounts/" + acme + "/emails/preview", email(ana, "Notes", "See APEXCORP.COM/case-study"))
                .json().get("blockedReason").asString()).contains("Apex Corp (as \"apexcorp.com\"");
        assertThat(mail.getReceivedMessages()).isEmpty();
        assertThat(admin.get("/api/accounts/" + acme + "/outreach").json().valueStream()
                .map(m -> m.get("template").asString() + ":" + m.get("status").asString()))
                .containsExactly("feature-announcement:blocked", "free-text:blocked");

        ApiClient.Response plain = csm.post("/api/accounts/" + acme + "/emails", email(ana, "Season", "We are at the apex of "
                + "the season, and Acme's own rollout is on track."));
        assertThat(plain.status()).as(plain.body()).isEqualTo(201);
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(admin.get("/api/accounts/" + acme + "/timeline").json().get(0).get("subject").asString())
                .isEqualTo("Email to Ana Lima: Season");

        assertThat(csm.delete("/api/accounts/" + apex + "/aliases/Apex").status()).isEqualTo(200);
        assertThat(admin.get("/api/accounts/" + apex + "/aliases").json().get("dismissed").valueStream()
                .map(JsonNode::asString)).containsExactly("Apex");
        assertThat(csm.post("/api/accounts/" + acme + "/emails/preview", email(ana, "Dashboards", "The Apex dashboard."))
                .json().get("blockedReason").isNull()).isTrue();

        assertThat(csm.post("/api/accounts/" + apex + "/aliases", "{\"alias\":\"Roadrunner\"}").status()).isEqualTo(200);
        assertThat(csm.post("/api/accounts/" + acme + "/emails/preview", email(ana, "Roadrunner rollout", "Hi"))
                .json().get("blockedReason").asString()).contains("Apex Corp (as \"Roadrunner\"", "in the subject");
        assertThat(csm.post("/api/accounts/" + apex + "/aliases", "{\"alias\":\"x\"}").body())
                .contains("\"field\":\"alias\"", "at least 2 letters");
        assertThat(csm.delete("/api/accounts/" + apex + "/aliases/Nope").status()).isEqualTo(404);
    }

    @Test
    void aWrittenEmailNeedsASubjectABodyAndAContact() {
        ApiClient.Response bad = csm.post("/api/accounts/" + acme + "/emails", "{\"subject\":\" \",\"body\":\"\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"subject\"", "\"field\":\"body\"");
        ApiClient.Response noContact = csm.post("/api/accounts/" + acme + "/emails", "{\"subject\":\"Hi\",\"body\":\"Hello\"}");
        assertThat(noContact.status()).isEqualTo(400);
        assertThat(noContact.body()).contains("\"field\":\"contactId\"", "an email needs a contact of Acme Corp");
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void theAccountsParentAndSubsidiariesMayBeNamed() throws Exception {
        account("ACME-EU", "Acme Europe", ",\"parent\":\"ACME\"");
        account("GLOBEX", "Globex", "");
        ApiClient.Response sent = csm.post("/api/outreach/send", request("feature-announcement", acme, ana,
                "{\"feature\":\"Shared dashboards\\nfor Acme Europe\"}"));

        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(mail.getReceivedMessages()[0].getSubject())
                .isEqualTo("Shared dashboards for Acme Europe is now available for Acme Corp");
    }

    @Test
    void aSlackAlertPostsJsonToTheWebhookAndLandsOnTheTimeline() {
        admin.post("/api/accounts/" + acme + "/subscriptions", "{\"externalId\":\"ACME-1\",\"startDate\":\""
                + today().minusMonths(10) + "\",\"endDate\":\"" + today().plusMonths(2) + "\",\"autoRenew\":false,"
                + "\"lineItems\":[{\"plan\":\"growth\",\"module\":\"core\",\"seats\":10,\"arr\":120000}]}");
        Actors.runAs(Actor.system(), () -> scores.recompute(List.of(acme), n -> { }));
        JsonNode account = admin.get("/api/accounts/" + acme).json();
        JsonNode health = admin.get("/api/accounts/" + acme + "/health").json();
        String score = health.get("score").decimalValue().setScale(0, java.math.RoundingMode.HALF_UP).toPlainString();

        ApiClient.Response sent = csm.post("/api/outreach/send", request("critical-bug-alert", acme, null,
                "{\"bug\":\"Exports fail for files over 2 GB & more\",\"ticket\":\"ZD-4411\"}"));

        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        String expected = ":rotating_light: Critical bug affecting Acme Corp\n"
                + "Bug: Exports fail for files over 2 GB &amp; more (ticket ZD-4411)\n"
                + "ARR: $120,000 · renewal " + account.get("renewalDate").asString() + "\n"
                + "Health: " + score + " (" + health.get("band").asString() + ")\n"
                + "CSM: Dana Whitfield (dana.whitfield@lodestar.test)\n"
                + "Please keep the CSM informed of progress until it is resolved.";
        assertThat(SLACK_BODIES).hasSize(1);
        assertThat(JsonMapper.builder().build().readTree(SLACK_BODIES.getFirst()).get("text").asString()).isEqualTo(expected);
        assertThat(sent.json().get("to").asString()).isEqualTo("Slack");

        JsonNode entry = admin.get("/api/accounts/" + acme + "/timeline").json().get(0);
        assertThat(entry.get("kind").asString()).isEqualTo("slack-alert");
        assertThat(entry.get("subject").asString()).isEqualTo("Slack alert: :rotating_light: Critical bug affecting Acme Corp");
    }

    @Test
    void slackIsExemptFromTheGuardButAnUnknownAccountOrARefusingWebhookSendsNothing() {
        account("GLOBEX", "Globex", "");
        String vars = "{\"bug\":\"Same crash Globex saw last week\",\"ticket\":\"ZD-1\"}";
        ApiClient.Response internal = csm.post("/api/outreach/preview", request("critical-bug-alert", acme, null, vars));
        assertThat(internal.json().get("blockedReason").isNull()).isTrue();

        ApiClient.Response unknown = csm.post("/api/outreach/send", request("critical-bug-alert", 999_999, null, vars));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asString()).isEqualTo("Account 999999 not found");

        account("INITECH", "Initech", ",\"owner\":\"" + CSM_EMAIL + "\"");
        ApiClient.Response noHealth = csm.post("/api/outreach/send", request("critical-bug-alert", acme, null, vars));
        assertThat(noHealth.status()).as(noHealth.body()).isEqualTo(422);
        assertThat(noHealth.json().get("fields")).extracting(JsonNode::asString)
                .contains("account.renewal_date");

        ApiClient.Response noVars = csm.post("/api/outreach/send", request("critical-bug-alert", acme, null, "{}"));
        assertThat(noVars.status()).isEqualTo(400);
        assertThat(noVars.json().get("errors")).extracting(e -> e.get("field").asString())
                .containsExactly("vars.bug", "vars.ticket");
        assertThat(SLACK_BODIES).isEmpty();
    }

    @Test
    void aWebhookThatRefusesIsA502AndNothingIsRecorded() {
        SLACK_STATUS.set(404);
        ApiClient.Response refused = csm.post("/api/outreach/send", request("feature-announcement", acme, ana,
                "{\"feature\":\"SSO\"}"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(201);

        ApiClient.Response failed = csm.post("/api/outreach/send", slackRequestWithAllValues());
        assertThat(failed.status()).as(failed.body()).isEqualTo(502);
        assertThat(failed.json().get("detail").asString())
                .isEqualTo("Slack answered 404 (no_service) instead of accepting the alert. Nothing was sent.");
        assertThat(admin.get("/api/accounts/" + acme + "/outreach").json()).hasSize(1);
    }

    private String slackRequestWithAllValues() {
        admin.post("/api/accounts/" + acme + "/subscriptions", "{\"externalId\":\"ACME-1\",\"startDate\":\""
                + today().minusMonths(10) + "\",\"endDate\":\"" + today().plusMonths(2) + "\",\"autoRenew\":false,"
                + "\"lineItems\":[{\"plan\":\"growth\",\"module\":\"core\",\"seats\":10,\"arr\":120000}]}");
        Actors.runAs(Actor.system(), () -> scores.recompute(List.of(acme), n -> { }));
        return request("critical-bug-alert", acme, null, "{\"bug\":\"Crash\",\"ticket\":\"ZD-2\"}");
    }

    @Test
    void aPreviewShowsMissingValuesAsAnEmDashAndASendOfThemIsRefusedNamingTheField() {
        ApiClient.Response preview = csm.post("/api/outreach/preview", request("re-engagement", acme, ana, "{}"));

        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().get("subject").asString()).isEqualTo("Checking in on how things are going at Acme Corp");
        assertThat(preview.json().get("body").asString()).startsWith("""
                Hi Ana,

                I was looking at how your team has been working with us and noticed that activity at \
                Acme Corp has changed by — over the last 30 days, with 0 people active in that time.""");
        assertThat(preview.json().get("missing")).extracting(JsonNode::asString).containsExactly("usage.trend_30d");

        ApiClient.Response send = csm.post("/api/outreach/send", request("re-engagement", acme, ana, "{}"));
        assertThat(send.status()).isEqualTo(422);
        assertThat(send.json().get("detail").asString()).isEqualTo("The template re-engagement uses usage.trend_30d, "
                + "which has no value for Acme Corp. Nothing was sent.");
        assertThat(send.json().get("fields")).extracting(JsonNode::asString).containsExactly("usage.trend_30d");

        ApiClient.Response noFeature = csm.post("/api/outreach/send", request("feature-announcement", acme, ana, "{}"));
        assertThat(noFeature.status()).isEqualTo(400);
        assertThat(noFeature.json().get("errors").get(0).get("field").asString()).isEqualTo("vars.feature");
        assertThat(mail.getReceivedMessages()).isEmpty();
        assertThat(admin.get("/api/accounts/" + acme + "/outreach").json()).isEmpty();
    }

    @Test
    void badRequestsNameWhatIsWrong() {
        ApiClient.Response unknownTemplate = csm.post("/api/outreach/send", request("welcome", acme, ana, "{}"));
        assertThat(unknownTemplate.status()).isEqualTo(400);
        assertThat(unknownTemplate.json().get("errors").get(0).get("field").asString()).isEqualTo("template");
        assertThat(unknownTemplate.json().get("errors").get(0).get("reason").asString()).isEqualTo("unknown template "
                + "'welcome'; expected one of critical-bug-alert, delayed-feature-reply, feature-announcement, feature-shipped, "
                + "re-engagement, renewal-check-in");

        ApiClient.Response noContact = csm.post("/api/outreach/send", request("feature-announcement", acme, null,
                "{\"feature\":\"SSO\"}"));
        assertThat(noContact.json().get("errors").get(0).get("field").asString()).isEqualTo("contactId");

        long globex = account("GLOBEX", "Globex", "");
        long bob = admin.post("/api/accounts/" + globex + "/stakeholders",
                "{\"email\":\"bob@globex.example\",\"name\":\"Bob\",\"role\":\"user\"}").json().get("id").asLong();
        ApiClient.Response otherContact = csm.post("/api/outreach/send", request("feature-announcement", acme, bob,
                "{\"feature\":\"SSO\"}"));
        assertThat(otherContact.status()).isEqualTo(400);
        assertThat(otherContact.json().get("errors").get(0).get("reason").asString())
                .isEqualTo("contact " + bob + " is not a contact of Acme Corp");

        assertThat(csm.post("/api/outreach/send", "{\"template\":\"feature-announcement\",\"acountId\":1}").status())
                .isEqualTo(400);
        assertThat(csm.post("/api/outreach/send", "not json").status()).isEqualTo(400);
        ApiClient.Response nullVar = csm.post("/api/outreach/send", request("feature-announcement", acme, ana,
                "{\"feature\":null}"));
        assertThat(nullVar.status()).isEqualTo(400);
        assertThat(nullVar.json().get("errors").get(0).get("field").asString()).isEqualTo("vars.feature");
        ApiClient.Response longSubject = csm.post("/api/outreach/send", request("feature-announcement", acme, ana,
                "{\"feature\":\"" + "Very long feature name ".repeat(13) + "\"}"));
        assertThat(longSubject.status()).isEqualTo(400);
        assertThat(longSubject.json().get("errors").get(0).get("reason").asString())
                .isEqualTo("the filled-in subject would be 329 characters; at most 300, so shorten the variables it uses");
        ApiClient.Response badName = csm.post("/api/outreach/preview", request("feature-announcement", acme, ana,
                "{\"Feature\":\"SSO\"}"));
        assertThat(badName.json().get("errors").get(0).get("field").asString()).isEqualTo("vars.Feature");
        assertThat(csm.post("/api/outreach/preview", request("feature-announcement", 999_999, null, "{}")).status())
                .isEqualTo(404);
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void readersSeeTemplatesAndMessagesButCannotPreviewOrSend() {
        ApiClient reader = admin.as(book.tokenFor("reader@lodestar.test", Role.READ_ONLY, TokenScope.READ));

        ApiClient.Response templates = reader.get("/api/outreach/templates");
        assertThat(templates.status()).isEqualTo(200);
        assertThat(templates.json()).extracting(t -> t.get("name").asString()).containsExactly("critical-bug-alert",
                "delayed-feature-reply", "feature-announcement", "feature-shipped", "re-engagement", "renewal-check-in");
        assertThat(templates.json().get(1).get("vars")).extracting(JsonNode::asString).containsExactly("feature", "new_date");
        assertThat(reader.get("/api/accounts/" + acme + "/outreach").status()).isEqualTo(200);

        ApiClient.Response send = reader.post("/api/outreach/send", request("feature-announcement", acme, ana,
                "{\"feature\":\"SSO\"}"));
        assertThat(send.status()).isEqualTo(403);
        assertThat(send.contentType()).startsWith("application/problem+json");
        assertThat(reader.post("/api/outreach/preview", request("feature-announcement", acme, ana, "{}")).status())
                .isEqualTo(403);
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void theAccountPagePanelOffersTheTemplatesAndShowsRecentMessages() {
        csm.post("/api/outreach/send", request("feature-announcement", acme, ana, "{\"feature\":\"SSO\"}"));
        ApiClient.Response panel = csm.get("/accounts/" + acme + "/outreach?template=delayed-feature-reply");

        assertThat(panel.status()).isEqualTo(200);
        assertThat(panel.body()).contains("<h2>Outreach</h2>", "value=\"delayed-feature-reply\" selected",
                "name=\"var.feature\"", "name=\"var.new_date\"", "Ana Lima &lt;ana.lima@acme.example&gt;",
                "SSO is now available for Acme Corp", "id=\"outreach-send-button\"");
    }

    /** On the account page: the aliases card adds and dismisses; the composer writes an email, stopped or sent. */
    @Test
    void theAliasesCardAndTheComposerOnTheAccountPage() throws Exception {
        long apex = account("APEX", "Apex Corp", ",\"domain\":\"apexcorp.com\"");
        FormSession dana = new FormSession(port);
        dana.signIn(CSM_EMAIL, "password-1234");
        assertThat(dana.send("GET", "/accounts/" + apex, Map.of()).body()).contains("hx-get=\"/accounts/" + apex + "/aliases\"");
        assertThat(dana.send("GET", "/accounts/" + apex + "/aliases", Map.of()).body()).contains("Also known as",
                "id=\"alias-apex\"", "id=\"alias-apexcorp.com\"", "suggested", "id=\"alias-add\"");
        assertThat(dana.send("POST", "/accounts/" + apex + "/aliases", Map.of("alias", "Roadrunner")).body())
                .contains("Alias added.", "id=\"alias-roadrunner\"", "added");
        assertThat(dana.send("POST", "/accounts/" + apex + "/aliases", Map.of("alias", "?")).body())
                .contains("id=\"aliases-errors\"", "alias: expected a name of at least 2 letters");
        assertThat(dana.send("POST", "/accounts/" + apex + "/aliases/remove", Map.of("alias", "apexcorp.com")).body())
                .contains("Alias removed.", "Dismissed suggestions: apexcorp.com").doesNotContain("id=\"alias-apexcorp.com\"");

        String composer = dana.send("GET", "/accounts/" + acme + "/outreach?template=free-text", Map.of()).body();
        assertThat(composer).contains("value=\"free-text\" selected", "id=\"outreach-subject\"", "id=\"outreach-body\"");
        String stopped = dana.send("POST", "/accounts/" + acme + "/outreach", Map.of("template", "free-text", "contactId",
                String.valueOf(ana), "subject", "Roadrunner pilot", "body", "Hi Ana", "action", "send")).body();
        assertThat(stopped).contains("id=\"outreach-refusal\"", "names another customer, Apex Corp (as &quot;Roadrunner&quot;");
        String sent = dana.send("POST", "/accounts/" + acme + "/outreach", Map.of("template", "free-text", "contactId",
                String.valueOf(ana), "subject", "Our pilot", "body", "Hi Ana, the pilot starts Monday.", "action", "send")).body();
        assertThat(sent).contains("Sent your email to ana.lima@acme.example: Our pilot.");
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(mail.getReceivedMessages()[0].getSubject()).isEqualTo("Our pilot");
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }


    private static HttpServer slack() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/services", exchange -> {
                SLACK_BODIES.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                int status = SLACK_STATUS.get();
                byte[] answer = (status == 200 ? "ok" : "no_service").getBytes(StandardCharsets.UTF_8);
                if (status != 200) {
                    SLACK_BODIES.removeLast();
                }
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
