package org.lodestar.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.lodestar.LodestarTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Queue tables stay lean on PostgreSQL: once a registered table holds more dead rows than the threshold and than live
 * ones, it is vacuumed and its dead rows are gone; below the threshold it is left alone. On H2 there is nothing to do.
 */
@LodestarTest
class QueueTablesTest {

    @Autowired
    QueueTables queues;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void aQueueTableFullOfDeadRowsIsVacuumedAndOneWithFewIsLeftAlone() throws InterruptedException {
        if (!Databases.isPostgres(dataSource)) {
            assertThat(queues.vacuum(0)).isEmpty();
            return;
        }
        // The usage worker registered its batches; 500 stored and removed are 500 dead rows.
        for (int i = 0; i < 500; i++) {
            jdbc.sql("insert into ingest_batch (received_at) values (?)").param(Timestamp.from(Instant.now())).update();
        }
        jdbc.sql("delete from ingest_batch").update();
        long dead = awaitDeadRows(500);
        assertThat(dead).isGreaterThanOrEqualTo(500);

        assertThat(queues.vacuum(dead + 1_000_000)).doesNotContain("ingest_batch");
        assertThat(queues.vacuum(500)).contains("ingest_batch");
        assertThat(deadRows()).isLessThan(500);
    }

    @Test
    void onlyTableNamesAreRegistered() {
        assertThatThrownBy(() -> queues.register("ingest_batch; drop table account"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ingest_batch; drop table account");
    }

    /** Dead rows as the statistics see them: a backend reports its counts moments after its transaction. */
    private long awaitDeadRows(long atLeast) throws InterruptedException {
        long dead = deadRows();
        for (int i = 0; i < 100 && dead < atLeast; i++) {
            Thread.sleep(100);
            dead = deadRows();
        }
        return dead;
    }

    private long deadRows() {
        return jdbc.sql("select coalesce(max(n_dead_tup), 0) from pg_stat_user_tables where relname = 'ingest_batch'")
                .query(Long.class).single();
    }
}
