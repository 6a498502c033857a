package org.lodestar.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.rudderstack.sdk.java.analytics.RudderAnalytics;
import com.segment.analytics.Analytics;

/**
 * Segment's own Java client and RudderStack's Java SDK, pointed at a running Lodestar, deliver
 * identify, group and track calls, and every call lands on the right account.
 */
@LodestarTest
class RealClientsTest {

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    WriteKeys writeKeys;
    @Autowired
    UsageRollups rollups;
    @Autowired
    JdbcClient jdbc;
    String writeKey;
    long acme;
    long bolt;

    @BeforeEach
    void setUp() {
        book.empty();
        ApiClient api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        acme = api.post("/api/accounts", "{\"externalId\":\"ACME\",\"name\":\"Acme\",\"productGroupId\":\"ws-acme\"}")
                .json().get("id").asLong();
        bolt = api.post("/api/accounts", "{\"externalId\":\"BOLT\",\"name\":\"Bolt\",\"productGroupId\":\"ws-bolt\"}")
                .json().get("id").asLong();
        writeKey = Actors.runAs(Actor.system(), () -> writeKeys.create("client libraries").secret());
    }

    @Test
    void segmentsJavaClientDeliversEveryCallToTheRightAccount() throws Exception {
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Analytics analytics = Analytics.builder(writeKey).endpoint("http://localhost:" + port)
                .flushQueueSize(20).flushInterval(1, TimeUnit.SECONDS)
                .callback(new com.segment.analytics.Callback() {
                    @Override
                    public void success(com.segment.analytics.messages.Message message) {
                    }

                    @Override
                    public void failure(com.segment.analytics.messages.Message message, Throwable cause) {
                        failures.add(message.messageId() + ": " + cause);
                    }
                }).build();
        analytics.enqueue(com.segment.analytics.messages.IdentifyMessage.builder().userId("seg-ann")
                .traits(Map.of("email", "ann@acme.test")));
        analytics.enqueue(com.segment.analytics.messages.GroupMessage.builder("ws-acme").userId("seg-ann"));
        analytics.enqueue(com.segment.analytics.messages.GroupMessage.builder("ws-bolt").userId("seg-bob"));
        for (int i = 0; i < 30; i++) {
            analytics.enqueue(com.segment.analytics.messages.TrackMessage.builder("Report Viewed")
                    .userId(i % 3 == 0 ? "seg-bob" : "seg-ann").properties(Map.of("module", "analytics", "n", i)));
        }
        analytics.flush();
        analytics.shutdown();

        waitFor(() -> events("seg-%") == 33, failures);
        assertThat(failures).isEmpty();
        assertThat(accountsOf("seg-ann")).containsOnly(acme);
        assertThat(accountsOf("seg-bob")).containsOnly(bolt);
        rollups.drain();
        assertThat(featureEvents(acme)).isEqualTo(20);
        assertThat(featureEvents(bolt)).isEqualTo(10);
    }

    @Test
    void rudderStacksJavaSdkDeliversGzippedBatchesToTheRightAccount() throws Exception {
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        RudderAnalytics analytics = RudderAnalytics.builder(writeKey).setDataPlaneUrl("http://localhost:" + port)
                .setGZIP(true).flushQueueSize(20).flushInterval(1, TimeUnit.SECONDS)
                .callback(new com.rudderstack.sdk.java.analytics.Callback() {
                    @Override
                    public void success(com.rudderstack.sdk.java.analytics.messages.Message message) {
                    }

                    @Override
                    public void failure(com.rudderstack.sdk.java.analytics.messages.Message message, Throwable cause) {
                        failures.add(message.messageId() + ": " + cause);
                    }
                }).build();
        analytics.enqueue(com.rudderstack.sdk.java.analytics.messages.IdentifyMessage.builder().userId("rud-cy")
                .traits(Map.of("email", "cy@bolt.test")));
        analytics.enqueue(com.rudderstack.sdk.java.analytics.messages.GroupMessage.builder("ws-bolt").userId("rud-cy"));
        for (int i = 0; i < 25; i++) {
            analytics.enqueue(com.rudderstack.sdk.java.analytics.messages.TrackMessage.builder("Workflow Run")
                    .userId("rud-cy").properties(Map.of("module", "automation")));
        }
        analytics.flush();
        analytics.shutdown();

        waitFor(() -> events("rud-%") == 27, failures);
        assertThat(failures).isEmpty();
        assertThat(accountsOf("rud-cy")).containsOnly(bolt);
        rollups.drain();
        assertThat(featureEvents(bolt)).isEqualTo(25);
    }

    private long events(String users) {
        return jdbc.sql("select count(*) from tracked_event where user_key like ?").param(users).query(Long.class)
                .single();
    }

    private List<Long> accountsOf(String user) {
        return jdbc.sql("select distinct account_id from tracked_event where user_key = ?").param(user)
                .query(Long.class).list();
    }

    private long featureEvents(long account) {
        return jdbc.sql("select coalesce(sum(events), 0) from usage_feature_day where account_id = ?").param(account)
                .query(Long.class).single();
    }

    private static void waitFor(BooleanSupplier condition, Object failures) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as("the calls arrived within 20 seconds; the client reported " + failures).isTrue();
    }
}
