package org.lodestar.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lodestar.ApiClient;
import org.lodestar.DatabaseAvailable;
import org.lodestar.LodestarProcess;
import org.lodestar.TestDatabase;

/**
 * Durability: clients stream batches into a Lodestar server process that is killed with SIGKILL
 * mid-stream. After a restart every acknowledged call is there exactly once, and resending
 * everything (as clients retry) adds each missing call once and duplicates nothing.
 */
@Tag("slow")
@ExtendWith(DatabaseAvailable.class)
class KilledServerTest {

    private static final String ADMIN_TOKEN = "lsk_admin_token_for_the_killed_server_test";
    private static final int CLIENTS = 4;
    private static final int BATCH = 100;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process server;
    private String databaseUrl;
    private String dropDatabase;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroyForcibly().waitFor();
        }
        if (dropDatabase != null) {
            try (Connection connection = DriverManager.getConnection(TestDatabase.serverUrl());
                    Statement statement = connection.createStatement()) {
                statement.execute("drop database if exists " + dropDatabase + " with (force)");
            }
        }
    }

    @Test
    void everyAcknowledgedCallSurvivesAKillExactlyOnce() throws Exception {
        databaseUrl = database();
        int port = freePort();
        server = start(port);
        ApiClient admin = new ApiClient(port, ADMIN_TOKEN);
        admin.post("/api/accounts", "{\"externalId\":\"ACME\",\"name\":\"Acme\",\"productGroupId\":\"ws-acme\"}");
        String writeKey = admin.post("/api/write-keys", "{\"name\":\"stream\"}").json().get("secret").asString();

        Map<String, String> sent = new ConcurrentHashMap<>();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean streaming = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(Thread.ofPlatform().start(() -> {
                for (int b = 0; streaming.get(); b++) {
                    String id = "c" + client + "-b" + b;
                    String body = batch(id);
                    sent.put(id, body);
                    try {
                        if (post(port, writeKey, body) == 200) {
                            acknowledged.add(id);
                        }
                    } catch (IOException e) {
                        return; // the server is gone
                    }
                }
            }));
        }
        Instant deadline = Instant.now().plusSeconds(30);
        while (acknowledged.size() < 40 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        server.destroyForcibly().waitFor(); // SIGKILL on Linux
        streaming.set(false);
        for (Thread client : clients) {
            client.join();
        }
        assertThat(acknowledged).as("batches acknowledged before the kill").hasSizeGreaterThanOrEqualTo(40);

        server = start(port);
        Map<String, Integer> afterKill = storedPerBatch();
        for (String batch : acknowledged) {
            assertThat(afterKill.get(batch)).as("calls of acknowledged batch " + batch).isEqualTo(BATCH);
        }
        for (Map.Entry<String, String> batch : sent.entrySet()) {
            assertThat(post(port, writeKey, batch.getValue())).isEqualTo(200);
        }
        Map<String, Integer> afterRetry = storedPerBatch();
        assertThat(afterRetry.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
        assertThat(afterRetry.values()).containsOnly(BATCH);
        assertThat(duplicates()).isZero();
    }

    private static String batch(String id) {
        StringBuilder body = new StringBuilder("{\"context\":{\"groupId\":\"ws-acme\"},\"batch\":[");
        for (int i = 0; i < BATCH; i++) {
            body.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"event\":\"Saved\",\"userId\":\"u").append(i % 7)
                    .append("\",\"messageId\":\"").append(id).append("-").append(i).append("\"}");
        }
        return body.append("]}").toString();
    }

    private int post(int port, String writeKey, String body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/batch"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((writeKey + ":").getBytes()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Stored calls per batch id (message ids are batch id, dash, index). */
    private Map<String, Integer> storedPerBatch() throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(databaseUrl);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select message_id from tracked_event")) {
            while (rows.next()) {
                String id = rows.getString(1);
                counts.merge(id.substring(0, id.lastIndexOf('-')), 1, Integer::sum);
            }
        }
        return counts;
    }

    private long duplicates() throws SQLException {
        try (Connection connection = DriverManager.getConnection(databaseUrl);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from (select message_id from tracked_event "
                        + "group by message_id having count(*) > 1) d")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private String database() throws Exception {
        if (TestDatabase.postgres()) {
            dropDatabase = "lodestar_kill_" + ProcessHandle.current().pid();
            try (Connection connection = DriverManager.getConnection(TestDatabase.serverUrl());
                    Statement statement = connection.createStatement()) {
                statement.execute("drop database if exists " + dropDatabase + " with (force)");
                statement.execute("create database " + dropDatabase);
            }
            return TestDatabase.serverUrl().replaceFirst("(jdbc:postgresql://[^/?]+)/[^?]*", "$1/" + dropDatabase);
        }
        Path folder = Files.createTempDirectory("lodestar-kill");
        return "jdbc:h2:file:" + folder.resolve("lodestar")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE;WRITE_DELAY=0";
    }

    private Process start(int port) throws Exception {
        List<String> command = LodestarProcess.java();
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.lodestar.cli.LodestarCommand", "serve",
                "--port", String.valueOf(port), "--db-url", databaseUrl));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(File.createTempFile("lodestar-kill", ".log"));
        builder.environment().put("LODESTAR_ADMIN_TOKEN", ADMIN_TOKEN);
        builder.environment().put("LODESTAR_ADMIN_PASSWORD", "killed-server-test-password");
        Process process = builder.start();
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Lodestar exited with " + process.exitValue());
            }
            try {
                HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build();
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return process;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Lodestar did not start within 90 seconds");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
