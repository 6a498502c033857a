package org.lodestar.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.FormSession;
import org.lodestar.LodestarTest;
import org.lodestar.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Guessing is slowed: after three failed sign-ins an account is turned away with how long to wait,
 * after four unknown bearer tokens an address gets 429, both logged and both lifted by time (§9).
 * Low limits of its own, so the shared test contexts are never locked.
 */
@LodestarTest
@Import(TestClock.Config.class)
@TestPropertySource(properties = { "lodestar.security.throttle.account-failures=3",
        "lodestar.security.throttle.address-failures=50", "lodestar.security.throttle.token-failures=4",
        "lodestar.security.throttle.window=15m", "logging.level.org.lodestar.people=info" })
@ExtendWith(OutputCaptureExtension.class)
class SignInThrottleTest {

    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;
    @Autowired
    Book book;

    @Test
    void repeatedFailedSignInsForOneAccountAreTurnedAway(CapturedOutput output) {
        clock.set(Instant.parse("2026-04-01T08:00:00Z"));
        book.tokenFor("guessed@lodestar.test", Role.CSM, TokenScope.READ);
        for (int i = 1; i <= 3; i++) {
            assertThat(signIn("guessed@lodestar.test", "wrong-guess-" + i)).isEqualTo("/login?error");
        }
        assertThat(output).contains("Sign-in throttled: 3 failed sign-ins for guessed@lodestar.test");

        String turnedAway = signIn("guessed@lodestar.test", "password-1234");
        assertThat(turnedAway).as("even the right password waits").isEqualTo("/login?throttled=900");
        assertThat(page(turnedAway)).contains("Too many failed sign-ins for this account or from this address. "
                + "Try again in 15 minutes.");
        assertThat(signIn("someone-else@lodestar.test", "x")).as("other accounts are not locked").isEqualTo("/login?error");

        clock.set(Instant.parse("2026-04-01T08:15:00Z"));
        assertThat(signIn("guessed@lodestar.test", "password-1234")).as("the window passed").isEqualTo("/");
    }

    @Test
    void repeatedUnknownTokensFromOneAddressGet429(CapturedOutput output) {
        clock.set(Instant.parse("2026-05-01T08:00:00Z"));
        ApiClient guesser = new ApiClient(port, "lsk_guessing_guessing_guessing_0");
        for (int i = 0; i < 4; i++) {
            assertThat(guesser.get("/api/accounts").status()).isEqualTo(401);
        }
        ApiClient.Response throttled = new ApiClient(port, LodestarTest.ADMIN_TOKEN).get("/api/accounts");
        assertThat(throttled.status()).as("the address waits, whatever token it sends").isEqualTo(429);
        assertThat(throttled.contentType()).startsWith("application/problem+json");
        assertThat(throttled.body()).contains("try again in 15 minutes");
        assertThat(output).contains("API throttled: 4 unknown, expired or revoked bearer tokens from");

        clock.set(Instant.parse("2026-05-01T08:15:00Z"));
        assertThat(new ApiClient(port, LodestarTest.ADMIN_TOKEN).get("/api/accounts").status()).isEqualTo(200);
    }

    private String signIn(String email, String password) {
        return new FormSession(port).signIn(email, password);
    }

    private String page(String path) {
        return new FormSession(port).send("GET", path, Map.of()).body();
    }
}
