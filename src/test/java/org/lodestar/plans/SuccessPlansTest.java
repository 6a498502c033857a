package org.lodestar.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.TestClock;
import org.lodestar.accounts.Timeline;
import org.lodestar.accounts.TimelineEntry;
import org.lodestar.accounts.TimelineKind;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.audit.AuditEvent;
import org.lodestar.audit.AuditLog;
import org.lodestar.audit.AuditQuery;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.lodestar.signals.Signal;
import org.lodestar.signals.Signals;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * Success plans over the API on 10 March 2026. Acme is Maya's; the 30-day SMB onboarding template started that day
 * gives (hand-computed from the template's offsets):
 * <pre>
 * The team uses the product every week   Kickoff held (2d)             12 March   us: Maya
 *                                        Admins trained (5d)           15 March   customer
 *                                        Users invited and active (14d) 24 March  customer
 * The first agreed value reached         First value milestone (30d)    9 April   customer, value
 * </pre>
 */
@LodestarTest
@Import(TestClock.Config.class)
class SuccessPlansTest {

    private static final String MAYA = "maya@lodestar.test";
    private static final LocalDate KICKOFF = LocalDate.of(2026, 3, 10);

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    TestClock clock;
    @Autowired
    AuditLog audit;
    @Autowired
    Timeline timeline;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Signals signals;
    ApiClient maya;
    ApiClient viewer;
    long acme;
    long mayaId;

    @BeforeEach
    void setUp() {
        clock.setDay(KICKOFF);
        book.empty();
        maya = new ApiClient(port, book.tokenFor(MAYA, Role.CSM, TokenScope.WRITE));
        viewer = new ApiClient(port, book.tokenFor("viewer@lodestar.test", Role.READ_ONLY, TokenScope.READ));
        acme = maya.post("/api/accounts", "{\"externalId\":\"P-ACME\",\"name\":\"Acme\",\"owner\":\"" + MAYA + "\"}").json()
                .get("id").asLong();
        mayaId = jdbc.sql("select id from app_user where email = ?").param(MAYA).query(Long.class).single();
    }

    private JsonNode smbPlan() {
        ApiClient.Response created = maya.post("/api/accounts/" + acme + "/plans", "{\"template\":\"smb-onboarding\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private static List<String> titles(JsonNode outcome) {
        return outcome.get("milestones").valueStream().map(m -> m.get("title").asString()).toList();
    }

    @Test
    void aTemplateGivesMilestonesDueDaysAfterTheStartOwnedByTheAccountOwnerOrTheCustomer() {
        JsonNode plan = smbPlan();

        assertThat(plan.get("title").asString()).isEqualTo("30-day SMB onboarding");
        assertThat(plan.get("startsOn").asString()).isEqualTo("2026-03-10");
        JsonNode first = plan.get("outcomes").get(0);
        JsonNode second = plan.get("outcomes").get(1);
        assertThat(first.get("title").asString()).isEqualTo("The team uses the product every week");
        assertThat(titles(first)).containsExactly("Kickoff held", "Admins trained", "Users invited and active");
        assertThat(first.get("milestones").valueStream().map(m -> m.get("dueOn").asString()).toList())
                .containsExactly("2026-03-12", "2026-03-15", "2026-03-24");
        JsonNode kickoff = first.get("milestones").get(0);
        assertThat(kickoff.get("ownerSide").asString()).isEqualTo("us");
        assertThat(kickoff.get("ownerUserId").asLong()).isEqualTo(mayaId);
        assertThat(kickoff.get("ownerName").asString()).isEqualTo("maya");
        assertThat(kickoff.get("status").asString()).isEqualTo("not-started");
        assertThat(first.get("milestones").get(1).get("ownerSide").asString()).isEqualTo("customer");
        JsonNode value = second.get("milestones").get(0);
        assertThat(value.get("dueOn").asString()).isEqualTo("2026-04-09");
        assertThat(value.get("value").asBoolean()).isTrue();
        assertThat(kickoff.get("value").asBoolean()).isFalse();

        assertThat(maya.get("/api/accounts/" + acme + "/plans").json()).hasSize(1);
        List<AuditEvent> entries = audit.find(new AuditQuery("success-plan", null, null, null, null, 10));
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.summary()).isEqualTo("Started the plan 30-day SMB onboarding for Acme from the template smb-onboarding");
            assertThat(e.actorName()).contains(MAYA);
        });
    }

    @Test
    void aMilestoneMovesThroughItsStatusesAndDoneGoesOnTheTimeline() {
        JsonNode plan = smbPlan();
        long value = plan.get("outcomes").get(1).get("milestones").get(0).get("id").asLong();

        JsonNode started = maya.put("/api/milestones/" + value, "{\"status\":\"in-progress\"}").json();
        assertThat(started.get("status").asString()).isEqualTo("in-progress");
        assertThat(started.get("completedAt").isNull()).isTrue();

        clock.set(Instant.parse("2026-04-02T15:30:00Z"));
        JsonNode done = maya.put("/api/milestones/" + value, "{\"status\":\"done\",\"evidence\":\"First 40 invoices sent\"}")
                .json();
        assertThat(done.get("status").asString()).isEqualTo("done");
        assertThat(done.get("evidence").asString()).isEqualTo("First 40 invoices sent");
        assertThat(done.get("completedAt").asString()).isEqualTo("2026-04-02T15:30:00Z");
        assertThat(done.get("completedBy").asString()).contains(MAYA);
        assertThat(done.get("dueOn").asString()).as("kept when not given").isEqualTo("2026-04-09");
        List<TimelineEntry> entries = timeline.list(acme, 10).stream().filter(e -> e.kind() == TimelineKind.MILESTONE).toList();
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.subject()).isEqualTo("Milestone done: First value milestone reached (first value)");
            assertThat(e.body()).contains("30-day SMB onboarding", "First 40 invoices sent");
            assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-04-02T15:30:00Z"));
        });

        JsonNode reopened = maya.put("/api/milestones/" + value, "{\"status\":\"blocked\"}").json();
        assertThat(reopened.get("status").asString()).isEqualTo("blocked");
        assertThat(reopened.get("completedAt").isNull()).isTrue();
        assertThat(audit.find(new AuditQuery("plan-milestone", String.valueOf(value), null, null, null, 10)))
                .extracting(AuditEvent::summary).containsExactly(
                        "Updated the milestone First value milestone reached (blocked) of the plan 30-day SMB onboarding",
                        "Updated the milestone First value milestone reached (done) of the plan 30-day SMB onboarding",
                        "Updated the milestone First value milestone reached (in progress) of the plan 30-day SMB onboarding");
    }

    @Test
    void milestonesMoveUpAndDownWithinTheirOutcome() {
        JsonNode plan = smbPlan();
        JsonNode first = plan.get("outcomes").get(0).get("milestones");
        long kickoff = first.get(0).get("id").asLong();
        long users = first.get(2).get("id").asLong();

        assertThat(maya.post("/api/milestones/" + users + "/move", "{\"direction\":\"up\"}").status()).isEqualTo(200);
        assertThat(maya.post("/api/milestones/" + kickoff + "/move", "{\"direction\":\"up\"}").status()).isEqualTo(200);
        JsonNode after = maya.get("/api/plans/" + plan.get("id").asLong()).json();
        assertThat(titles(after.get("outcomes").get(0))).containsExactly("Kickoff held", "Users invited and active",
                "Admins trained");

        maya.post("/api/milestones/" + kickoff + "/move", "{\"direction\":\"down\"}");
        assertThat(titles(maya.get("/api/plans/" + plan.get("id").asLong()).json().get("outcomes").get(0)))
                .containsExactly("Users invited and active", "Kickoff held", "Admins trained");
        assertThat(maya.post("/api/milestones/" + kickoff + "/move", "{\"direction\":\"sideways\"}").status()).isEqualTo(400);
    }

    @Test
    void aPlanByHandWithAContactAsOwnerAndAMilestoneAdded() {
        long contact = maya.post("/api/accounts/" + acme + "/stakeholders",
                "{\"email\":\"lee@acme.example\",\"name\":\"Lee Park\",\"role\":\"champion\",\"status\":\"active\"}").json()
                .get("id").asLong();
        ApiClient.Response created = maya.post("/api/accounts/" + acme + "/plans", """
                {"title": "Reporting rollout", "startsOn": "2026-03-01", "outcomes": [
                  {"title": "Finance reports from Lodestar", "milestones": [
                    {"title": "Reports defined", "ownerContactId": %d, "dueOn": "2026-03-20"}]}]}""".formatted(contact));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode milestone = created.json().get("outcomes").get(0).get("milestones").get(0);
        assertThat(milestone.get("ownerSide").asString()).isEqualTo("customer");
        assertThat(milestone.get("ownerName").asString()).isEqualTo("Lee Park");
        long planId = created.json().get("id").asLong();

        ApiClient.Response added = maya.post("/api/plans/" + planId + "/milestones",
                "{\"title\":\"Month-end close in Lodestar\",\"ownerUserId\":" + mayaId + ",\"dueOn\":\"2026-04-30\",\"value\":true}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().get("position").asInt()).isEqualTo(2);
        ApiClient.Response second = maya.post("/api/plans/" + planId + "/milestones",
                "{\"title\":\"Another\",\"dueOn\":\"2026-04-30\",\"value\":true}");
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.body()).contains("\"field\":\"value\"", "Month-end close in Lodestar");

        JsonNode renamed = maya.put("/api/plans/" + planId, "{\"title\":\"Finance rollout\"}").json();
        assertThat(renamed.get("title").asString()).isEqualTo("Finance rollout");
        assertThat(renamed.get("startsOn").asString()).isEqualTo("2026-03-01");
    }

    @Test
    void badInputNamesEachFieldAndWritesNothing() {
        long otherAccount = maya.post("/api/accounts", "{\"externalId\":\"P-BOLT\",\"name\":\"Bolt\"}").json().get("id").asLong();
        long strangersContact = maya.post("/api/accounts/" + otherAccount + "/stakeholders",
                "{\"email\":\"kim@bolt.example\",\"name\":\"Kim\",\"role\":\"champion\",\"status\":\"active\"}").json()
                .get("id").asLong();
        long auditBefore = audit.count();

        ApiClient.Response bad = maya.post("/api/accounts/" + acme + "/plans", """
                {"title": "Rollout", "outcomes": [
                  {"title": "", "milestones": []},
                  {"title": "Adoption", "milestones": [
                    {"title": "Trained", "ownerContactId": %d},
                    {"title": "Live", "ownerUserId": 999999, "dueOn": "2026-04-01"}]}]}""".formatted(strangersContact));

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).contains("application/problem+json");
        assertThat(bad.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList()).containsExactly(
                "outcomes[0].title", "outcomes[1].milestones[0].dueOn", "outcomes[1].milestones[0].ownerContactId",
                "outcomes[1].milestones[1].ownerUserId");
        ApiClient.Response unknown = maya.post("/api/accounts/" + acme + "/plans", "{\"template\":\"smb-onbaording\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("\"field\":\"template\"", "smb-onboarding", "got 'smb-onbaording'");
        assertThat(jdbc.sql("select count(*) from success_plan").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from plan_milestone").query(Long.class).single()).isZero();
        assertThat(audit.count()).isEqualTo(auditBefore);
    }

    /** An outcome added by API lands last; a blank title is refused; a milestone removed is gone, and a second remove is a 404. */
    @Test
    void outcomesAreAddedAndMilestonesRemovedByApi() {
        JsonNode plan = smbPlan();
        long planId = plan.get("id").asLong();
        long kickoff = plan.get("outcomes").get(0).get("milestones").get(0).get("id").asLong();
        var added = maya.post("/api/plans/" + planId + "/outcomes", "{\"title\":\"Exec dashboard in the board pack\"}");
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().get("title").asString()).isEqualTo("Exec dashboard in the board pack");
        assertThat(added.json().get("position").asInt()).isEqualTo(plan.get("outcomes").size() + 1);
        assertThat(maya.post("/api/plans/" + planId + "/outcomes", "{\"title\":\" \"}").body())
                .contains("\"field\":\"title\"", "is required");

        assertThat(maya.delete("/api/milestones/" + kickoff).status()).isEqualTo(204);
        assertThat(maya.get("/api/plans/" + planId).body()).doesNotContain("Kickoff held");
        assertThat(maya.delete("/api/milestones/" + kickoff).status()).isEqualTo(404);
        assertThat(viewer.delete("/api/milestones/" + plan.get("outcomes").get(0).get("milestones").get(1).get("id").asLong())
                .status()).isEqualTo(403);
    }

    @Test
    void aReadOnlyUserReadsPlansButCannotChangeThem() {
        JsonNode plan = smbPlan();
        long kickoff = plan.get("outcomes").get(0).get("milestones").get(0).get("id").asLong();

        assertThat(viewer.get("/api/accounts/" + acme + "/plans").status()).isEqualTo(200);
        assertThat(viewer.post("/api/accounts/" + acme + "/plans", "{\"template\":\"smb-onboarding\"}").status()).isEqualTo(403);
        assertThat(viewer.put("/api/milestones/" + kickoff, "{\"status\":\"done\"}").status()).isEqualTo(403);
        assertThat(maya.get("/api/milestones/" + kickoff).json().get("status").asString()).isEqualTo("not-started");
        assertThat(jdbc.sql("select count(*) from success_plan").query(Long.class).single()).isEqualTo(1);
    }

    private List<Signal> overdueSignals() {
        Actors.runAs(Actor.system(), () -> signals.evaluate(List.of(acme)));
        return signals.openSignals(List.of(acme)).stream().filter(sig -> sig.rule().equals("onboarding-overdue")).toList();
    }

    /** On 13 March the kickoff (due 12 March) is a day late; the admins' training (due 15 March) is not yet. Done resolves it. */
    @Test
    void anOverdueMilestoneFiresASignalThatResolvesWhenDone() {
        JsonNode plan = smbPlan();
        long kickoff = plan.get("outcomes").get(0).get("milestones").get(0).get("id").asLong();
        assertThat(overdueSignals()).isEmpty();

        clock.setDay(LocalDate.of(2026, 3, 13));
        assertThat(overdueSignals()).singleElement().satisfies(sig -> {
            assertThat(sig.causeKey()).isEqualTo("onboarding-overdue:milestone:" + kickoff);
            assertThat(sig.summary()).isEqualTo(
                    "Milestone 'Kickoff held' of the plan 30-day SMB onboarding was due on 2026-03-12, 1 day ago.");
        });

        maya.put("/api/milestones/" + kickoff, "{\"status\":\"done\"}");
        assertThat(overdueSignals()).isEmpty();
        assertThat(signals.openSignals(List.of(acme))).extracting(Signal::causeKey)
                .doesNotContain("onboarding-overdue:milestone:" + kickoff);
    }
}
