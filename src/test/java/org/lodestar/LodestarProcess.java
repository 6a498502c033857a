package org.lodestar;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Lodestar server started as a separate process ({@code serve}) on a database of the test's own, for
 * tests that kill it or run two of them: a fresh PostgreSQL database in the PostgreSQL run, else an H2
 * file. {@link #kill()} is SIGKILL on Linux.
 */
public final class LodestarProcess {

    public static final String ADMIN_TOKEN = "lsk_admin_token_for_server_process_tests";

    /**
     * The start of a command line for a server or tool a test runs in a JVM of its own: this JVM's java with options
     * for a process that lives seconds. The quick compiler alone and the serial collector start Lodestar about a
     * quarter sooner on a small machine; nothing such a test checks depends on either.
     */
    public static List<String> java() {
        return new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC"));
    }

    private final Process process;
    private final int port;
    private final Path log;

    private LodestarProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public int port() {
        return port;
    }

    public ApiClient api() {
        return new ApiClient(port, ADMIN_TOKEN);
    }

    public Path log() {
        return log;
    }

    /** SIGKILL: no shutdown hook, no graceful stop. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Starts a server on {@code databaseUrl} with these system properties and waits until it answers its health check. */
    public static LodestarProcess start(String databaseUrl, Map<String, String> properties) throws Exception {
        int port = freePort();
        List<String> command = java();
        command.add("-Xmx1g");
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.lodestar.cli.LodestarCommand", "serve",
                "--port", String.valueOf(port), "--db-url", databaseUrl));
        Path log = Files.createTempFile("lodestar-process", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("LODESTAR_ADMIN_TOKEN", ADMIN_TOKEN);
        builder.environment().put("LODESTAR_ADMIN_PASSWORD", "server-process-test-password");
        Process process = builder.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Lodestar exited with " + process.exitValue() + "; log: " + log + "\n"
                        + tail(log));
            }
            try {
                HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build();
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return new LodestarProcess(process, port, log);
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(200);
        }
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("Lodestar did not start within 120 seconds; log: " + log + "\n" + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** A database for one test: {@code name} on the PostgreSQL server in the PostgreSQL run, else an H2 file. */
    public static String database(String name) throws Exception {
        if (TestDatabase.postgres()) {
            try (Connection connection = DriverManager.getConnection(TestDatabase.serverUrl());
                    Statement statement = connection.createStatement()) {
                statement.execute("drop database if exists " + name + " with (force)");
                statement.execute("create database " + name);
            }
            return TestDatabase.serverUrl().replaceFirst("(jdbc:postgresql://[^/?]+)/[^?]*", "$1/" + name);
        }
        Path folder = Files.createTempDirectory(name);
        return "jdbc:h2:file:" + folder.resolve("lodestar")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE;WRITE_DELAY=0";
    }

    /** Drops a database {@link #database} made on PostgreSQL. */
    public static void dropDatabase(String name) throws Exception {
        if (TestDatabase.postgres()) {
            try (Connection connection = DriverManager.getConnection(TestDatabase.serverUrl());
                    Statement statement = connection.createStatement()) {
                statement.execute("drop database if exists " + name + " with (force)");
            }
        }
    }

    /** The single number a query over the process's database answers (a count, a sum). */
    public static long count(String databaseUrl, String sql) throws java.sql.SQLException {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(databaseUrl);
                java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** One measure of a health answer ({@code GET /api/accounts/{id}/health}) by its key. */
    public static tools.jackson.databind.JsonNode measure(tools.jackson.databind.JsonNode health, String key) {
        for (tools.jackson.databind.JsonNode m : health.get("measures")) {
            if (m.get("key").asString().equals(key)) {
                return m;
            }
        }
        throw new AssertionError("no measure " + key + " in " + health);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
