package org.lodestar.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.Book;
import org.lodestar.FormSession;
import org.lodestar.LodestarTest;
import org.lodestar.TestClock;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.audit.AuditEvent;
import org.lodestar.audit.AuditLog;
import org.lodestar.audit.AuditQuery;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * An account's contacts edited from its page: a CSM adds and edits a contact and marks a champion as left (the
 * timeline says so, dated today), each change audited under their name; bad input is named field by field with
 * nothing written; a read-only user sees no buttons and is refused.
 */
@LodestarTest
@Import(TestClock.Config.class)
class StakeholderFormsTest {

    private static final String PASSWORD = "password-1234";
    private static final String MAYA = "maya@lodestar.test";
    private static final String VIEWER = "viewer@lodestar.test";
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 16);

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    Accounts accounts;
    @Autowired
    Stakeholders stakeholders;
    @Autowired
    Timeline timeline;
    @Autowired
    AuditLog audit;
    @Autowired
    TestClock clock;
    FormSession maya;
    Account acme;

    @BeforeEach
    void setUp() {
        clock.setDay(TODAY);
        book.empty();
        book.tokenFor(MAYA, Role.CSM, TokenScope.WRITE);
        book.tokenFor(VIEWER, Role.READ_ONLY, TokenScope.READ);
        acme = Actors.runAs(Actor.system(), () -> accounts.create(new AccountDraft("ACME-1", null, null, "Acme", null,
                null, null, MAYA, null, null, null)));
        maya = new FormSession(port);
        maya.signIn(MAYA, PASSWORD);
    }

    @Test
    void aCsmAddsEditsAndMarksAChampionAsLeft() {
        assertThat(page()).contains("id=\"add-stakeholder\"");
        assertThat(maya.send("GET", "/accounts/" + acme.id() + "/stakeholders/new", Map.of()).statusCode()).isEqualTo(200);

        HttpResponse<String> added = maya.send("POST", "/accounts/" + acme.id() + "/stakeholders/new",
                contact("Ana@Acme.example", "Ana Lima", "Head of Ops", "user", "active", ""));

        assertThat(added.statusCode()).isEqualTo(302);
        Stakeholder ana = only();
        assertThat(ana.email()).as("normalised by the service").isEqualTo("ana@acme.example");
        assertThat(ana.role()).isEqualTo(StakeholderRole.USER);
        assertThat(page()).contains("Added Ana Lima.", "Head of Ops");

        HttpResponse<String> edited = maya.send("POST", "/accounts/" + acme.id() + "/stakeholders/" + ana.id() + "/edit",
                contact("ana@acme.example", "Ana Lima", "VP Operations", "champion", "active", ""));

        assertThat(edited.statusCode()).isEqualTo(302);
        assertThat(only().title()).isEqualTo("VP Operations");
        assertThat(only().role()).isEqualTo(StakeholderRole.CHAMPION);
        assertThat(page()).contains("id=\"left-stakeholder-" + ana.id() + "\"");

        HttpResponse<String> left = maya.send("POST", "/accounts/" + acme.id() + "/stakeholders/" + ana.id() + "/left",
                Map.of());

        assertThat(left.statusCode()).isEqualTo(302);
        assertThat(only().status()).isEqualTo(StakeholderStatus.LEFT);
        assertThat(only().leftOn()).isEqualTo(TODAY);
        assertThat(timeline.list(acme.id(), 10)).extracting(TimelineEntry::subject)
                .contains("Champion Ana Lima left Acme");
        assertThat(page()).contains("Marked Ana Lima as left on 2026-11-16.", "left 2026-11-16")
                .doesNotContain("id=\"left-stakeholder-" + ana.id() + "\"");
        List<AuditEvent> trail = audit.find(new AuditQuery("stakeholder", String.valueOf(ana.id()), null, null, null, 10));
        assertThat(trail).extracting(AuditEvent::action).containsExactly("update", "update", "create");
        assertThat(trail).extracting(AuditEvent::actorName).containsOnly(MAYA);
        assertThat(trail.get(0).after()).contains("\"status\":\"left\"", "\"leftOn\":\"2026-11-16\"");
    }

    @Test
    void badInputComesBackWithEachFieldNamedAndNothingWritten() {
        long entries = audit.count();

        HttpResponse<String> answer = maya.send("POST", "/accounts/" + acme.id() + "/stakeholders/new",
                contact("not-an-email", " ", "", "boss", "gone", "2026-02-30"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Nothing was saved.",
                "id=\"email-error\">expected an email address such as ana@example.com, got &#39;not-an-email&#39;",
                "id=\"name-error\">must not be empty",
                "id=\"role-error\">expected one of economic-sponsor, champion, user, admin, got &#39;boss&#39;",
                "id=\"status-error\">expected one of active, left, got &#39;gone&#39;",
                "id=\"leftOn-error\">expected a date as YYYY-MM-DD, got &#39;2026-02-30&#39;");

        HttpResponse<String> future = maya.send("POST", "/accounts/" + acme.id() + "/stakeholders/new",
                contact("bo@acme.example", "Bo", "", "economic-sponsor", "left", "2026-12-01"));
        assertThat(future.body()).contains("id=\"leftOn-error\">must not be in the future, got 2026-12-01");

        assertThat(stakeholders.list(acme.id())).isEmpty();
        assertThat(audit.count()).isEqualTo(entries);
    }

    @Test
    void aReadOnlyUserSeesNoButtonsAndIsRefused() {
        Stakeholder ana = Actors.runAs(Actor.system(), () -> stakeholders.add(acme.id(), new StakeholderDraft(
                "ana@acme.example", "Ana Lima", null, StakeholderRole.CHAMPION, null, null)));
        FormSession viewer = new FormSession(port);
        viewer.signIn(VIEWER, PASSWORD);

        assertThat(viewer.send("GET", "/accounts/" + acme.id() + "?tab=people", Map.of()).body()).contains("Ana Lima")
                .doesNotContain("add-stakeholder", "edit-stakeholder-", "left-stakeholder-");
        String base = "/accounts/" + acme.id() + "/stakeholders/";
        assertThat(viewer.send("POST", base + "new", contact("bo@acme.example", "Bo", "", "user", "active", ""))
                .statusCode()).isEqualTo(403);
        assertThat(viewer.send("POST", base + ana.id() + "/edit", contact("ana@acme.example", "Ana", "", "user",
                "active", "")).statusCode()).isEqualTo(403);
        assertThat(viewer.send("POST", base + ana.id() + "/left", Map.of()).statusCode()).isEqualTo(403);
        assertThat(stakeholders.list(acme.id())).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(StakeholderStatus.ACTIVE))
                .satisfies(s -> assertThat(s.role()).isEqualTo(StakeholderRole.CHAMPION));
    }

    private String page() {
        return maya.send("GET", "/accounts/" + acme.id() + "?tab=people", Map.of()).body();
    }

    private Stakeholder only() {
        List<Stakeholder> all = stakeholders.list(acme.id());
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static Map<String, String> contact(String email, String name, String title, String role, String status,
            String leftOn) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("email", email);
        form.put("name", name);
        form.put("title", title);
        form.put("role", role);
        form.put("status", status);
        form.put("leftOn", leftOn);
        return form;
    }
}
