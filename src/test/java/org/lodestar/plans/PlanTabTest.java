package org.lodestar.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
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
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The account page's Plan tab: Maya starts the 30-day SMB onboarding on 10 March, marks the kickoff done with
 * evidence and reorders; on 20 March the admins' training (due 15 March) shows overdue, the kickoff (done) does not.
 * A read-only user sees the plan and no forms, and is refused.
 */
@LodestarTest
@Import(TestClock.Config.class)
class PlanTabTest {

    private static final String MAYA = "maya@lodestar.test";
    private static final String VIEWER = "viewer@lodestar.test";

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    TestClock clock;
    @Autowired
    SuccessPlans plans;
    @Autowired
    JdbcClient jdbc;
    FormSession maya;
    long acme;

    @BeforeEach
    void setUp() {
        clock.setDay(LocalDate.of(2026, 3, 10));
        book.empty();
        ApiClient api = new ApiClient(port, book.tokenFor(MAYA, Role.CSM, TokenScope.WRITE));
        book.tokenFor(VIEWER, Role.READ_ONLY, TokenScope.READ);
        acme = api.post("/api/accounts", "{\"externalId\":\"T-ACME\",\"name\":\"Acme\",\"owner\":\"" + MAYA + "\"}").json()
                .get("id").asLong();
        maya = new FormSession(port);
        maya.signIn(MAYA, "password-1234");
    }

    @Test
    void aCsmStartsAPlanMarksAMilestoneDoneAndMovesOne() {
        String empty = maya.send("GET", "/accounts/" + acme + "/plans", Map.of()).body();
        assertThat(empty).contains("id=\"no-success-plan\"", "id=\"new-plan\"", ">30-day SMB onboarding</option>");
        assertThat(maya.send("GET", "/accounts/" + acme + "?tab=plan", Map.of()).body())
                .contains("hx-get=\"/accounts/" + acme + "/plans\"");

        String started = maya.send("POST", "/accounts/" + acme + "/plans", Map.of("template", "smb-onboarding",
                "startsOn", "2026-03-10")).body();
        assertThat(started).contains("Plan started.", "The team uses the product every week", "Kickoff held", "2026-03-12",
                "Customer (to name)", "first value", "2026-04-09").doesNotContain("no-success-plan");

        SuccessPlan plan = plans.listForAccount(acme).getFirst();
        List<Milestone> first = plan.outcomes().getFirst().milestones();
        long kickoff = first.get(0).id();
        long admins = first.get(1).id();
        String done = maya.send("POST", "/accounts/" + acme + "/milestones/" + kickoff + "/done",
                Map.of("evidence", "Kickoff deck shared")).body();
        assertThat(done).contains("Milestone done.", "Kickoff deck shared");
        assertThat(plans.milestone(kickoff).status()).isEqualTo(MilestoneStatus.DONE);

        maya.send("POST", "/accounts/" + acme + "/milestones/" + admins + "/move", Map.of("direction", "up"));
        assertThat(plans.get(plan.id()).outcomes().getFirst().milestones()).extracting(Milestone::title)
                .containsExactly("Admins trained", "Kickoff held", "Users invited and active");

        String edited = maya.send("POST", "/accounts/" + acme + "/milestones/" + admins, Map.of("title", "Admins trained",
                "owner", "customer", "dueOn", "2026-03-15", "status", "blocked", "evidence", "Waiting for their IT")).body();
        assertThat(edited).contains("Milestone saved.");
        assertThat(plans.milestone(admins).status()).isEqualTo(MilestoneStatus.BLOCKED);
        assertThat(plans.milestone(admins).evidence()).isEqualTo("Waiting for their IT");

        String badDate = maya.send("POST", "/accounts/" + acme + "/plans/" + plan.id() + "/milestones", Map.of("title", "",
                "owner", "customer", "dueOn", "2026-03-30")).body();
        assertThat(badDate).contains("id=\"plan-errors\"", "Title: is required");
        assertThat(plans.get(plan.id()).milestones()).hasSize(4);

        clock.setDay(LocalDate.of(2026, 3, 20));
        String later = maya.send("GET", "/accounts/" + acme + "/plans", Map.of()).body();
        assertThat(later).containsPattern("id=\"milestone-" + admins + "\" class=\"overdue\"")
                .doesNotContainPattern("id=\"milestone-" + kickoff + "\" class=\"overdue\"");
    }

