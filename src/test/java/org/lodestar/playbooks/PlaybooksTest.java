package org.lodestar.playbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lodestar.Situation.anAccount;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.Situation;
import org.lodestar.TestClock;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.lodestar.people.User;
import org.lodestar.people.Users;
import org.lodestar.plans.Milestone;
import org.lodestar.plans.SuccessPlan;
import org.lodestar.plans.SuccessPlans;
import org.lodestar.reviews.Quarter;
import org.lodestar.reviews.ReviewDrafts;
import org.lodestar.reviews.ReviewKind;
import org.lodestar.signals.SignalCategory;
import org.lodestar.signals.Signals;
import org.lodestar.tasks.Priority;
import org.lodestar.tasks.Task;
import org.lodestar.tasks.TaskFilter;
import org.lodestar.tasks.TaskStatus;
import org.lodestar.tasks.Tasks;
import org.lodestar.tasks.Team;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Each playbook of the shipped library fired from the situation it is for, on 2026-06-30: exactly the
 * expected plays start, once, with tasks for the right people on the right days.
 */
@LodestarTest
@Import(TestClock.Config.class)
// The plays' steps as written, on every coverage model: automation of tech-touch and digital accounts is
// AutomatedOutreachTest's.
@TestPropertySource(properties = { "lodestar.health.live=false", "lodestar.playbooks.automated-coverage=" })
class PlaybooksTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 30);
    static final String CSM = "pat.csm@lodestar.test";

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Signals signals;
    @Autowired
    Playbooks playbooks;
    @Autowired
    Tasks tasks;
    @Autowired
    Users users;
    @Autowired
    TestClock clock;
    @Autowired
    SuccessPlans plans;
    @Autowired
    ReviewDrafts reviews;
    ApiClient api;

    @BeforeEach
    void setUp() {
        clock.setDay(TODAY);
        book.empty();
        book.tokenFor(CSM, Role.CSM, TokenScope.READ);
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
    }

    private Situation account(String name, String stage) {
        return anAccount(api, jdbc, TODAY, name, CSM, stage);
    }

    /** Evaluates the account's signals, which starts its plays; returns the names of the plays it has. */
    private List<String> playsAfterEvaluating(Situation account) {
        Actors.runAs(Actor.system(), () -> signals.evaluate(List.of(account.id)));
        return playbooks.find(account.id, null, null, 100).stream().map(Play::playbook).sorted().toList();
    }

    private List<Task> tasksOf(Situation account, String playbook) {
        long play = playbooks.find(account.id, playbook, null, 10).getFirst().id();
        return tasks.find(new TaskFilter(null, account.id, play, null, 100)).stream()
                .sorted(Comparator.comparing(Task::id)).toList();
    }

    /** The team's manager as documented: the first enabled CS leader, else the first enabled admin. */
    private String manager() {
        List<User> people = users.list().stream().filter(User::enabled).sorted(Comparator.comparing(User::id)).toList();
        return people.stream().filter(u -> u.role() == Role.LEADER).findFirst()
                .or(() -> people.stream().filter(u -> u.role() == Role.ADMIN).findFirst()).orElseThrow().email();
    }

    @Test
    void atRiskOutreachWhenHealthTurnsRed() {
        Situation acme = account("ACME", "mature").withContract(100, 250, 10, "30000").withHealth("52.0", "red");
        assertThat(playsAfterEvaluating(acme)).containsExactly("at-risk-outreach");
        assertThat(tasksOf(acme, "at-risk-outreach")).extracting(Task::title, Task::ownerEmail, Task::dueOn, t -> t.priority().label())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Review the health score and what moved it", CSM, TODAY.plusDays(1), "high"),
                        org.assertj.core.groups.Tuple.tuple("Send 're-engagement' to the champion", CSM, TODAY.plusDays(2), "high"),
                        org.assertj.core.groups.Tuple.tuple("Agree a recovery plan with the champion", CSM, TODAY.plusDays(7), "normal"));
        assertThat(tasksOf(acme, "at-risk-outreach").get(1).outreach()).isEqualTo("re-engagement");
        Play play = playbooks.find(acme.id, "at-risk-outreach", null, 1).getFirst();
        assertThat(play.reason()).isEqualTo("Health is 52 (red), below 60.");
        assertThat((List<?>) play.successPlan().get("milestones")).hasSize(2);
        assertThat(api.get("/api/accounts/" + acme.id + "/timeline").json()).extracting(e -> e.get("subject").asString())
                .contains("Play started: At-risk outreach");
    }

    /** The CSM's steps on an account whose owner was made read-only since go to the manager: its owner could not do them. */
    @Test
    void theStepsOfAnOwnerWhoCannotWorkGoToTheManager() {
        String former = "play-former-csm@lodestar.test";
        book.tokenFor(former, Role.CSM, TokenScope.READ);
        Situation acme = anAccount(api, jdbc, TODAY, "ACME", former, "mature").withContract(100, 250, 10, "30000")
                .withHealth("52.0", "red");
        Actors.runAs(Actor.system(), () -> users.changeRole(users.findByEmail(former).orElseThrow().id(), Role.READ_ONLY));

        assertThat(playsAfterEvaluating(acme)).containsExactly("at-risk-outreach");
        assertThat(tasksOf(acme, "at-risk-outreach")).hasSize(3).extracting(Task::ownerEmail, Task::team)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(manager(), Team.MANAGER));
    }

    @Test
    void aPlayIsNotStartedTwiceForTheSameOpenCauseAndClosingRecordsTheOutcome() {
        Situation acme = account("ACME", "mature").withContract(100, 250, 10, "30000").withHealth("52.0", "red");
        assertThat(playsAfterEvaluating(acme)).containsExactly("at-risk-outreach");
        assertThat(playsAfterEvaluating(acme)).as("evaluated again: nothing new").containsExactly("at-risk-outreach");
        assertThat(playbooks.run(null)).as("a run over the whole book starts nothing either").isEmpty();

        long play = playbooks.find(acme.id, "at-risk-outreach", true, 1).getFirst().id();
        JsonNode closed = api.post("/api/plays/" + play + "/close", "{\"outcome\":\"saved\",\"note\":\"Sponsor re-engaged\"}").json();
        assertThat(closed.get("status").asString()).isEqualTo("closed");
        assertThat(closed.get("outcome").asString()).isEqualTo("saved");
        assertThat(tasks.find(new TaskFilter(null, acme.id, play, null, 100))).extracting(t -> t.status().label())
                .containsOnly("cancelled");
        assertThat(playbooks.run(null)).as("closed, but its cause is still the same open signal").isEmpty();
        assertThat(api.post("/api/plays/" + play + "/close", "{\"outcome\":\"saved\"}").status()).isEqualTo(409);
        assertThat(api.post("/api/plays/" + play + "/close", "{\"outcome\":\"won\"}").status()).isEqualTo(400);

        // The score recovers (the signal resolves), then falls again: a new cause, a new play.
        acme.withHealth("70.0", "yellow");
        playsAfterEvaluating(acme);
        acme.withHealth("50.0", "red");
        assertThat(playsAfterEvaluating(acme)).containsExactly("at-risk-outreach", "at-risk-outreach");
    }

    @Test
    void aNinetyDayRescueWhenTheSponsorIsGoneUsageFallsAndTheRenewalIsAhead() {
        Situation bolt = account("BOLT", "mature").withContract(265, 100, 20, "80000").withHealth("66.0", "yellow")
                .withContact("economic-sponsor", 12).withUsage(30, 10, 0).withUsage(30, 40, 30);
        assertThat(playsAfterEvaluating(bolt)).containsExactly("re-engagement", "renewal-t120", "rescue-90-day");
        List<Task> rescue = tasksOf(bolt, "rescue-90-day");
        assertThat(rescue).extracting(Task::ownerEmail).containsExactly(CSM, CSM, manager(), CSM, manager(), manager());
        assertThat(rescue).extracting(Task::dueOn).containsExactly(TODAY.plusDays(1), TODAY.plusDays(10), TODAY.plusDays(14),
                TODAY.plusDays(21), TODAY.plusDays(45), TODAY.plusDays(90));
        assertThat(rescue).extracting(t -> t.category().label()).containsOnly("rescue");
    }

    /**
     * The rescue does not wait for the renewal cadence: sponsor gone and usage falling with the renewal five and a half
     * months away starts it (no renewal signal is open yet); seven months away it is not yet a rescue. Closed, it is not
     * started again by the other of its two causes.
     */
    @Test
    void theRescueStartsWhenTheRenewalIsWithinTwoQuartersLongBeforeTheRenewalCadence() {
        Situation soon = account("SOON", "mature").withContract(195, 170, 20, "80000").withHealth("66.0", "yellow")
                .withContact("economic-sponsor", 12).withUsage(30, 10, 0).withUsage(30, 40, 30);
        assertThat(playsAfterEvaluating(soon)).containsExactly("re-engagement", "rescue-90-day");
        assertThat(tasksOf(soon, "rescue-90-day")).hasSize(6);
        Situation later = account("LATER", "mature").withContract(165, 200, 20, "80000").withHealth("66.0", "yellow")
                .withContact("economic-sponsor", 12).withUsage(30, 10, 0).withUsage(30, 40, 30);
        assertThat(playsAfterEvaluating(later)).as("renewal 200 days away").containsExactly("re-engagement");

        long rescue = playbooks.find(soon.id, "rescue-90-day", true, 1).getFirst().id();
        playbooks.close(rescue, PlayOutcome.SAVED, "New sponsor met and committed");
        assertThat(playsAfterEvaluating(soon)).as("its causes are the same open signals").containsExactly("re-engagement",
                "rescue-90-day");
    }

    @Test
    void aRenewalRiskSaveAtSixtyDaysWithLowUsageAndUnresolvedTickets() {
        Situation cobalt = account("COBALT", "mature").withContract(320, 45, 10, "30000").withHealth("64.0", "yellow")
                .withUsage(30, 5, 0).withUsage(30, 30, 30).withOpenTicket("normal").withOpenTicket("normal")
                .withOpenTicket("high").withOpenTicket("low");
        assertThat(playsAfterEvaluating(cobalt)).containsExactly("re-engagement", "renewal-risk-save", "renewal-t60");
        List<Task> save = tasksOf(cobalt, "renewal-risk-save");
        LocalDate renewal = TODAY.plusDays(45);
        assertThat(save).extracting(Task::title, Task::team, Task::dueOn).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Send 'renewal-check-in' to the economic sponsor", Team.CSM, TODAY.plusDays(1)),
                org.assertj.core.groups.Tuple.tuple("Ticket deep-dive with support", Team.SUPPORT, TODAY.plusDays(3)),
                org.assertj.core.groups.Tuple.tuple("Value meeting with the sponsor", Team.CSM, TODAY.plusDays(10)),
                org.assertj.core.groups.Tuple.tuple("Follow up with the sponsor on the tickets and the usage plan", Team.CSM,
                        TODAY.plusDays(7)),
                org.assertj.core.groups.Tuple.tuple("Decide the renewal strategy with your manager", Team.MANAGER,
                        TODAY.plusDays(14)),
                org.assertj.core.groups.Tuple.tuple("Send the renewal proposal", Team.SALES, renewal.minusDays(45)));
        assertThat(save.getFirst().outreachTo()).isEqualTo("economic-sponsor");
        assertThat(save.get(1).ownerEmail()).as("a team queue has no person").isNull();
        assertThat(save).extracting(t -> t.category().label()).containsOnly("renewal");

        // The follow-up recurs weekly: done a day late, the next is due a week after the one before.
        Task followUp = save.get(3);
        assertThat(followUp.recurEvery()).isEqualTo(java.time.Duration.ofDays(7));
        clock.setDay(TODAY.plusDays(8));
        tasks.complete(followUp.id());
        assertThat(tasksOf(cobalt, "renewal-risk-save")).filteredOn(t -> t.title().equals(followUp.title())
                && t.status() == TaskStatus.OPEN).singleElement().satisfies(next -> {
                    assertThat(next.dueOn()).isEqualTo(TODAY.plusDays(14));
                    assertThat(next.occurrence()).isEqualTo(2);
                    assertThat(next.ownerEmail()).isEqualTo(CSM);
                });
    }

    /**
     * The cadence moves with the date, its tasks due counted back from the renewal date: T-120 found at 100 days left
     * (its work overdue at once, so due today), then T-90, T-60 and T-30 each on its day.
     */
    @Test
    void theRenewalCadenceFromT120ToT30() {
        Situation dyno = account("DYNO", "mature").withContract(265, 100, 10, "30000").withHealth("80.0", "green");
        LocalDate renewal = TODAY.plusDays(100);
        assertThat(playsAfterEvaluating(dyno)).containsExactly("renewal-t120");
        assertThat(tasksOf(dyno, "renewal-t120")).extracting(Task::dueOn).containsExactly(TODAY, TODAY);
        for (int left : new int[] { 90, 60, 30 }) {
            clock.setDay(renewal.minusDays(left));
            playsAfterEvaluating(dyno);
            assertThat(tasksOf(dyno, "renewal-t" + left)).as("T-" + left).extracting(Task::dueOn)
                    .containsExactly(renewal.minusDays(left), renewal.minusDays(left - 10));
        }
        assertThat(tasksOf(dyno, "renewal-t90")).extracting(Task::title).containsExactly(
                "Pre-renewal conversation with the sponsor", "Prepare a multi-year proposal");
    }

    /** The same cadence found late (a book loaded at 80 days left): past due dates become today, later ones stay. */
    @Test
    void theRenewalCadenceFoundLate() {
        Situation dyno = account("DYNO", "mature").withContract(265, 100, 10, "30000").withHealth("80.0", "green");
        assertThat(playsAfterEvaluating(dyno)).containsExactly("renewal-t120");
        clock.setDay(TODAY.plusDays(20));
        assertThat(playsAfterEvaluating(dyno)).containsExactly("renewal-t120", "renewal-t90");
        // Eighty days out, the T-120 window has passed: that play is flagged for its CSM, not closed (when-cause-clears: flag).
        Play t120 = playbooks.find(dyno.id, "renewal-t120", null, 1).getFirst();
        assertThat(t120.open()).isTrue();
        assertThat(t120.causeClearedAt()).isNotNull();
        assertThat(tasksOf(dyno, "renewal-t120")).allMatch(t -> t.status() == TaskStatus.OPEN);
        assertThat(tasksOf(dyno, "renewal-t90")).extracting(Task::title, Task::dueOn).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Pre-renewal conversation with the sponsor", TODAY.plusDays(20)),
                org.assertj.core.groups.Tuple.tuple("Prepare a multi-year proposal", TODAY.plusDays(20)));
        clock.setDay(TODAY.plusDays(50));
        assertThat(playsAfterEvaluating(dyno)).containsExactly("renewal-t120", "renewal-t60", "renewal-t90");
        clock.setDay(TODAY.plusDays(80));
        assertThat(playsAfterEvaluating(dyno)).containsExactly("renewal-t120", "renewal-t30", "renewal-t60", "renewal-t90");
        assertThat(tasksOf(dyno, "renewal-t30").getFirst().team().label()).isEqualTo("sales");
    }

    @Test
    void thirtyDaySmbOnboardingForANewSmallCustomerOnly() {
        Situation echo = account("ECHO", "onboarding").withContract(3, 362, 5, "9000").withHealth("75.0", "green");
        assertThat(playsAfterEvaluating(echo)).containsExactly("smb-onboarding");
        assertThat(tasksOf(echo, "smb-onboarding")).extracting(Task::title, Task::dueOn).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Kickoff call", TODAY.plusDays(2)),
                org.assertj.core.groups.Tuple.tuple("Admin training session", TODAY.plusDays(5)),
                org.assertj.core.groups.Tuple.tuple("Configuration review (users, integrations, settings)", TODAY.plusDays(7)),
                org.assertj.core.groups.Tuple.tuple("Send the getting-started resources", TODAY.plusDays(3)),
                org.assertj.core.groups.Tuple.tuple("Week-1 check-in", TODAY.plusDays(7)),
                org.assertj.core.groups.Tuple.tuple("Day-30 review of the first value milestone", TODAY.plusDays(30)));
        // The playbook's plan: the smb-onboarding template started the day the play did (30 June → 2 July, 30 July).
        SuccessPlan plan = plans.listForAccount(echo.id).getFirst();
        assertThat(plan.template()).isEqualTo("smb-onboarding");
        assertThat(plan.startsOn()).isEqualTo(TODAY);
        assertThat(plan.milestones()).extracting(Milestone::title, Milestone::dueOn).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Kickoff held", LocalDate.of(2026, 7, 2)),
                org.assertj.core.groups.Tuple.tuple("Admins trained", LocalDate.of(2026, 7, 5)),
                org.assertj.core.groups.Tuple.tuple("Users invited and active", LocalDate.of(2026, 7, 14)),
                org.assertj.core.groups.Tuple.tuple("First value milestone reached", LocalDate.of(2026, 7, 30)));
        Situation bigger = account("FOXTROT", "onboarding").withContract(3, 362, 50, "60000").withHealth("75.0", "green");
        assertThat(playsAfterEvaluating(bigger)).as("mid-market onboarding is not the SMB playbook").isEmpty();
    }

    /**
     * A high-touch customer (150,000 ARR: enterprise) for 200 days without a business review gets the QBR play, which
     * opens the QBR draft of the last full quarter (2026 Q1 on 30 June); an enterprise customer renewing in 100 days,
     * with a QBR logged last week but no EBR, gets the same playbook from ebr-due, which opens an EBR draft.
     */
    @Test
    void theBusinessReviewPlayOpensTheReviewDraftOfTheLastQuarter() {
        Situation hotel = account("HOTEL", "mature").withContract(200, 265, 50, "150000").withHealth("80.0", "green");
        // Created before its contract, the account took the default coverage of a book with no ARR yet.
        jdbc.sql("update account set coverage_model = 'HIGH_TOUCH' where id in (?)").param(hotel.id).update();
        assertThat(playsAfterEvaluating(hotel)).contains("qbr");
        assertThat(reviews.find(hotel.id, ReviewKind.QBR, new Quarter(2026, 1))).isPresent();
        assertThat(reviews.find(hotel.id, ReviewKind.EBR, new Quarter(2026, 1))).isEmpty();
        assertThat(tasksOf(hotel, "qbr")).extracting(Task::title).containsExactly("Book the business review with the sponsor",
                "Finish the review draft on the Review tab (narrative, stated figures) and download the pack",
                "Hold the business review and log it on the timeline as a QBR or EBR meeting");
        assertThat(api.get("/api/accounts/" + hotel.id + "/timeline").json().valueStream()
                .filter(e -> e.get("subject").asString().equals("Play started: Business review (QBR or EBR)")).findFirst()
                .orElseThrow().get("body").asString()).contains("Review draft: QBR 2026 Q1 (the account's Review tab)");

        Situation india = account("INDIA", "mature").withContract(300, 100, 50, "150000").withHealth("80.0", "green");
        jdbc.sql("update account set coverage_model = 'HIGH_TOUCH' where id in (?)").param(india.id).update();
        assertThat(api.post("/api/accounts/" + india.id + "/timeline", "{\"kind\":\"meeting\",\"meetingType\":\"qbr\","
                + "\"occurredAt\":\"" + TODAY.minusDays(7) + "T10:00:00Z\",\"subject\":\"Q2 review\"}").status()).isEqualTo(201);
        assertThat(playsAfterEvaluating(india)).contains("qbr");
        assertThat(playbooks.find(india.id, "qbr", null, 1).getFirst().reason()).startsWith("Renews on 2026-10-08 (100 days)");
        assertThat(reviews.find(india.id, ReviewKind.EBR, new Quarter(2026, 1))).isPresent();
        assertThat(reviews.find(india.id, ReviewKind.QBR, new Quarter(2026, 1))).isEmpty();
    }

    @Test
    void expansionWhenMoreUsersThanSeats() {
        Situation golf = account("GOLF", "mature").withContract(100, 265, 10, "30000").withHealth("85.0", "green")
                .withUsage(60, 20, 0).withActiveUsers(12);
        assertThat(playsAfterEvaluating(golf)).containsExactly("expansion");
        assertThat(tasksOf(golf, "expansion")).extracting(t -> t.team().label()).containsExactly("csm", "sales", "sales");
    }

    @Test
    void aMajorIncidentOnATopAccountOnly() {
        Situation hotel = account("HOTEL", "mature").withContract(100, 265, 100, "150000").withHealth("80.0", "green")
                .withOpenTicket("urgent");
        assertThat(playsAfterEvaluating(hotel)).containsExactly("major-incident");
        List<Task> incident = tasksOf(hotel, "major-incident");
        assertThat(incident.getFirst().outreach()).isEqualTo("critical-bug-alert");
        assertThat(incident).extracting(Task::dueOn).startsWith(TODAY, TODAY, TODAY);
        assertThat(incident.getLast().ownerEmail()).isEqualTo(manager());
        assertThat(incident).extracting(Task::title).contains("Update the customer on the incident");
        Situation small = account("INDIA", "mature").withContract(100, 265, 10, "30000").withHealth("80.0", "green")
                .withOpenTicket("urgent");
        assertThat(playsAfterEvaluating(small)).isEmpty();
    }

    /**
     * The hourly update on a major incident: due an hour after the play starts; each one done brings the next at the
     * following hour slot (one done late skips the slots already past); solving the ticket stops them, while confirming
     * the fix, the RCA and the post-mortem stay to be done.
     */
    @Test
    void majorIncidentUpdatesRecurHourlyUntilTheTicketIsSolved() {
        clock.set(at(10, 0));
        Situation hotel = account("HOTEL", "mature").withContract(100, 265, 100, "150000").withHealth("80.0", "green")
                .withOpenTicket("urgent");
        assertThat(playsAfterEvaluating(hotel)).containsExactly("major-incident");
        Task first = openUpdate(hotel);
        assertThat(first.dueAt()).isEqualTo(at(11, 0));
        assertThat(first.team()).isEqualTo(Team.SUPPORT);

        // Support works it from its queue page, where it shows with its time; done there, the next one is due.
        org.lodestar.FormSession support = new org.lodestar.FormSession(port);
        support.signIn(LodestarTest.ADMIN_EMAIL, LodestarTest.ADMIN_PASSWORD);
        String queue = support.send("GET", "/queues/support", Map.of()).body();
        assertThat(queue).contains("Update the customer on the incident", TODAY + " 11:00 UTC", "every hour · no. 1",
                "Acknowledge the incident to the customer", "HOTEL");
        assertThat(support.send("GET", "/queues/manager", Map.of()).statusCode()).isEqualTo(404);
        clock.set(at(11, 20));
        java.net.http.HttpResponse<String> done = support.send("POST", "/tasks/" + first.id() + "/complete",
                Map.of("queue", "support"));
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(done.headers().firstValue("Location").orElseThrow()).endsWith("/queues/support");
        Task second = openUpdate(hotel);
        assertThat(second.dueAt()).isEqualTo(at(12, 0));
        assertThat(second.occurrence()).isEqualTo(2);

        clock.set(at(14, 30));
        tasks.complete(second.id());
        assertThat(openUpdate(hotel).dueAt()).as("the slots already past are not owed").isEqualTo(at(15, 0));

        clock.set(at(14, 45));
        Map<String, Object> ticket = jdbc.sql("select id, external_id from support_ticket where account_id = ?").param(hotel.id)
                .query().singleRow();
        assertThat(api.put("/api/tickets/" + ticket.get("id"), "{\"externalId\":\"" + ticket.get("external_id")
                + "\",\"subject\":\"Fixed\","
                + "\"status\":\"solved\",\"priority\":\"urgent\",\"createdAt\":\"" + TODAY.minusDays(1) + "T08:00:00Z\","
                + "\"solvedAt\":\"" + at(14, 40) + "\"}").status()).isBetween(200, 201);
        playsAfterEvaluating(hotel);
        List<Task> all = tasksOf(hotel, "major-incident");
        assertThat(all).filteredOn(t -> t.title().equals(first.title())).extracting(Task::status)
                .containsExactly(TaskStatus.DONE, TaskStatus.DONE, TaskStatus.CANCELLED);
        assertThat(all).filteredOn(t -> t.status() == TaskStatus.OPEN).extracting(Task::title).containsExactly(
                "Confirm the fix with the customer", "Root-cause analysis and follow-up call", "Internal post-mortem");
        assertThat(all).as("the alert and acknowledgement not sent by then are moot").filteredOn(t -> t.status()
                == TaskStatus.CANCELLED).extracting(Task::title).containsExactly(
                "Post 'critical-bug-alert' to the team's Slack channel", "Acknowledge the incident to the customer",
                "Update the customer on the incident");
        assertThat(playbooks.find(hotel.id, "major-incident", true, 1)).as("open, flagged for its CSM").singleElement()
                .satisfies(p -> assertThat(p.causeClearedAt()).isNotNull());
    }

    /**
     * Two urgent tickets open: solving one leaves the incident going, following the other (no flag, updates go on).
     * Solving the second flags the play; reopening it gives the play its cause back, with its alert, acknowledgement and
     * hourly update made again, not a second play.
     */
    @Test
    void aSecondUrgentTicketKeepsTheIncidentGoingAndAReopenedOneBringsItBack() {
        clock.set(at(10, 0));
        Situation hotel = account("HOTEL", "mature").withContract(100, 265, 100, "150000").withHealth("80.0", "green")
                .withOpenTicket("urgent").withOpenTicket("urgent");
        assertThat(playsAfterEvaluating(hotel)).containsExactly("major-incident");
        List<Map<String, Object>> tickets = jdbc.sql("select id, external_id from support_ticket where account_id = ? order by id")
                .param(hotel.id).query().listOfRows();

        clock.set(at(10, 30));
        solve(tickets.get(0), at(10, 25));
        assertThat(playsAfterEvaluating(hotel)).as("no second play").containsExactly("major-incident");
        Play following = playbooks.find(hotel.id, "major-incident", true, 1).getFirst();
        assertThat(following.causeClearedAt()).as("the other ticket is still open").isNull();
        assertThat(openUpdate(hotel).dueAt()).isEqualTo(at(11, 0));
        assertThat(api.get("/api/accounts/" + hotel.id + "/timeline").json()).extracting(e -> e.get("subject").asString())
                .contains("Play carries on: Major incident on a top account");

        clock.set(at(12, 0));
        solve(tickets.get(1), at(11, 55));
        playsAfterEvaluating(hotel);
        assertThat(playbooks.find(hotel.id, "major-incident", true, 1).getFirst().causeClearedAt()).isNotNull();
        assertThat(tasksOf(hotel, "major-incident")).filteredOn(t -> t.status() == TaskStatus.OPEN).extracting(Task::title)
                .doesNotContain("Update the customer on the incident", "Acknowledge the incident to the customer");

        clock.set(at(13, 0));
        assertThat(api.put("/api/tickets/" + tickets.get(1).get("id"), "{\"externalId\":\"" + tickets.get(1).get("external_id")
                + "\",\"subject\":\"Back\",\"status\":\"open\",\"priority\":\"urgent\",\"createdAt\":\""
                + TODAY.minusDays(1) + "T08:00:00Z\"}").status()).isBetween(200, 201);
        assertThat(playsAfterEvaluating(hotel)).as("the same play, not a second").containsExactly("major-incident");
        Play back = playbooks.find(hotel.id, "major-incident", true, 1).getFirst();
        assertThat(back.causeClearedAt()).isNull();
        assertThat(back.id()).isEqualTo(following.id());
        assertThat(openUpdate(hotel).dueAt()).isEqualTo(at(14, 0));
        assertThat(tasksOf(hotel, "major-incident")).filteredOn(t -> t.status() == TaskStatus.OPEN).extracting(Task::title)
                .contains("Acknowledge the incident to the customer", "Post 'critical-bug-alert' to the team's Slack channel",
                        "Confirm the fix with the customer");

        // An update done ahead of its time brings the next an interval after it was done, not two.
        clock.set(at(13, 10));
        tasks.complete(openUpdate(hotel).id());
        assertThat(openUpdate(hotel).dueAt()).isEqualTo(at(14, 10));
    }

    private void solve(Map<String, Object> ticket, Instant solvedAt) {
        assertThat(api.put("/api/tickets/" + ticket.get("id"), "{\"externalId\":\"" + ticket.get("external_id")
                + "\",\"subject\":\"Fixed\",\"status\":\"solved\",\"priority\":\"urgent\",\"createdAt\":\""
                + TODAY.minusDays(1) + "T08:00:00Z\",\"solvedAt\":\"" + solvedAt + "\"}").status()).isBetween(200, 201);
    }

    /**
     * A step two plays share lasts while one of them still wants it: each play's step says whether it lasts only while
     * its cause does. Shared by A and B (both while-cause-lasts): A's cause clearing leaves it for B, B's clearing too
     * cancels it, in either order or together; a recurring one done passes its plays on to the next; a play whose step
     * wants it whatever the cause keeps it; a closing play hands it only to a play that still wants it.
     */
    @Test
    void aSharedStepLastsWhileOneOfItsPlaysStillWantsIt() {
        Situation acme = account("ACME", "mature").withContract(100, 265, 10, "30000").withHealth("80.0", "green");
        long a = play(acme, "a");
        long b = play(acme, "b");
        Tasks.Schedule lasting = new Tasks.Schedule(TODAY, null, null, true);
        Task shared = createFor(acme, a, "Alert the team", lasting);
        assertThat(createFor(acme, b, "Alert the team", lasting).id()).as("one task for both").isEqualTo(shared.id());

        clearCause(a);
        assertThat(tasks.stopWithCause(List.of(a), List.of(a, b), List.of(b))).as("B still wants it").isZero();
        clearCause(b);
        assertThat(tasks.stopWithCause(List.of(b), List.of(a, b), List.of())).as("A's task, cleared through B").isEqualTo(1);
        assertThat(tasks.get(shared.id()).status()).isEqualTo(TaskStatus.CANCELLED);

        // Both causes clear in one pass; an hourly update done carries both plays to the next one.
        long c = play(acme, "c");
        long d = play(acme, "d");
        Tasks.Schedule hourly = new Tasks.Schedule(TODAY, TODAY.atTime(11, 0).toInstant(ZoneOffset.UTC), Duration.ofHours(1), false);
        Task update = createFor(acme, c, "Update the customer", hourly);
        createFor(acme, d, "Update the customer", hourly);
        clock.set(at(11, 5));
        tasks.complete(update.id());
        Task next = tasks.find(new TaskFilter(null, acme.id, c, TaskStatus.OPEN, 10)).getFirst();
        assertThat(next.occurrence()).isEqualTo(2);
        clearCause(c);
        clearCause(d);
        assertThat(tasks.stopWithCause(List.of(c, d), List.of(c, d), List.of())).isEqualTo(1);
        assertThat(tasks.get(next.id()).status()).isEqualTo(TaskStatus.CANCELLED);

        // A play whose step is not while-cause-lasts keeps the task; and a closing play hands it only to a play wanting it.
        long e = play(acme, "e");
        long f = play(acme, "f");
        Task kept = createFor(acme, e, "Confirm the fix", lasting);
        createFor(acme, f, "Confirm the fix", new Tasks.Schedule(TODAY, null, null, false));
        clearCause(e);
        clearCause(f);
        assertThat(tasks.stopWithCause(List.of(e, f), List.of(e, f), List.of())).isZero();
        long g = play(acme, "g");
        long h = play(acme, "h");
        Task handed = createFor(acme, g, "Check in", lasting);
        createFor(acme, h, "Check in", lasting);
        clearCause(h);
        assertThat(tasks.cancelOpenOfPlay(g, List.of(h), List.of())).as("H's cause cleared: it does not want it").isEqualTo(1);
        assertThat(tasks.get(handed.id()).status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(tasks.get(kept.id()).status()).isEqualTo(TaskStatus.OPEN);
    }

    private long play(Situation account, String cause) {
        var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into play (account_id, playbook, category, cause_key, reason, status, started_at) values "
                + "(?, 'major-incident', 'rescue', ?, 'test', 'open', ?)").params(account.id, cause,
                        java.sql.Timestamp.from(clock.instant())).update(key, "id");
        return key.getKey().longValue();
    }

    private Task createFor(Situation account, long play, String title, Tasks.Schedule schedule) {
        return Actors.runAs(Actor.system(), () -> tasks.createForPlay(account.id, play, title, null, SignalCategory.RESCUE, null,
                Team.SUPPORT, Priority.HIGH, schedule, null));
    }

    private void clearCause(long play) {
        jdbc.sql("update play set cause_cleared_at = ? where id = ?").params(java.sql.Timestamp.from(clock.instant()), play)
                .update();
    }

    private static Instant at(int hour, int minute) {
        return TODAY.atTime(hour, minute).toInstant(ZoneOffset.UTC);
    }

    private Task openUpdate(Situation account) {
        return tasksOf(account, "major-incident").stream().filter(t -> t.title().equals("Update the customer on the incident")
                && t.status() == TaskStatus.OPEN).reduce((a, b) -> { throw new AssertionError("two open updates: " + a + ", " + b); })
                .orElseThrow();
    }

    @Test
    void reEngagementAfterAUsageDrop() {
        Situation juliet = account("JULIET", "mature").withContract(100, 265, 10, "30000").withHealth("78.0", "green")
                .withUsage(30, 6, 0).withUsage(30, 20, 30);
        assertThat(playsAfterEvaluating(juliet)).containsExactly("re-engagement");
    }

    /**
     * Red and with usage falling, an account starts at-risk outreach and re-engagement, both of which send
     * 're-engagement' to the champion: that step is one task, due by the earlier day; it stays when one play closes.
     */
    @Test
    void theSameStepFromTwoPlaysIsOneTaskThatOutlivesEitherPlay() {
        Situation kilo = account("KILO", "mature").withContract(100, 265, 10, "30000").withHealth("52.0", "red")
                .withUsage(30, 6, 0).withUsage(30, 20, 30);
        assertThat(playsAfterEvaluating(kilo)).containsExactly("at-risk-outreach", "re-engagement");
        List<Task> emails = tasks.find(new TaskFilter(null, kilo.id, null, TaskStatus.OPEN, 100)).stream()
                .filter(t -> "re-engagement".equals(t.outreach())).toList();
        assertThat(emails).hasSize(1);
        assertThat(emails.getFirst().dueOn()).as("re-engagement asks for it in a day, at-risk outreach in two")
                .isEqualTo(TODAY.plusDays(1));
        long atRisk = playbooks.find(kilo.id, "at-risk-outreach", true, 1).getFirst().id();
        long reEngagement = playbooks.find(kilo.id, "re-engagement", true, 1).getFirst().id();
        long owner = emails.getFirst().playId();
        assertThat(api.post("/api/plays/" + owner + "/close", "{\"outcome\":\"no-action-needed\"}").status()).isEqualTo(200);
        Task kept = tasks.get(emails.getFirst().id());
        assertThat(kept.status()).as("the other play still asks for it").isEqualTo(TaskStatus.OPEN);
        assertThat(kept.playId()).isEqualTo(owner == atRisk ? reEngagement : atRisk);
        assertThat(api.post("/api/plays/" + kept.playId() + "/close", "{\"outcome\":\"saved\"}").status()).isEqualTo(200);
        assertThat(tasks.get(kept.id()).status()).isEqualTo(TaskStatus.CANCELLED);
    }

    /**
     * At-risk outreach says when-cause-clears: close. While the score is red the task's reason follows it (52, then 48);
     * once it is yellow the play closes as resolved by itself and its open tasks are cancelled.
     */
    @Test
    void aRescuePlayFollowsItsCauseAndClosesItselfWhenTheCauseClears() {
        Situation lima = account("LIMA", "mature").withContract(100, 250, 10, "30000").withHealth("52.0", "red");
        assertThat(playsAfterEvaluating(lima)).containsExactly("at-risk-outreach");
        ApiClient csm = new ApiClient(port, book.tokenFor(CSM, Role.CSM, TokenScope.READ));
        assertThat(csm.get("/api/worklist").body()).contains("Health is 52 (red), below 60.");
        lima.withHealth("48.0", "red");
        playsAfterEvaluating(lima);
        assertThat(csm.get("/api/worklist").body()).contains("Health is 48 (red), below 60.").doesNotContain("Health is 52");
        Play play = playbooks.find(lima.id, "at-risk-outreach", null, 1).getFirst();
        assertThat(play.open()).isTrue();

        lima.withHealth("70.0", "yellow");
        playsAfterEvaluating(lima);
        Play closed = playbooks.get(play.id());
        assertThat(closed.open()).isFalse();
        assertThat(closed.outcome()).isEqualTo(PlayOutcome.RESOLVED_BY_ITSELF);
        assertThat(closed.outcomeNote()).startsWith("The cause cleared on " + TODAY + ". When it fired on " + TODAY
                + ": Health is 48 (red)");
        assertThat(tasksOf(lima, "at-risk-outreach")).extracting(t -> t.status().label()).containsOnly("cancelled");
        assertThat(api.get("/api/accounts/" + lima.id + "/timeline").json()).extracting(e -> e.get("subject").asString())
                .contains("Play closed: At-risk outreach (resolved-by-itself)");
    }

    /**
     * A preview at a later day shows the T-90 work before it exists: the T-90 signal that would fire then (and the
     * T-120 one that would resolve), the play and its tasks with due dates counted from that day; nothing is stored.
     */
    @Test
    void aPreviewAtALaterDayShowsTheWorkBeforeItExists() {
        Situation echo = account("ECHO", "mature").withContract(265, 100, 10, "30000").withHealth("80.0", "green");
        assertThat(playsAfterEvaluating(echo)).containsExactly("renewal-t120");
        long tasksBefore = jdbc.sql("select count(*) from task").query(Long.class).single();
        LocalDate later = TODAY.plusDays(15);

        List<Playbooks.WouldStart> would = playbooks.dryRun(later);
        assertThat(would).extracting(Playbooks.WouldStart::playbook).containsExactly("renewal-t90");
        assertThat(would.getFirst().tasks()).as("due at T-90 (already passed on that day: that day) and T-80").containsExactly(
                "Pre-renewal conversation with the sponsor (" + CSM + ", due " + later + ")",
                "Prepare a multi-year proposal (sales, due " + TODAY.plusDays(20) + ")");
        assertThat(playbooks.dryRun()).as("today: nothing new").isEmpty();

        JsonNode preview = api.get("/api/signals/preview?asOf=" + later + "&account=" + echo.id).json();
        assertThat(preview.get("wouldFire")).extracting(f -> f.get("finding").get("rule").asString()).containsExactly("renewal-t90");
        assertThat(preview.get("wouldResolve")).extracting(r -> r.get("rule").asString()).containsExactly("renewal-t120");
        assertThat(api.get("/api/playbooks/dry-run?asOf=" + later).json()).extracting(w -> w.get("playbook").asString())
                .containsExactly("renewal-t90");
        assertThat(api.post("/api/signals/evaluate?asOf=" + later, "").json().get("wouldFire")).hasSize(1);
        assertThat(api.get("/api/signals/preview?asOf=" + TODAY.plusYears(3)).body()).contains("asOf").contains("expected a day from");
        assertThat(playsAfterEvaluating(echo)).as("nothing was stored").containsExactly("renewal-t120");

        // Use carried forward: an account active today is not "idle for 45 days" on a day 45 days ahead; one idle for
        // 20 days today is idle for 20 days then, not 30.
        Situation active = account("ACTIVE", "mature").withContract(500, 100, 10, "30000").withHealth("80.0", "green")
                .withUsage(30, 20, 0);
        Situation quiet = account("QUIET", "mature").withContract(500, 100, 10, "30000").withHealth("80.0", "green")
                .withUsage(30, 20, 20);
        assertThat(api.get("/api/signals/preview?asOf=" + TODAY.plusDays(45) + "&account=" + active.id).json().get("wouldFire"))
                .extracting(f -> f.get("finding").get("rule").asString()).doesNotContain("no-active-user");
        assertThat(api.get("/api/signals/preview?asOf=" + TODAY.plusDays(10) + "&account=" + quiet.id).json().get("wouldFire"))
                .extracting(f -> f.get("finding").get("summary").asString())
                .contains("No active user for 20 days (last active " + TODAY.minusDays(20) + ").");
        assertThat(jdbc.sql("select count(*) from task").query(Long.class).single()).isEqualTo(tasksBefore);
    }

    @Test
    void featureDeprecationMigrationForAccountsUsingARetiringFeature() {
        Situation kilo = account("KILO", "mature").withContract(100, 265, 10, "30000").withHealth("78.0", "green")
                .withFeatureUse("Legacy Export", 3);
        assertThat(playsAfterEvaluating(kilo)).containsExactly("feature-deprecation");
        assertThat(tasksOf(kilo, "feature-deprecation").getFirst().title()).isEqualTo("Send 'feature-announcement' to the admin");
    }

    @Test
    void theDryRunListsWhatWouldStartTodayWithoutStoringAnything() {
        Situation acme = account("ACME", "mature").withContract(100, 250, 10, "30000").withHealth("52.0", "red");
        JsonNode would = api.get("/api/playbooks/dry-run").json();
        assertThat(would).singleElement().satisfies(w -> {
            assertThat(w.get("playbook").asString()).isEqualTo("at-risk-outreach");
            assertThat(w.get("reason").asString()).isEqualTo("Health is 52 (red), below 60.");
            assertThat(w.get("tasks").get(0).asString()).isEqualTo("Review the health score and what moved it (" + CSM
                    + ", due 2026-07-01)");
        });
        assertThat(playbooks.find(acme.id, null, null, 10)).isEmpty();
        assertThat(signals.openSignals(List.of(acme.id))).isEmpty();
        assertThat(api.get("/api/playbooks").json()).extracting(p -> p.get("name").asString()).contains("rescue-90-day",
                "major-incident", "smb-onboarding", "renewal-t30");
    }
}
