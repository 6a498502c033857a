package org.lodestar.playbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lodestar.Situation.anAccount;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.Situation;
import org.lodestar.SmtpServer;
import org.lodestar.TestClock;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.lodestar.signals.Signals;
import org.lodestar.tasks.Task;
import org.lodestar.tasks.TaskFilter;
import org.lodestar.tasks.TaskStatus;
import org.lodestar.tasks.Tasks;
import org.lodestar.worklist.WorkItem;
import org.lodestar.worklist.Worklist;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import jakarta.mail.internet.MimeMessage;

/**
 * Plays on tech-touch and digital accounts: their outreach goes out by itself when due (a real SMTP server here),
 * the CSM's other steps are left out, what cannot be sent becomes the CSM's task, and a rule that escalates puts the
 * play's tasks on the worklist as for a high-touch account.
 */
@LodestarTest
@Import(TestClock.Config.class)
@TestPropertySource(properties = { "lodestar.health.live=false", "lodestar.playbooks.automated-outreach-delay=PT10M" })
class AutomatedOutreachTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 30);
    static final String CSM = "dara.csm@lodestar.test";

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
    JdbcClient jdbc;
    @Autowired
    Signals signals;
    @Autowired
    Tasks tasks;
    @Autowired
    Worklist worklist;
    @Autowired
    AutomatedOutreach automated;
    @Autowired
    org.lodestar.outreach.Outreach outreach;
    @Autowired
    TestClock clock;
    ApiClient api;

    @BeforeEach
    void setUp() {
        clock.setDay(TODAY);
        book.empty();
        book.tokenFor(CSM, Role.CSM, TokenScope.READ);
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
    }

    private Situation digital(String name) {
        Situation account = anAccount(api, jdbc, TODAY, name, CSM, "mature");
        jdbc.sql("update account set coverage_model = 'DIGITAL' where id = ?").param(account.id).update();
        return account;
    }

    private List<Task> open(Situation account) {
        return tasks.find(new TaskFilter(null, account.id, null, TaskStatus.OPEN, 100));
    }

    @Test
    void aDigitalAccountsOutreachGoesOutWhenDueAndWhatCannotGoOutIsTheCsmsTask() throws Exception {
        Situation reached = digital("REACHED").withContract(100, 250, 10, "12000").withHealth("52.0", "red")
                .withUsage(30, 20, 0).withUsage(30, 25, 30).withContact("user", null).withContact("champion", null);
        Situation unreachable = digital("UNREACHABLE").withContract(100, 250, 10, "9000").withHealth("50.0", "red");
        Actors.runAs(Actor.system(), () -> signals.evaluate(null));

        // At-risk outreach: its outreach is Lodestar's to send; reviewing the score and a recovery plan are left out.
        assertThat(open(reached)).extracting(Task::title, Task::automated, Task::outreachTo)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Send 're-engagement' to the champion", true, "champion"));
        assertThat(worklist.forOwner(CSM).items()).as("on Today as accounts needing attention, with no task")
                .allMatch(item -> item.tasks().isEmpty()).extracting(WorkItem::accountName)
                .containsExactlyInAnyOrder("REACHED", "UNREACHABLE");
        assertThat(automated.sendDue()).as("due in two days: nothing yet").isEqualTo(new AutomatedOutreach.Pass(0, 0));

        clock.setDay(TODAY.plusDays(2));
        AutomatedOutreach.Pass pass = automated.sendDue();
        assertThat(pass).as(() -> open(reached).toString()).isEqualTo(new AutomatedOutreach.Pass(1, 1));
        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(1);
        String champion = jdbc.sql("select email from stakeholder where account_id = ? and role = 'CHAMPION'")
                .param(reached.id).query(String.class).single();
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo(champion);
        assertThat(received[0].getSubject()).isEqualTo("Checking in on how things are going at REACHED");
        assertThat(open(reached)).isEmpty();
        assertThat(api.get("/api/accounts/" + reached.id + "/timeline").body()).contains("Email to champion");

        Task handed = open(unreachable).getFirst();
        assertThat(handed.automated()).isFalse();
        assertThat(handed.description()).contains("Not sent automatically on " + TODAY.plusDays(2))
                .contains("no active champion with an email address");
        WorkItem row = worklist.forOwner(CSM).items().stream().filter(i -> i.accountName().equals("UNREACHABLE"))
                .findFirst().orElseThrow();
        assertThat(row.tasks()).extracting(WorkItem.TaskLine::title).containsExactly("Send 're-engagement' to the champion");
        assertThat(automated.sendDue()).as("sent and handed over: nothing left").isEqualTo(new AutomatedOutreach.Pass(0, 0));
    }

    /** Renewal within 30 days escalates (signals.yaml): the CSM's steps are a person's work on any coverage. */
    @Test
    void aRuleThatEscalatesPutsThePlaysTasksOnTheWorklist() {
        Situation renewing = digital("RENEWING").withContract(340, 25, 10, "15000").withHealth("75.0", "green");
        Actors.runAs(Actor.system(), () -> signals.evaluate(null));
        assertThat(open(renewing)).extracting(Task::title).contains("Confirm signature date and signer");
        assertThat(open(renewing)).noneMatch(Task::automated);
        clock.setDay(TODAY.plusDays(4));
        assertThat(worklist.forOwner(CSM).items()).flatExtracting(WorkItem::tasks).extracting(WorkItem.TaskLine::title)
                .contains("Confirm signature date and signer");
    }


    /**
     * A play started again (a book imported with its outreach history, a signal that fired anew) does not send a
     * person the same email they had lately: the task is closed saying when it went. Past the window it goes out.
     */
    @Test
    void theSameEmailIsNotSentToAPersonAgainWithinThirtyDays() throws Exception {
        Situation lately = digital("LATELY").withContract(100, 250, 10, "12000").withHealth("52.0", "red")
                .withUsage(30, 20, 0).withUsage(30, 25, 30).withContact("champion", null);
        Situation longAgo = digital("LONG-AGO").withContract(100, 250, 10, "12000").withHealth("52.0", "red")
                .withUsage(30, 20, 0).withUsage(30, 25, 30).withContact("champion", null);
        String latelyChampion = championOf(lately);
        // As an export of another instance brings them back: sent 10 and 31 days before the message falls due.
        sentBefore(lately, latelyChampion.toUpperCase(java.util.Locale.ROOT), TODAY.minusDays(8));
        sentBefore(longAgo, championOf(longAgo), TODAY.minusDays(29));
        Actors.runAs(Actor.system(), () -> signals.evaluate(null));
        assertThat(open(lately)).extracting(Task::title).containsExactly("Send 're-engagement' to the champion");

        clock.setDay(TODAY.plusDays(2));
        assertThat(automated.sendDue()).isEqualTo(new AutomatedOutreach.Pass(1, 0, 1));
        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo(championOf(longAgo));
        assertThat(open(lately)).isEmpty();
        Task closed = tasks.find(new TaskFilter(null, lately.id, null, TaskStatus.DONE, 10)).getFirst();
        assertThat(closed.description()).contains("Not sent again on " + TODAY.plusDays(2) + ": 're-engagement' went to "
                + latelyChampion + " on " + TODAY.minusDays(8));
        assertThat(jdbc.sql("select count(*) from outreach_message where account_id = ?").param(lately.id)
                .query(Long.class).single()).as("nothing new in its history").isEqualTo(1);
        assertThat(automated.sendDue()).isEqualTo(new AutomatedOutreach.Pass(0, 0));
    }

    private String championOf(Situation account) {
        return jdbc.sql("select email from stakeholder where account_id = ? and role = 'CHAMPION'").param(account.id)
                .query(String.class).single();
    }

    private void sentBefore(Situation account, String to, LocalDate day) {
        outreach.restoreOnce(new org.lodestar.outreach.OutreachMessage(0, account.id, null, "re-engagement",
                org.lodestar.outreach.Channel.EMAIL, to, "Checking in", "Hello", org.lodestar.outreach.OutreachMessage.Status.SENT,
                null, "success@lodestar.test", day.atTime(9, 0).toInstant(java.time.ZoneOffset.UTC)), 1);
    }
}
