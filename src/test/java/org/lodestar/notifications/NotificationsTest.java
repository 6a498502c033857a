package org.lodestar.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lodestar.Situation.anAccount;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.SmtpServer;
import org.lodestar.TestClock;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.lodestar.people.Users;
import org.lodestar.signals.Signals;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.sun.net.httpserver.HttpServer;

import jakarta.mail.internet.MimeMessage;

/**
 * The daily digest arrives at a real SMTP server (GreenMail) once a day at the CSM's hour, with their Today and what
 * changed; a high-severity signal is posted to a local Slack webhook, the team's or the CSM's own; both can be turned off.
 */
@LodestarTest
@Import(TestClock.Config.class)
@TestPropertySource(properties = { "lodestar.health.live=false", "lodestar.playbooks.automated-coverage=",
        "lodestar.notifications.digest-cron=-", "lodestar.base-url=https://lodestar.example.com" })
class NotificationsTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 30);
    static final String CSM = "ines.csm@lodestar.test";
    private static final List<String> TEAM = new CopyOnWriteArrayList<>();
    private static final List<String> OWN = new CopyOnWriteArrayList<>();
    private static final HttpServer SLACK = slack();

    @RegisterExtension
    static SmtpServer mail = SmtpServer.onFreePort();

    @DynamicPropertySource
    static void channels(DynamicPropertyRegistry registry) {
        mail.register(registry, "success@lodestar.test");
        registry.add("lodestar.outreach.slack-webhook-url", () -> "http://127.0.0.1:" + SLACK.getAddress().getPort() + "/team");
        // Slack's own address stays allowed beside the local one.
        registry.add("lodestar.notifications.webhook-urls",
                () -> "https://hooks.slack.com/, http://127.0.0.1:" + SLACK.getAddress().getPort() + "/");
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
    Notifications notifications;
    @Autowired
    Users users;
    @Autowired
    TestClock clock;
    ApiClient api;
    ApiClient csm;

    @BeforeEach
    void setUp() {
        clock.setDay(TODAY);
        book.empty();
        csm = new ApiClient(port, book.tokenFor(CSM, Role.CSM, TokenScope.WRITE));
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        TEAM.clear();
        OWN.clear();
    }

    @AfterAll
    static void stopSlack() {
        SLACK.stop(0);
    }

    @Test
    void theDigestArrivesOnceADayAtTheCsmsHourWithTheirTodayAndWhatChanged() throws Exception {
        anAccount(api, jdbc, TODAY, "RED", CSM, "mature").withContract(325, 200, 50, "120000").withHealth("45.0", "red");
        Actors.runAs(Actor.system(), () -> signals.evaluate(null));
        long me = users.findByEmail(CSM).orElseThrow().id();

        // 09:00 UTC: the default hour (07) has passed, so today's is due.
        assertThat(notifications.sendDueDigests()).isEqualTo(1);
        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo(CSM);
        assertThat(received[0].getSubject()).isEqualTo("Your day in Lodestar: 1 account, 3 tasks on " + TODAY);
        String body = ((String) received[0].getContent()).replace("\r\n", "\n");
        assertThat(body).contains("1. RED (red, 120,000 ARR").contains("Review the health score and what moved it")
                .contains("Signals fired:").contains("RED: Health is 45 (red), below 60. (high)")
                .contains("Plays started:").contains("RED: at-risk-outreach")
                .contains("https://lodestar.example.com/today");
        assertThat(notifications.sendDueDigests()).as("once a day").isZero();

        // The next day: nothing changed since; a later hour is not due yet at 09:00, then the digest is off.
        clock.setDay(TODAY.plusDays(1));
        assertThat(csm.put("/api/me/notifications", "{\"digestHour\":18}").json().get("digestHour").asInt()).isEqualTo(18);
        assertThat(notifications.sendDueDigests()).isZero();
        assertThat(csm.put("/api/me/notifications", "{\"digestHour\":8,\"dailyDigest\":false}").status()).isEqualTo(200);
        assertThat(notifications.sendDueDigests()).isZero();
        assertThat(csm.post("/api/me/digest", "").json().get("body").asString()).contains("Nothing changed on your accounts.");
        assertThat(notifications.settings(me).dailyDigest()).isFalse();

        assertThat(csm.put("/api/me/notifications", "{\"digestHour\":24}").body()).contains("digestHour").contains("0 to 23");
        assertThat(csm.put("/api/me/notifications", "{\"slackWebhook\":\"ftp://hooks\"}").body()).contains("slackWebhook");
        // Lodestar posts to a user's webhook: never to an address inside its own network, whatever the user says.
        for (String inside : List.of("http://169.254.169.254/latest/meta-data", "http://127.0.0.1:" + port + "/api/users",
                "https://hooks.slack.com@10.0.0.7/services/x", "https://hooks.slack.com.example.net/services/x")) {
            var refused = csm.put("/api/me/notifications", "{\"slackWebhook\":\"" + inside + "\"}");
            assertThat(refused.status()).as(inside).isEqualTo(400);
            assertThat(refused.body()).contains("slackWebhook").contains("starting with https://hooks.slack.com/");
        }
        assertThat(csm.put("/api/me/notifications", "{\"slackWebhook\":\"https://hooks.slack.com/services/T0/B0/x\"}")
                .status()).isEqualTo(200);
        assertThat(notifications.settings(me).slackWebhook()).isEqualTo("https://hooks.slack.com/services/T0/B0/x");
        assertThat(csm.put("/api/me/notifications", "{\"slackWebhook\":\"\"}").status()).isEqualTo(200);
        org.lodestar.FormSession page = new org.lodestar.FormSession(port);
        page.signIn(CSM, "password-1234");
        String refused = page.send("POST", "/me/notifications", java.util.Map.of("dailyDigest", "true", "digestHour", "8",
                "slackAlerts", "true", "slackWebhook", "http://169.254.169.254/latest/meta-data")).body();
        assertThat(refused).as("the form names its own field").contains("My own Slack webhook: expected a Slack incoming "
                + "webhook URL starting with https://hooks.slack.com/").doesNotContain("slackWebhook:");
        assertThat(api.get("/api/audit?entityType=notification-settings").body()).contains("Changed the notification settings of "
                + CSM);
    }

    @Test
    void aHighSeveritySignalIsPostedToTheCsmsSlackAndCanBeTurnedOff() throws Exception {
        anAccount(api, jdbc, TODAY, "ALARM", CSM, "mature").withContract(325, 200, 50, "80000").withHealth("41.0", "red");
        Actors.runAs(Actor.system(), () -> signals.evaluate(null));
        await(TEAM, 1);
        assertThat(TEAM.getFirst()).contains("ines.csm: high-severity signal on ALARM (80,000 ARR): Health is 41 (red)")
                .contains("https://lodestar.example.com/accounts/");

        String own = "http://127.0.0.1:" + SLACK.getAddress().getPort() + "/own";
        assertThat(csm.put("/api/me/notifications", "{\"slackWebhook\":\"" + own + "\"}").status()).isEqualTo(200);
        assertThat(api.get("/api/audit?entityType=notification-settings").body()).doesNotContain(own);
        anAccount(api, jdbc, TODAY, "ALARM2", CSM, "mature").withContract(325, 200, 50, "5000").withHealth("30.0", "red");
        Actors.runAs(Actor.system(), () -> signals.evaluate(null));
        await(OWN, 1);
        assertThat(OWN.getFirst()).startsWith("high-severity signal on ALARM2");

        assertThat(csm.put("/api/me/notifications", "{\"slackAlerts\":false}").status()).isEqualTo(200);
        anAccount(api, jdbc, TODAY, "ALARM3", CSM, "mature").withContract(325, 200, 50, "5000").withHealth("20.0", "red");
        Actors.runAs(Actor.system(), () -> signals.evaluate(null));
        Thread.sleep(1500);
        assertThat(OWN).hasSize(1);
        assertThat(TEAM).hasSize(1);
    }

    private static void await(List<String> bodies, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (bodies.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(bodies).hasSizeGreaterThanOrEqualTo(count);
    }


    private static HttpServer slack() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String text = new tools.jackson.databind.json.JsonMapper().readTree(body).get("text").asString();
                (exchange.getRequestURI().getPath().equals("/own") ? OWN : TEAM).add(text);
                byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
