package org.lodestar.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.FormSession;
import org.lodestar.LodestarTest;
import org.lodestar.TestClock;
import org.lodestar.accounts.Timeline;
import org.lodestar.accounts.TimelineKind;
import org.lodestar.audit.Actor;
import org.lodestar.audit.AuditEvent;
import org.lodestar.audit.AuditLog;
import org.lodestar.audit.AuditQuery;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * A plan shared with the customer on Tuesday 10 March 2026, 09:00 UTC. Acme Rockets (Maya's, $48,000 ARR) has the
 * plan "Reporting rollout": Kickoff held (Maya's), Admins trained (Jane Doe's), Users invited (Lee Park's). Jane gets
 * a link; she sees the plan without signing in and marks her milestone done, and only hers. Globex, another account,
 * has a plan of its own that never shows.
 */
@LodestarTest
@Import(TestClock.Config.class)
class PlanLinksTest {

    private static final String MAYA = "maya@lodestar.test";
    private static final String JANE_ACTOR = "Jane Doe <jane@acme.example> (customer, shared link)";

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    TestClock clock;
    @Autowired
    SuccessPlans plans;
    @Autowired
    AuditLog audit;
    @Autowired
    Timeline timeline;
    @Autowired
    JdbcClient jdbc;
    ApiClient maya;
    long acme;
    long jane;
    long lee;
    long planId;
    long kickoff;
    long admins;
    long users;

    @BeforeEach
    void setUp() {
        clock.setDay(LocalDate.of(2026, 3, 10));
        book.empty();
        maya = new ApiClient(port, book.tokenFor(MAYA, Role.CSM, TokenScope.WRITE));
        long mayaId = jdbc.sql("select id from app_user where email = ?").param(MAYA).query(Long.class).single();
        acme = maya.post("/api/accounts", "{\"externalId\":\"L-ACME\",\"name\":\"Acme Rockets\",\"owner\":\"" + MAYA + "\"}")
                .json().get("id").asLong();
        maya.post("/api/accounts/" + acme + "/subscriptions", "{\"externalId\":\"SUB-L-ACME\",\"startDate\":\"2026-01-01\","
                + "\"endDate\":\"2027-01-01\",\"lineItems\":[{\"plan\":\"enterprise\",\"seats\":40,\"arr\":48000}]}");
        jane = contact(acme, "jane@acme.example", "Jane Doe");
        lee = contact(acme, "lee@acme.example", "Lee Park");
        ApiClient.Response created = maya.post("/api/accounts/" + acme + "/plans", """
                {"title": "Reporting rollout", "startsOn": "2026-03-10", "outcomes": [
                  {"title": "Finance reports from Lodestar", "milestones": [
                    {"title": "Kickoff held", "ownerUserId": %d, "dueOn": "2026-03-12"},
                    {"title": "Admins trained", "ownerContactId": %d, "dueOn": "2026-03-15"},
                    {"title": "Users invited", "ownerContactId": %d, "dueOn": "2026-03-24"}]}]}"""
                .formatted(mayaId, jane, lee));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        planId = created.json().get("id").asLong();
        JsonNode milestones = created.json().get("outcomes").get(0).get("milestones");
        kickoff = milestones.get(0).get("id").asLong();
        admins = milestones.get(1).get("id").asLong();
        users = milestones.get(2).get("id").asLong();
        long globex = maya.post("/api/accounts", "{\"externalId\":\"L-GLOBEX\",\"name\":\"Globex Secret Labs\"}").json()
                .get("id").asLong();
        maya.post("/api/accounts/" + globex + "/plans", "{\"template\":\"smb-onboarding\",\"title\":\"Globex rollout\"}");
    }

    private long contact(long account, String email, String name) {
        return maya.post("/api/accounts/" + account + "/stakeholders", "{\"email\":\"" + email + "\",\"name\":\"" + name
                + "\",\"role\":\"champion\"}").json().get("id").asLong();
    }

    /** Shares the plan with a contact through the API; answers the link's path (its token is in it). */
    private String share(long contact, int days) {
        ApiClient.Response issued = maya.post("/api/plans/" + planId + "/links",
                "{\"contactId\":" + contact + ",\"expiresInDays\":" + days + "}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String url = issued.json().get("url").asString();
        return url.substring(url.indexOf("/shared/plans/"));
    }

    @Test
    void aCsmSharesThePlanAndTheContactMarksTheMilestoneTheyOwnDone() {
        FormSession csm = new FormSession(port);
        csm.signIn(MAYA, "password-1234");
        String tab = csm.send("GET", "/accounts/" + acme + "/plans", Map.of()).body();
        assertThat(tab).contains("id=\"share-plan-" + planId + "\"", "Not shared yet.", ">Jane Doe &lt;jane@acme.example&gt;</option>");
        String shared = csm.send("POST", "/accounts/" + acme + "/plans/" + planId + "/links",
                Map.of("contactId", String.valueOf(jane), "expiresInDays", "30")).body();
        assertThat(shared).contains("id=\"issued-link\"", "Link for Jane Doe, until 2026-04-09", "shown only this once");
        String url = shared.replaceAll("(?s).*id=\"issued-link-url\" readonly value=\"([^\"]+)\".*", "$1");
        assertThat(url).matches("http://localhost:8080/shared/plans/" + acme + "\\.\\d+\\.1775725200\\.[A-Za-z0-9_-]{43}");
        String path = url.substring(url.indexOf("/shared/plans/"));
        String signature = path.substring(path.lastIndexOf('.') + 1);
        assertThat(jdbc.sql("select count(*) from audit_event where after_state like ?").param("%" + signature + "%")
                .query(Long.class).single()).as("the token is kept nowhere").isZero();

        FormSession customer = new FormSession(port);
        HttpResponse<String> page = customer.open(path);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.body()).contains("Acme Rockets", "Reporting rollout", "Finance reports from Lodestar", "Kickoff held",
                "Admins trained", "Users invited", "Shared with <strong>Jane Doe</strong>", "this link works until 2026-04-09",
                "Lee Park", "due 2026-03-15", "id=\"mark-done-" + admins + "\"")
                .doesNotContain("mark-done-" + kickoff, "mark-done-" + users, "Globex", "48,000", "48000", "ARR",
                        "health", "lee@acme.example", "jane@acme.example", MAYA);

        HttpResponse<String> noCsrf = new FormSession(port).send("POST", path + "/milestones/" + admins + "/done",
                Map.of("note", "forged"));
        assertThat(noCsrf.statusCode()).as("a post without the page's CSRF token").isEqualTo(403);
        HttpResponse<String> notHers = customer.send("POST", path + "/milestones/" + users + "/done", Map.of("note", "x"));
        assertThat(notHers.statusCode()).isEqualTo(403);
        assertThat(notHers.body()).contains("Not yours to change", "Only the milestones you own").doesNotContain("Exception");
        assertThat(plans.milestone(users).status()).isEqualTo(MilestoneStatus.NOT_STARTED);
        assertThat(customer.send("POST", path + "/milestones/" + kickoff + "/done", Map.of()).statusCode()).isEqualTo(403);
        assertThat(plans.milestone(admins).status()).isEqualTo(MilestoneStatus.NOT_STARTED);

        clock.set(Instant.parse("2026-03-11T14:30:00Z"));
        HttpResponse<String> done = customer.send("POST", path + "/milestones/" + admins + "/done",
                Map.of("note", "Both admins trained on 11 March"));
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(done.headers().firstValue("Location").orElseThrow()).endsWith(path + "?done=" + admins);
        String after = customer.open(path + "?done=" + admins).body();
        assertThat(after).contains("Marked “Admins trained” done. Thank you!", "Both admins trained on 11 March",
                "· done 2026-03-11").doesNotContain("mark-done-" + admins);

        Milestone marked = plans.milestone(admins);
        assertThat(marked.status()).isEqualTo(MilestoneStatus.DONE);
        assertThat(marked.completedBy()).isEqualTo(JANE_ACTOR);
        assertThat(marked.completedAt()).isEqualTo(Instant.parse("2026-03-11T14:30:00Z"));
        assertThat(marked.evidence()).isEqualTo("Both admins trained on 11 March");
        List<AuditEvent> trail = audit.find(new AuditQuery("plan-milestone", String.valueOf(admins), null, null, null, 10));
        assertThat(trail).hasSize(1);
        assertThat(trail.getFirst().actorKind()).isEqualTo(Actor.Kind.CUSTOMER);
        assertThat(trail.getFirst().actorName()).isEqualTo(JANE_ACTOR);
        assertThat(timeline.list(acme, 10)).filteredOn(e -> e.kind() == TimelineKind.MILESTONE)
                .extracting(e -> e.subject()).containsExactly("Milestone done: Admins trained");

        String tabAfter = csm.send("GET", "/accounts/" + acme + "/plans", Map.of()).body();
        assertThat(tabAfter).contains("id=\"done-by-" + admins + "\"",
                "by Jane Doe &lt;jane@acme.example&gt; (customer, shared link)", "Last opened", "2026-03-11 14:30")
                .doesNotContain("id=\"issued-link\"");
        JsonNode links = maya.get("/api/plans/" + planId + "/links").json();
        assertThat(links).hasSize(1);
        assertThat(links.get(0).get("contactName").asString()).isEqualTo("Jane Doe");
        assertThat(links.get(0).get("status").asString()).isEqualTo("active");
        assertThat(links.get(0).get("createdBy").asString()).isEqualTo(MAYA);
        assertThat(links.get(0).get("lastUsedAt").asString()).isEqualTo("2026-03-11T14:30:00Z");
        assertThat(links.get(0).has("url")).isFalse();
        List<AuditEvent> issued = audit.find(new AuditQuery("plan-link", String.valueOf(links.get(0).get("id").asLong()),
                null, null, null, 10));
        assertThat(issued).extracting(AuditEvent::summary)
                .containsExactly("Shared the plan Reporting rollout with Jane Doe until 2026-04-09T09:00:00Z");
    }

    @Test
    void aLinkOpensUntilItsExpiryAndThenSaysToAskForANewOne() {
        String path = share(jane, 7);
        clock.set(Instant.parse("2026-03-17T08:59:59Z"));
        assertThat(new FormSession(port).open(path).statusCode()).isEqualTo(200);

        clock.set(Instant.parse("2026-03-17T09:00:00Z"));
        FormSession customer = new FormSession(port);
        HttpResponse<String> expired = customer.open(path);
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.body()).contains("This link has expired", "Ask your customer success manager for a new one")
                .doesNotContain("Reporting rollout", "Exception");
        assertThat(maya.get("/api/plans/" + planId + "/links").json().get(0).get("status").asString()).isEqualTo("expired");
    }

    @Test
    void aRevokedLinkSaysItWasWithdrawnAndATamperedOneIsNotFound() {
        String path = share(jane, 30);
        FormSession customer = new FormSession(port);
        assertThat(customer.open(path).statusCode()).isEqualTo(200);
        long linkId = Long.parseLong(path.split("\\.")[1]);

        ApiClient.Response revoked = maya.delete("/api/plans/" + planId + "/links/" + linkId);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().get("status").asString()).isEqualTo("revoked");
        assertThat(revoked.json().get("revokedBy").asString()).isEqualTo("test write (" + MAYA + ")");
        HttpResponse<String> withdrawn = new FormSession(port).open(path);
        assertThat(withdrawn.statusCode()).isEqualTo(410);
        assertThat(withdrawn.body()).contains("This link was withdrawn").doesNotContain("Reporting rollout");
        HttpResponse<String> late = customer.send("POST", path + "/milestones/" + admins + "/done", Map.of());
        assertThat(late.statusCode()).isEqualTo(410);
        assertThat(plans.milestone(admins).status()).isEqualTo(MilestoneStatus.NOT_STARTED);
        assertThat(audit.find(new AuditQuery("plan-link", String.valueOf(linkId), null, null, null, 10)))
                .extracting(AuditEvent::summary).contains("Revoked the link to the plan Reporting rollout shared with Jane Doe");

        String fresh = share(jane, 30);
        String tampered = fresh.substring(0, fresh.length() - 1) + (fresh.endsWith("A") ? "B" : "A");
        String longer = fresh.replaceFirst("\\.(\\d+)\\.([A-Za-z0-9_-]+)$", ".9999999999.$2");
        for (String wrong : List.of(tampered, longer, "/shared/plans/nonsense", "/shared/plans/" + acme + "." + linkId)) {
            HttpResponse<String> unknown = new FormSession(port).open(wrong);
            assertThat(unknown.statusCode()).as(wrong).isEqualTo(404);
            assertThat(unknown.body()).as(wrong).contains("Link not found").doesNotContain("Exception", "Acme");
        }
    }

    @Test
    void aLinkWhoseContactHasLeftTheCustomerIsWithdrawnAndNoOneNewGetsOne() {
        String path = share(lee, 30);
        ApiClient.Response left = maya.put("/api/accounts/" + acme + "/stakeholders/" + lee, "{\"email\":\"lee@acme.example\","
                + "\"name\":\"Lee Park\",\"role\":\"champion\",\"status\":\"left\",\"leftOn\":\"2026-03-10\"}");
        assertThat(left.status()).as(left.body()).isEqualTo(200);
        HttpResponse<String> withdrawn = new FormSession(port).open(path);
        assertThat(withdrawn.statusCode()).isEqualTo(410);
        assertThat(withdrawn.body()).contains("This link was withdrawn");
        assertThat(maya.post("/api/plans/" + planId + "/links", "{\"contactId\":" + lee + "}").body())
                .contains("Lee Park has left the customer; share the plan with someone still there");
    }

    @Test
    void aNoteTooLongIsSaidOnThePageAndNothingChanges() {
        String path = share(jane, 30);
        FormSession customer = new FormSession(port);
        customer.open(path);
        HttpResponse<String> tooLong = customer.send("POST", path + "/milestones/" + admins + "/done",
                Map.of("note", "x".repeat(2001)));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("id=\"shared-errors\"", "The note is too long: keep it under 2,000 characters.",
                "id=\"mark-done-" + admins + "\"");
        assertThat(plans.milestone(admins).status()).isEqualTo(MilestoneStatus.NOT_STARTED);
    }

    @Test
    void thePlanTabSaysWhatIsWrongWithASharingForm() {
        FormSession csm = new FormSession(port);
        csm.signIn(MAYA, "password-1234");
        String refused = csm.send("POST", "/accounts/" + acme + "/plans/" + planId + "/links",
                Map.of("contactId", String.valueOf(jane), "expiresInDays", "120")).body();
        assertThat(refused).contains("id=\"plan-errors\"", "Expires in days: expected 1 to 90 days, got 120")
                .doesNotContain("id=\"issued-link\"");
        assertThat(jdbc.sql("select count(*) from plan_link").query(Long.class).single()).isZero();
    }

    @Test
    void sharingNeedsAContactOfTheAccountAndAtMostNinetyDays() {
        long outsider = contact(jdbc.sql("select id from account where external_id = 'L-GLOBEX'").query(Long.class).single(),
                "hank@globex.example", "Hank Scorpio");
        for (String body : List.of("{\"contactId\":" + jane + ",\"expiresInDays\":91}",
                "{\"contactId\":" + jane + ",\"expiresInDays\":0}", "{\"contactId\":" + outsider + "}", "{}")) {
            ApiClient.Response refused = maya.post("/api/plans/" + planId + "/links", body);
            assertThat(refused.status()).as(body).isEqualTo(400);
        }
        assertThat(maya.post("/api/plans/" + planId + "/links", "{\"contactId\":" + jane + ",\"expiresInDays\":91}").body())
                .contains("\"field\":\"expiresInDays\"", "expected 1 to 90 days, got 91");
        assertThat(maya.post("/api/plans/" + planId + "/links", "{\"contactId\":" + outsider + "}").body())
                .contains("\"field\":\"contactId\"", "one of this account's contacts");
        assertThat(jdbc.sql("select count(*) from plan_link").query(Long.class).single()).isZero();

        ApiClient.Response defaulted = maya.post("/api/plans/" + planId + "/links", "{\"contactId\":" + lee + "}");
        assertThat(defaulted.json().get("link").get("expiresAt").asString()).as("30 days when not said")
                .isEqualTo("2026-04-09T09:00:00Z");
    }

    @Test
    void aReadOnlyUserSeesTheLinksButCannotShareOrRevoke() {
        share(jane, 30);
        ApiClient viewer = new ApiClient(port, book.tokenFor("viewer@lodestar.test", Role.READ_ONLY, TokenScope.READ));
        assertThat(viewer.get("/api/plans/" + planId + "/links").json()).hasSize(1);
        assertThat(viewer.post("/api/plans/" + planId + "/links", "{\"contactId\":" + jane + "}").status()).isEqualTo(403);
        long linkId = viewer.get("/api/plans/" + planId + "/links").json().get(0).get("id").asLong();
        assertThat(viewer.delete("/api/plans/" + planId + "/links/" + linkId).status()).isEqualTo(403);

        FormSession page = new FormSession(port);
        page.signIn("viewer@lodestar.test", "password-1234");
        String tab = page.send("GET", "/accounts/" + acme + "/plans", Map.of()).body();
        assertThat(tab).contains("id=\"link-" + linkId + "\"", "Jane Doe").doesNotContain("share-plan-", "revoke-link-");
        assertThat(page.send("POST", "/accounts/" + acme + "/plans/" + planId + "/links/" + linkId + "/revoke", Map.of())
                .statusCode()).isEqualTo(403);
        assertThat(viewer.get("/api/plans/" + planId + "/links").json().get(0).get("status").asString()).isEqualTo("active");
    }

    @Test
    void theSecretMadeOnceIsSharedByEveryNodeAndSurvivesARestart() {
        String path = share(jane, 30);
        String token = path.substring(path.lastIndexOf('/') + 1);
        assertThat(jdbc.sql("select count(*) from share_link_secret").query(Long.class).single()).isEqualTo(1);
        ShareLinkSecret anotherNode = new ShareLinkSecret(jdbc, clock, "");
        assertThat(anotherNode.tokens().read(token, clock.instant())).isInstanceOf(PlanLinkTokens.Valid.class);
        ShareLinkSecret configured = new ShareLinkSecret(jdbc, clock, "a-configured-secret-of-forty-characters!");
        assertThat(configured.tokens().read(token, clock.instant())).as("a configured secret replaces the stored one")
                .isInstanceOf(PlanLinkTokens.Invalid.class);
    }
}
