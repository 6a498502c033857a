package org.lodestar.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.Book;
import org.lodestar.FormSession;
import org.lodestar.LodestarTest;
import org.lodestar.TestClock;
import org.lodestar.audit.AuditEvent;
import org.lodestar.audit.AuditLog;
import org.lodestar.audit.AuditQuery;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.lodestar.people.Users;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The book edited from the UI: a CSM creates and edits accounts and gives ticked accounts to a colleague, each
 * change audited under their name; bad input comes back with each field named and nothing written; a read-only
 * user sees no edit buttons and is refused.
 */
@LodestarTest
@Import(TestClock.Config.class)
class AccountFormsTest {

    private static final String PASSWORD = "password-1234";
    private static final String MAYA = "maya@lodestar.test";
    private static final String OMAR = "omar@lodestar.test";
    private static final String VIEWER = "viewer@lodestar.test";
    /** A CSM made read-only with accounts in hand; theirs alone, as the role change stays for the other tests. */
    private static final String DEMOTED = "demoted@lodestar.test";

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    Accounts accounts;
    @Autowired
    AuditLog audit;
    @Autowired
    Users users;
    FormSession maya;

    @BeforeEach
    void setUp() {
        book.empty();
        book.tokenFor(MAYA, Role.CSM, TokenScope.WRITE);
        book.tokenFor(OMAR, Role.CSM, TokenScope.WRITE);
        book.tokenFor(VIEWER, Role.READ_ONLY, TokenScope.READ);
        book.tokenFor(DEMOTED, Role.CSM, TokenScope.READ);
        maya = new FormSession(port);
        maya.signIn(MAYA, PASSWORD);
    }

    @Test
    void aCsmCreatesAnAccountFromTheBookAndEditsIt() {
        assertThat(maya.send("GET", "/book", Map.of()).body()).contains("id=\"new-account\"", "href=\"/accounts/new\"");
        HttpResponse<String> blank = maya.send("GET", "/accounts/new", Map.of());
        assertThat(blank.statusCode()).isEqualTo(200);
        assertThat(blank.body()).as("a CSM's new account is theirs unless they choose otherwise")
                .containsPattern("<option value=\"" + MAYA + "\"[^>]*selected");

        HttpResponse<String> created = maya.send("POST", "/accounts/new", form("ACME-1", "Acme Rockets", MAYA,
                "adoption", "high-touch"));

        assertThat(created.statusCode()).isEqualTo(302);
        Account acme = accounts.findByExternalId("ACME-1").orElseThrow();
        assertThat(location(created)).isEqualTo("/accounts/" + acme.id());
        assertThat(acme.name()).isEqualTo("Acme Rockets");
        assertThat(acme.owner().email()).isEqualTo(MAYA);
        assertThat(acme.stage()).isEqualTo(LifecycleStage.ADOPTION);
        assertThat(acme.coverage()).isEqualTo(CoverageModel.HIGH_TOUCH);
        assertThat(acme.domain()).isEqualTo("acme.example");
        assertThat(maya.send("GET", "/accounts/" + acme.id(), Map.of()).body())
                .contains("Created account Acme Rockets.", "id=\"edit-account\"");

        Map<String, String> edit = form("ACME-1", "Acme Rocket Works", OMAR, "renewal-window", "tech-touch");
        edit.put("industry", "Aerospace");
        HttpResponse<String> edited = maya.send("POST", "/accounts/" + acme.id() + "/edit", edit);

        assertThat(edited.statusCode()).isEqualTo(302);
        Account after = accounts.get(acme.id());
        assertThat(after.name()).isEqualTo("Acme Rocket Works");
        assertThat(after.owner().email()).as("the owner is reassigned on the edit form").isEqualTo(OMAR);
        assertThat(after.stage()).isEqualTo(LifecycleStage.RENEWAL_WINDOW);
        assertThat(after.coverage()).isEqualTo(CoverageModel.TECH_TOUCH);
        assertThat(after.industry()).isEqualTo("Aerospace");
        List<AuditEvent> trail = trail(acme.id());
        assertThat(trail).extracting(AuditEvent::action).containsExactly("update", "create");
        assertThat(trail).extracting(AuditEvent::actorName).containsOnly(MAYA);
        assertThat(trail.get(0).summary()).isEqualTo("Updated account Acme Rocket Works");
        assertThat(trail.get(0).before()).contains("\"name\":\"Acme Rockets\"");
        assertThat(trail.get(0).after()).contains("\"name\":\"Acme Rocket Works\"", OMAR);
    }

