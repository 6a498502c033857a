package org.lodestar.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.UncategorizedSQLException;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * A background pass that meets a lock held by a long transaction (an import's) logs one WARN line, not a stack
 * trace; anything else is still an ERROR with its trace. The lock timeout is a real one of H2's.
 */
class BusyDatabaseTest {

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(BusyDatabase.class);

    @BeforeEach
    void listen() {
        logged.start();
        logger.addAppender(logged);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logged);
        logger.setLevel(null);
    }

    @Test
    void aLockTimeoutIsOneWarningWithoutAStackTrace() throws SQLException {
        RuntimeException timedOut = lockTimeoutOfH2();
        assertThat(BusyDatabase.busy(timedOut)).isTrue();

        BusyDatabase.scheduledPasses().handleError(timedOut);

        assertThat(logged.list).hasSize(1);
        ILoggingEvent line = logged.list.getFirst();
        assertThat(line.getLevel()).isEqualTo(Level.WARN);
        assertThat(line.getThrowableProxy()).isNull();
        assertThat(line.getFormattedMessage()).startsWith("cluster.BusyDatabaseTest.lockTimeoutOfH2: the database is busy")
                .contains("Timeout trying to lock table").endsWith("runs again on its next turn");
    }

    @Test
    void anyOtherFailureKeepsItsStackTrace() {
        UncategorizedSQLException broken = new UncategorizedSQLException("pass", "select nonsense",
                new SQLException("Syntax error in SQL statement", "42001"));
        assertThat(BusyDatabase.busy(broken)).isFalse();

        BusyDatabase.scheduledPasses().handleError(broken);

        assertThat(logged.list).hasSize(1);
        assertThat(logged.list.getFirst().getLevel()).isEqualTo(Level.ERROR);
        assertThat(logged.list.getFirst().getThrowableProxy()).isNotNull();
    }

    /** One connection holds a row lock in an open transaction; the other waits 100 ms for it and gives up. */
    private static RuntimeException lockTimeoutOfH2() throws SQLException {
        String url = "jdbc:h2:mem:busy-database;LOCK_TIMEOUT=100;DB_CLOSE_DELAY=-1";
        try (Connection importing = DriverManager.getConnection(url); Connection pass = DriverManager.getConnection(url)) {
            try (Statement setup = importing.createStatement()) {
                setup.execute("create table if not exists usage_rollup (account_id bigint primary key, events bigint)");
                setup.execute("merge into usage_rollup key (account_id) values (1, 0)");
            }
            importing.setAutoCommit(false);
            try (Statement held = importing.createStatement()) {
                held.executeUpdate("update usage_rollup set events = events + 1 where account_id = 1");
            }
            Throwable failure = catchThrowable(() -> {
                try (Statement waiting = pass.createStatement()) {
                    waiting.executeUpdate("update usage_rollup set events = events + 1 where account_id = 1");
                }
            });
            importing.rollback();
            assertThat(failure).isInstanceOf(SQLException.class);
            return new UncategorizedSQLException("rollup pass", "update usage_rollup", (SQLException) failure);
        }
    }
}
