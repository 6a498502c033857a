package org.lodestar.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A change to an account is stored with what it asks for: in its own transaction the account is marked
 * due and a rescore event is stored, so {@link HealthScores#stale()} sees it at once; the rescore follows
 * after the commit, clears the mark and stores one {@link ScoresRecomputed} for what reads scores.
 * Rescores are held back a second here, so the moment between change and rescore can be looked at.
 */
@LodestarTest
@Import({ TestClock.Config.class, DurableFreshnessTest.Recorder.class })
@TestPropertySource(properties = "lodestar.health.test-rescore-delay=PT1S")
class DurableFreshnessTest {

    /** Every {@link ScoresRecomputed} published, as signals would receive them, and every {@link RescoreDue}. */
    @TestConfiguration
    static class Recorder {
        final List<ScoresRecomputed> events = new CopyOnWriteArrayList<>();
        final List<RescoreDue> rescoresDue = new CopyOnWriteArrayList<>();

        @EventListener
        void on(ScoresRecomputed event) {
            events.add(event);
        }

        @EventListener
        void on(RescoreDue event) {
            rescoresDue.add(event);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    HealthScores scores;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JdbcTemplate template;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    Recorder recorder;
    @Autowired
    MeterRegistry meters;
    ApiClient api;

    @BeforeEach
    void setUp() {
        book.empty();
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
    }

    @Test
    void aChangeIsMarkedInItsTransactionAndRescoredOnceAfterIt() throws InterruptedException {
        long id = api.post("/api/accounts", "{\"externalId\":\"DUE\",\"name\":\"Due\",\"stage\":\"adoption\"}").json()
                .get("id").asLong();
        await("the new account scored and nothing due", () -> scored(id) && due(id) == 0);
        assertThat(scores.stale()).isFalse();
        recorder.events.clear();

        assertThat(api.post("/api/accounts/" + id + "/tickets", "{\"externalId\":\"DUE-1\",\"subject\":\"Down\","
                + "\"priority\":\"urgent\"}").status()).isEqualTo(201);
        // Committed with the ticket: the mark and the stored event; the score is not redone yet.
        assertThat(due(id)).isEqualTo(1);
        assertThat(jdbc.sql("select changed_support, changed_usage, changed_account from health_rescore_due where account_id = ?")
                .param(id).query((rs, n) -> List.of(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3))).single())
                .as("the mark says what changed (a ticket), so the rescore reads the support facts again").containsExactly(true,
                        false, false);
        assertThat(scores.stale()).as("stale while an account's inputs are newer than its score").isTrue();
        assertThat(meters.get("lodestar.health.rescore.due").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("lodestar.events.incomplete").gauge().value()).isPositive();
        assertThat(jdbc.sql("select count(*) from event_publication where completion_date is null and listener_id like ?")
                .param("%HealthFreshness%RescoreDue%").query(Long.class).single()).isPositive();

        await("the ticket rescored", () -> due(id) == 0 && !recorder.events.isEmpty());
        assertThat(scores.stale()).isFalse();
        assertThat(recorder.events).as("one rescore for one change").hasSize(1);
        assertThat(recorder.events.getFirst().accountIds()).containsExactly(id);
    }

    /**
     * Marks are appended: two changes to one account before its pass are two rows, which the pass reads together (what
     * changed in either) and deletes, with one rescore of the account.
     */
    @Test
    void twoMarksOfOneAccountAreOneRescore() throws InterruptedException {
        long id = api.post("/api/accounts", "{\"externalId\":\"TWICE\",\"name\":\"Twice\",\"stage\":\"adoption\"}").json()
                .get("id").asLong();
        await("the new account scored and nothing due", () -> scored(id) && due(id) == 0);
        recorder.events.clear();
        Timestamp now = Timestamp.from(Instant.now());
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("insert into health_rescore_due (account_id, changed_at, changed_support) values (?, ?, true)")
                    .params(id, now).update();
            jdbc.sql("insert into health_rescore_due (account_id, changed_at, changed_usage, usage_from) values (?, ?, true, ?)")
                    .params(id, now, java.time.LocalDate.now(java.time.ZoneOffset.UTC)).update();
            events.publishEvent(new RescoreDue(UUID.randomUUID()));
        });
        assertThat(due(id)).isEqualTo(2);
        await("both marks cleared", () -> due(id) == 0 && !recorder.events.isEmpty());
        assertThat(recorder.events).as("one rescore for both marks").hasSize(1);
        assertThat(recorder.events.getFirst().accountIds()).containsExactly(id);
    }

    /**
     * Under steady ingestion thousands of accounts are due at once. A pass that has to read the whole book's
     * inputs for them rescores all of them: leaving some for another event costs another whole-book read, and
     * with a cap of 5,000 the passes fell behind 5,000 tracked events a second (a change then waited 40 s and more).
     */
    @Test
    void sixThousandAccountsDueAreRescoredByOneEvent() throws InterruptedException {
        Timestamp now = Timestamp.from(Instant.now());
        template.batchUpdate("insert into account (external_id, name, lifecycle_stage, coverage_model, segment, created_at, "
                + "updated_at) values (?, ?, 'ADOPTION', 'TECH_TOUCH', 'smb', ?, ?)", IntStream.rangeClosed(1, 6_000)
                        .mapToObj(n -> new Object[] { "MANY-" + n, "Many " + n, now, now }).toList());
        recorder.events.clear();
        recorder.rescoresDue.clear();
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("insert into health_rescore_due (account_id, changed_at, changed_usage) "
                    + "select id, ?, true from account where external_id like 'MANY-%'").param(now).update();
            events.publishEvent(new RescoreDue(UUID.randomUUID()));
        });
        assertThat(jdbc.sql("select count(*) from health_rescore_due").query(Long.class).single()).isEqualTo(6_000);

        await("the 6,000 accounts rescored", () -> jdbc.sql("select count(*) from health_rescore_due").query(Long.class)
                .single() == 0 && recorder.events.stream().mapToInt(e -> e.accountIds().size()).sum() == 6_000);
        assertThat(jdbc.sql("select count(*) from account_health h join account a on a.id = h.account_id "
                + "where a.external_id like 'MANY-%'").query(Long.class).single()).isEqualTo(6_000);
        assertThat(recorder.rescoresDue).as("the event published with the marks, no other chained after it").hasSize(1);
        assertThat(recorder.events).as("one pass: one ScoresRecomputed of the 6,000").hasSize(1);
    }

    /** Whether the account has its health stored: a score, or none for want of data (an account with no data yet). */
    private boolean scored(long id) {
        return jdbc.sql("select count(*) from account_health where account_id = ?").param(id).query(Long.class).single() == 1;
    }

    private long due(long id) {
        return jdbc.sql("select count(*) from health_rescore_due where account_id = ?").param(id).query(Long.class).single();
    }

    /** Rescoring follows commits in the background: polls, with a bound. */
    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within 20 seconds");
            }
            Thread.sleep(50);
        }
    }
}