    /** A plan composed on the tab: a blank plan with its first outcome, a second outcome, a milestone added and removed. */
    @Test
    void aCsmComposesABlankPlanAddsAnOutcomeAndRemovesAMilestone() {
        String refused = maya.send("POST", "/accounts/" + acme + "/plans", Map.of("template", "", "title", "",
                "outcome", "")).body();
        assertThat(refused).contains("id=\"plan-errors\"", "Title: is required", "Outcomes 1 › title: is required");
        assertThat(plans.listForAccount(acme)).isEmpty();

        String started = maya.send("POST", "/accounts/" + acme + "/plans", Map.of("template", "", "title",
                "Reporting roll-out", "outcome", "Finance closes the month from Lodestar reports", "startsOn", "2026-03-10")).body();
        assertThat(started).contains("Plan started.", "Reporting roll-out", "Finance closes the month from Lodestar reports",
                "No milestones yet.");
        SuccessPlan plan = plans.listForAccount(acme).getFirst();
        assertThat(plan.template()).isNull();

        String added = maya.send("POST", "/accounts/" + acme + "/plans/" + plan.id() + "/outcomes",
                Map.of("title", "Board pack built in under an hour")).body();
        assertThat(added).contains("Outcome added.", "Board pack built in under an hour");
        long second = plans.get(plan.id()).outcomes().get(1).id();
        maya.send("POST", "/accounts/" + acme + "/plans/" + plan.id() + "/milestones", Map.of("outcomeId",
                String.valueOf(second), "title", "Template agreed", "owner", "customer", "dueOn", "2026-03-24"));
        maya.send("POST", "/accounts/" + acme + "/plans/" + plan.id() + "/milestones", Map.of("outcomeId",
                String.valueOf(second), "title", "Typo milestone", "owner", "customer", "dueOn", "2026-03-25"));
        List<Milestone> milestones = plans.get(plan.id()).outcomes().get(1).milestones();
        assertThat(milestones).extracting(Milestone::title).containsExactly("Template agreed", "Typo milestone");

        String removed = maya.send("POST", "/accounts/" + acme + "/milestones/" + milestones.get(1).id() + "/remove",
                Map.of()).body();
        assertThat(removed).contains("Milestone removed.").doesNotContain("Typo milestone");
        assertThat(plans.get(plan.id()).milestones()).extracting(Milestone::title).containsExactly("Template agreed");
        assertThat(jdbc.sql("select count(*) from audit_event where entity_type = 'plan-milestone' and action = 'delete'")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aReadOnlyUserSeesThePlanWithoutFormsAndIsRefused() {
        plans.create(acme, new PlanDraft("smb-onboarding", null, null, null));
        long kickoff = plans.listForAccount(acme).getFirst().milestones().getFirst().id();
        FormSession viewer = new FormSession(port);
        viewer.signIn(VIEWER, "password-1234");

        String page = viewer.send("GET", "/accounts/" + acme + "/plans", Map.of()).body();
        assertThat(page).contains("Kickoff held").doesNotContain("id=\"new-plan\"", "milestone-done-", "add-milestone-");
        HttpResponse<String> refused = viewer.send("POST", "/accounts/" + acme + "/milestones/" + kickoff + "/done",
                Map.of("evidence", "sneaky"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(viewer.send("POST", "/accounts/" + acme + "/plans", Map.of("template", "smb-onboarding")).statusCode())
                .isEqualTo(403);
        assertThat(plans.milestone(kickoff).status()).isEqualTo(MilestoneStatus.NOT_STARTED);
        assertThat(jdbc.sql("select count(*) from success_plan").query(Long.class).single()).isEqualTo(1);
    }
}