    @Test
    void badInputComesBackWithEachFieldNamedAndNothingWritten() {
        Map<String, String> bad = form("has spaces", "", "nobody@lodestar.test", "sideways", "white-glove");
        bad.put("parent", "NO-SUCH-PARENT");
        long entries = audit.count();

        HttpResponse<String> answer = maya.send("POST", "/accounts/new", bad);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Nothing was saved.",
                "id=\"externalId-error\">expected 1 to 100 letters, digits or . _ : / -, starting with a letter or digit, got &#39;has spaces&#39;",
                "id=\"name-error\">must not be empty",
                "id=\"owner-error\">no user with email nobody@lodestar.test",
                "id=\"parent-error\">no account with external id NO-SUCH-PARENT",
                "id=\"stage-error\">expected one of onboarding, adoption, mature, renewal-window, churned, got &#39;sideways&#39;",
                "id=\"coverage-error\">expected one of high-touch, tech-touch, digital, got &#39;white-glove&#39;")
                .as("what was typed is shown again").contains("value=\"has spaces\"");
        assertThat(accounts.count()).isZero();
        assertThat(audit.count()).isEqualTo(entries);

        Account acme = anAccount("ACME-1", "Acme", null);
        anAccount("BETA-1", "Beta", null);
        HttpResponse<String> clash = maya.send("POST", "/accounts/" + acme.id() + "/edit",
                form("BETA-1", "Acme", null, "onboarding", "digital"));
        assertThat(clash.body()).contains("An account with external id BETA-1 already exists");
        assertThat(accounts.get(acme.id()).externalId()).isEqualTo("ACME-1");
    }

    @Test
    void tickedAccountsGoToAnotherCsmAllOrNone() {
        Account a = anAccount("A-1", "Alpha", MAYA);
        Account b = anAccount("B-1", "Bravo", MAYA);
        Account c = anAccount("C-1", "Charlie", MAYA);
        long before = audit.count();

        HttpResponse<String> unknown = maya.send("POST", "/book/reassign", List.of(Map.entry("accountIds",
                String.valueOf(a.id())), Map.entry("accountIds", String.valueOf(b.id())),
                Map.entry("owner", "ghost@lodestar.test"), Map.entry("back", "/book?owner=" + MAYA)));

        assertThat(unknown.statusCode()).isEqualTo(302);
        assertThat(location(unknown)).isEqualTo("/book?owner=" + MAYA);
        assertThat(unknown.headers().firstValue("Location").orElseThrow()).as("to the table, where the outcome shows")
                .endsWith("#book-table");
        assertThat(maya.send("GET", location(unknown), Map.of()).body())
                .contains("No account was moved.", "Give to: no user with email ghost@lodestar.test");
        assertThat(List.of(a, b, c)).allSatisfy(x -> assertThat(accounts.get(x.id()).owner().email()).isEqualTo(MAYA));
        assertThat(audit.count()).isEqualTo(before);

        HttpResponse<String> missing = maya.send("POST", "/book/reassign", List.of(Map.entry("accountIds",
                String.valueOf(a.id())), Map.entry("accountIds", "999999"), Map.entry("owner", OMAR)));
        assertThat(maya.send("GET", location(missing), Map.of()).body())
                .contains("Ticked accounts: no account has the id 999999");
        assertThat(accounts.get(a.id()).owner().email()).as("all or none").isEqualTo(MAYA);

        HttpResponse<String> moved = maya.send("POST", "/book/reassign", List.of(Map.entry("accountIds",
                String.valueOf(a.id())), Map.entry("accountIds", String.valueOf(b.id())), Map.entry("owner", OMAR),
                Map.entry("back", "https://elsewhere.example/")));

        assertThat(location(moved)).as("only back to the book").isEqualTo("/book");
        assertThat(maya.send("GET", "/book", Map.of()).body()).contains("Gave 2 accounts to omar.");
        assertThat(accounts.get(a.id()).owner().email()).isEqualTo(OMAR);
        assertThat(accounts.get(b.id()).owner().email()).isEqualTo(OMAR);
        assertThat(accounts.get(c.id()).owner().email()).as("not ticked").isEqualTo(MAYA);
        assertThat(trail(a.id()).get(0).actorName()).isEqualTo(MAYA);
        assertThat(trail(a.id()).get(0).after()).contains(OMAR);
        assertThat(trail(c.id())).extracting(AuditEvent::action).containsExactly("create");
    }

    @Test
    void aReadOnlyUserSeesNoEditButtonsAndIsRefused() {
        Account acme = anAccount("ACME-1", "Acme", MAYA);
        FormSession viewer = new FormSession(port);
        viewer.signIn(VIEWER, PASSWORD);

        assertThat(viewer.send("GET", "/book", Map.of()).body()).contains("Acme")
                .doesNotContain("new-account", "id=\"reassign\"", "name=\"accountIds\"");
        assertThat(viewer.send("GET", "/accounts/" + acme.id(), Map.of()).body()).contains("Acme")
                .doesNotContain("edit-account", "add-stakeholder");
        for (String form : List.of("/accounts/new", "/accounts/" + acme.id() + "/edit", "/accounts/" + acme.id()
                + "/stakeholders/new", "/accounts/" + acme.id() + "/contracts/new")) {
            assertThat(viewer.send("GET", form, Map.of()).statusCode()).as("the form " + form).isEqualTo(403);
            assertThat(maya.send("GET", form, Map.of()).statusCode()).as("the form " + form).isEqualTo(200);
        }
        assertThat(viewer.send("POST", "/accounts/new", form("NEW-1", "New", null, "onboarding", "")).statusCode())
                .isEqualTo(403);
        assertThat(viewer.send("POST", "/accounts/" + acme.id() + "/edit", form("ACME-1", "Renamed", null,
                "mature", "digital")).statusCode()).isEqualTo(403);
        assertThat(viewer.send("POST", "/book/reassign", List.of(Map.entry("accountIds", String.valueOf(acme.id())),
                Map.entry("owner", VIEWER))).statusCode()).isEqualTo(403);
        assertThat(accounts.count()).isEqualTo(1);
        assertThat(accounts.get(acme.id()).name()).isEqualTo("Acme");
        assertThat(accounts.get(acme.id()).owner().email()).isEqualTo(MAYA);
    }

    /**
     * Accounts go to people who can work them: the book's and the form's owner lists leave the read-only user out,
     * and giving them an account is refused with the owner field named; an owner made read-only since is still shown
     * on the edit form and in the book's filter, and keeps the account through an edit, but is offered for nothing new.
     */
    @Test
    void aReadOnlyUserIsOfferedForNoAccountAndRefusedAsItsOwner() {
        Account acme = anAccount("ACME-1", "Acme", MAYA);
        String bookPage = maya.send("GET", "/book", Map.of()).body();
        assertThat(select(bookPage, "reassign-owner")).contains("value=\"" + OMAR + "\"")
                .doesNotContain("value=\"" + VIEWER + "\"");
        assertThat(select(bookPage, "owner")).contains("value=\"" + OMAR + "\"").doesNotContain("value=\"" + VIEWER + "\"");
        assertThat(select(maya.send("GET", "/accounts/new", Map.of()).body(), "owner"))
                .contains("value=\"" + OMAR + "\"").doesNotContain("value=\"" + VIEWER + "\"");

        HttpResponse<String> created = maya.send("POST", "/accounts/new", form("NEW-1", "New", VIEWER, "onboarding", ""));
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).contains("Nothing was saved.",
                "id=\"owner-error\">" + VIEWER + " is a read-only user and cannot own accounts");
        HttpResponse<String> given = maya.send("POST", "/book/reassign", List.of(Map.entry("accountIds",
                String.valueOf(acme.id())), Map.entry("owner", VIEWER)));
        assertThat(maya.send("GET", location(given), Map.of()).body())
                .contains("No account was moved.", "Give to: " + VIEWER + " is a read-only user and cannot own accounts");
        assertThat(accounts.count()).isEqualTo(1);
        assertThat(accounts.get(acme.id()).owner().email()).isEqualTo(MAYA);

        Account held = anAccount("HELD-1", "Held", DEMOTED);
        Actors.runAs(Actor.system(), () -> users.changeRole(users.findByEmail(DEMOTED).orElseThrow().id(), Role.READ_ONLY));
        assertThat(maya.send("GET", "/accounts/" + held.id() + "/edit", Map.of()).body())
                .containsPattern("<option value=\"" + DEMOTED + "\"[^>]*selected");
        HttpResponse<String> edited = maya.send("POST", "/accounts/" + held.id() + "/edit", form("HELD-1", "Held Ltd",
                DEMOTED, "onboarding", ""));
        assertThat(edited.statusCode()).isEqualTo(302);
        assertThat(accounts.get(held.id()).name()).isEqualTo("Held Ltd");
        assertThat(accounts.get(held.id()).owner().email()).as("kept through the edit").isEqualTo(DEMOTED);
        String filtered = maya.send("GET", "/book?owner=" + DEMOTED, Map.of()).body();
        assertThat(filtered).contains("Held Ltd").doesNotContain("Acme");
        assertThat(select(filtered, "owner")).containsPattern("<option value=\"" + DEMOTED + "\"[^>]*selected");
        assertThat(select(filtered, "reassign-owner")).doesNotContain(DEMOTED);
    }

    /** The options of the select with this id in a page. */
    private static String select(String page, String id) {
        int start = page.indexOf("<select name=\"owner\" id=\"" + id + "\"");
        assertThat(start).as("a select #" + id).isNotNegative();
        return page.substring(start, page.indexOf("</select>", start));
    }

    private Account anAccount(String externalId, String name, String owner) {
        return Actors.runAs(Actor.system(), () -> accounts.create(new AccountDraft(externalId, null, null, name, null,
                null, null, owner, null, null, null)));
    }

    private List<AuditEvent> trail(long accountId) {
        return audit.find(new AuditQuery("account", String.valueOf(accountId), null, null, null, 100));
    }

    private static Map<String, String> form(String externalId, String name, String owner, String stage, String coverage) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("externalId", externalId);
        form.put("name", name);
        form.put("owner", owner == null ? "" : owner);
        form.put("parent", "");
        form.put("stage", stage);
        form.put("coverage", coverage);
        form.put("domain", "acme.example");
        form.put("industry", "");
        form.put("country", "");
        form.put("billingId", "");
        form.put("productGroupId", "");
        return form;
    }

    private static String location(HttpResponse<String> answer) {
        URI next = URI.create(answer.headers().firstValue("Location").orElseThrow());
        return next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery());
    }
}
