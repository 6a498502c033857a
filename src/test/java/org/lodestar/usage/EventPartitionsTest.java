package org.lodestar.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.errors.InvalidInput;
import org.lodestar.infrastructure.Databases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The event log by month on PostgreSQL: an event lands in its month's partition, a day no month holds in the default
 * one, a retried call is still refused, the coming months are made ahead, and old months detach. On H2 it is one table.
 */
@LodestarTest
class EventPartitionsTest {

    @Autowired
    EventPartitions partitions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    Book book;

    long account;

    @BeforeEach
    void setUp() {
        book.empty();
        jdbc.sql("insert into account (external_id, name, lifecycle_stage, coverage_model, segment, created_at, updated_at) values "
                + "('PART', 'Partitioned', 'ADOPTION', 'TECH_TOUCH', 'smb', current_timestamp, current_timestamp)").update();
        account = jdbc.sql("select id from account where external_id = 'PART'").query(Long.class).single();
    }

    private void store(String messageId, LocalDate day) {
        jdbc.sql("insert into tracked_event (batch_id, write_key_id, message_id, type, user_key, account_id, on_date, occurred_at, "
                + "received_at, payload) values (1, 1, ?, 'track', 'u1', ?, ?, ?, ?, '{}')").params(messageId, account, day,
                        Timestamp.valueOf(day.atTime(12, 0)), Timestamp.valueOf(day.atTime(12, 0))).update();
    }

    private String partitionOf(String messageId) {
        return jdbc.sql("select tableoid::regclass::text from tracked_event where message_id = ?").param(messageId)
                .query(String.class).single();
    }

    @Test
    void onPostgreSqlAnEventLandsInItsMonthAndARetryIsStillRefused() {
        assumeTrue(Databases.isPostgres(dataSource), "the event log is partitioned on PostgreSQL only");
        LocalDate today = partitions.today();
        YearMonth month = YearMonth.from(today);
        assertThat(partitions.list()).extracting(EventPartitions.Partition::month)
                .contains(month, month.plusMonths(1), month.plusMonths(2), month.plusMonths(3)).last().isNull();

        store("m-today", today);
        assertThat(partitionOf("m-today")).isEqualTo(EventPartitions.table(month));
        assertThatThrownBy(() -> store("m-today", today)).isInstanceOf(DuplicateKeyException.class);
        store("m-far", today.plusMonths(7));
        assertThat(partitionOf("m-far")).isEqualTo("tracked_event_default");

        // A month whose events already sit in the default partition is not made (they stay readable there).
        assertThat(partitions.ensureAhead(today.plusMonths(7))).doesNotContain(EventPartitions.table(month.plusMonths(7)))
                .contains(EventPartitions.table(month.plusMonths(8)));
        assertThat(partitionOf("m-far")).isEqualTo("tracked_event_default");
    }

    @Test
    void onPostgreSqlOldMonthsDetachAndThisMonthStays() {
        assumeTrue(Databases.isPostgres(dataSource), "the event log is partitioned on PostgreSQL only");
        LocalDate today = partitions.today();
        YearMonth month = YearMonth.from(today);
        String old = EventPartitions.table(month.minusMonths(14));
        jdbc.sql("create table if not exists " + old + " partition of tracked_event for values from ('"
                + month.minusMonths(14).atDay(1) + "') to ('" + month.minusMonths(13).atDay(1) + "')").update();
        store("m-old", month.minusMonths(14).atDay(3));
        assertThat(partitionOf("m-old")).isEqualTo(old);

        assertThatThrownBy(() -> partitions.detachBefore(month.plusMonths(1))).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("expected a month up to this one");
        assertThat(partitions.detachBefore(month.minusMonths(13))).containsExactly(old);

        assertThat(jdbc.sql("select count(*) from tracked_event where message_id = 'm-old'").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from " + old).query(Long.class).single()).as("kept outside the log").isEqualTo(1);
        assertThat(partitions.list()).extracting(EventPartitions.Partition::month).contains(month);
        jdbc.sql("drop table " + old).update();
    }

    @Test
    void onTheEmbeddedDatabaseTheLogIsOneTable() {
        assumeFalse(Databases.isPostgres(dataSource), "the embedded database's case");
        assertThat(partitions.partitioned()).isFalse();
        assertThat(partitions.list()).isEmpty();
        assertThat(partitions.ensureAhead(partitions.today())).isEmpty();
        assertThatThrownBy(() -> partitions.detachBefore(YearMonth.from(partitions.today())))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("partitioned on PostgreSQL only");
    }
}
