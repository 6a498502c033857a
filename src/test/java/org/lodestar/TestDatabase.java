package org.lodestar;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The database a test run uses: an in-memory H2 in PostgreSQL mode by default, or, when the build
 * runs the suite against PostgreSQL ({@code -Dlodestar.test.database=postgresql}), a fresh database
 * created on the server named by {@code lodestar.test.postgres.url} and dropped when the run ends.
 */
public final class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** How long the database outlives the test JVM's last test at most, waiting for the test contexts to close. */
    private static final Duration CLOSING_BOUND = Duration.ofSeconds(20);

    private static String url;
    /** The test contexts on the PostgreSQL database: it is dropped once they have closed. */
    private static final Set<ConfigurableApplicationContext> contexts = ConcurrentHashMap.newKeySet();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of("spring.datasource.url=" + url()).applyTo(context);
        if (postgres()) {
            contexts.add(context);
            // Test contexts stay cached with their pools; one held connection each (more only while a test needs them)
            // keeps a run of forty contexts within PostgreSQL's hundred connections. (Not on H2: an in-memory database
            // whose pool retires its last connection is gone.)
            TestPropertyValues.of("spring.datasource.hikari.minimum-idle=1", "spring.datasource.hikari.idle-timeout=10000")
                    .applyTo(context);
        }
    }

    public static boolean postgres() {
        return "postgresql".equals(System.getProperty("lodestar.test.database"));
    }

    /** The server to create test databases on, or null when none is configured. */
    public static String serverUrl() {
        String configured = System.getProperty("lodestar.test.postgres.url",
                System.getenv("LODESTAR_TEST_POSTGRES_URL"));
        return configured == null || configured.isBlank() || configured.startsWith("${") ? null : configured;
    }

    /**
     * The test database's URL, made once a JVM: every application context of a test JVM (the contexts Spring caches,
     * one per distinct test configuration) uses this one database, not one of its own. SeededDemoBook relies on it: the
     * demo book one context generated is reused by the next, checked by a fingerprint of the book's rows.
     */
    public static synchronized String url() {
        if (url == null) {
            url = postgres() ? createPostgresDatabase()
                    : "jdbc:h2:mem:lodestar-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        }
        return url;
    }

    private static String createPostgresDatabase() {
        String server = serverUrl();
        String name = "lodestar_test_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
                + "_" + ProcessHandle.current().pid();
        try (Connection connection = DriverManager.getConnection(server);
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database on " + server + ": " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            awaitContextsClosed();
            drop(server, name);
        }));
        return server.replaceFirst("(jdbc:postgresql://[^/?]+)/[^?]*", "$1/" + name);
    }

    /**
     * Spring closes the test contexts in a shutdown hook of its own, which runs beside this one. Dropped under them, the
     * database took their connections while they were closing, and their pools kept asking a database that was gone
     * until Surefire killed the test JVM 30 s later.
     */
    private static void awaitContextsClosed() {
        long deadline = System.nanoTime() + CLOSING_BOUND.toNanos();
        while (contexts.stream().anyMatch(ConfigurableApplicationContext::isActive) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void drop(String server, String name) {
        try (Connection connection = DriverManager.getConnection(server);
                Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + name + ": " + e.getMessage());
        }
    }
}
