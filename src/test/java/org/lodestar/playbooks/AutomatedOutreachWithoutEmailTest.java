package org.lodestar.playbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lodestar.Situation.anAccount;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.FormSession;
import org.lodestar.LodestarTest;
import org.lodestar.Situation;
import org.lodestar.TestClock;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.lodestar.signals.Signals;
import org.lodestar.tasks.TaskFilter;
import org.lodestar.tasks.TaskStatus;
import org.lodestar.tasks.Tasks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * With a mail server that does not answer (nothing listens on its port), automated outreach waits: nothing is sent,
 * nothing lands on a CSM's Today, and the leaders' Team page says how much waits and why.
 */
@LodestarTest
@Import(TestClock.Config.class)
@TestPropertySource(properties = { "lodestar.health.live=false", "lodestar.playbooks.automated-outreach-delay=PT10M",
        "spring.mail.host=127.0.0.1", "spring.mail.port=" + AutomatedOutreachWithoutEmailTest.CLOSED_PORT,
        "spring.mail.properties.mail.smtp.connectiontimeout=2000" })
class AutomatedOutreachWithoutEmailTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 30);
    static final String CSM = "noor.csm@lodestar.test";
    /** A port nothing listens on (the discard port, closed on test machines). */
    static final int CLOSED_PORT = 9;

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
    AutomatedOutreach automated;
    @Autowired
    TestClock clock;

    @Test
    void dueOutreachWaitsForAMailServerAndTeamSaysSo() {
        clock.setDay(TODAY);
        book.empty();
        book.tokenFor(CSM, Role.CSM, TokenScope.READ);
        ApiClient api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        Situation account = anAccount(api, jdbc, TODAY, "QUIETMAIL", CSM, "mature").withContract(100, 250, 10, "9000")
                .withHealth("50.0", "red").withUsage(30, 20, 0).withUsage(30, 25, 30).withContact("champion", null);
        jdbc.sql("update account set coverage_model = 'DIGITAL' where id = ?").param(account.id).update();
        Actors.runAs(Actor.system(), () -> signals.evaluate(null));
        clock.setDay(TODAY.plusDays(3));

        assertThat(automated.sendDue()).isEqualTo(new AutomatedOutreach.Pass(0, 0));
        assertThat(tasks.find(new TaskFilter(null, account.id, null, TaskStatus.OPEN, 10)))
                .singleElement().satisfies(t -> assertThat(t.automated()).as("still Lodestar's to send").isTrue());
        assertThat(automated.waiting().messages()).isEqualTo(1);
        assertThat(automated.waiting().reason()).contains("did not take the message");
        FormSession leader = new FormSession(port);
        leader.signIn(LodestarTest.ADMIN_EMAIL, LodestarTest.ADMIN_PASSWORD);
        assertThat(leader.send("GET", "/team", Map.of()).body())
                .contains("1 automated outreach message is due but waiting: The mail server");
    }
}
