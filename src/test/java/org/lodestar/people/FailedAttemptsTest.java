package org.lodestar.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The sliding window that slows guessing, at chosen instants. */
class FailedAttemptsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void aKeyIsRefusedAtItsLimitUntilItsOldestFailureLeavesTheWindow() {
        FailedAttempts attempts = new FailedAttempts(3, Duration.ofMinutes(15));
        assertThat(attempts.fail("ana@example.com", T0)).isFalse();
        assertThat(attempts.fail("ana@example.com", T0.plusSeconds(60))).isFalse();
        assertThat(attempts.waitFor("ana@example.com", T0.plusSeconds(90))).isEmpty();
        assertThat(attempts.fail("ana@example.com", T0.plusSeconds(120))).as("the third reaches the limit").isTrue();

        // Refused until T0 + 15 min, when the first failure leaves the window: 13 min from T0 + 2 min.
        assertThat(attempts.waitFor("ana@example.com", T0.plusSeconds(120))).contains(Duration.ofMinutes(13));
        assertThat(attempts.waitFor("ana@example.com", T0.plusSeconds(899))).contains(Duration.ofSeconds(1));
        assertThat(attempts.waitFor("ana@example.com", T0.plusSeconds(900))).isEmpty();
        assertThat(attempts.waitFor("bo@example.com", T0.plusSeconds(120))).as("other keys are free").isEmpty();

        // One more try after the first expired brings the limit back, until the second expires at T0 + 16 min.
        assertThat(attempts.fail("ana@example.com", T0.plusSeconds(900))).isTrue();
        assertThat(attempts.waitFor("ana@example.com", T0.plusSeconds(900))).contains(Duration.ofMinutes(1));
    }

    @Test
    void forgettingAKeyLiftsItsLock() {
        FailedAttempts attempts = new FailedAttempts(2, Duration.ofMinutes(15));
        attempts.fail("ana@example.com", T0);
        attempts.fail("ana@example.com", T0);
        assertThat(attempts.waitFor("ana@example.com", T0)).isPresent();
        attempts.forget("ana@example.com");
        assertThat(attempts.waitFor("ana@example.com", T0)).isEmpty();
    }

    @Test
    void waitsReadAsPeopleSayThem() {
        assertThat(SignInThrottle.describe(Duration.ofSeconds(40))).isEqualTo("40 seconds");
        assertThat(SignInThrottle.describe(Duration.ofSeconds(91))).isEqualTo("2 minutes");
        assertThat(SignInThrottle.describe(Duration.ofMinutes(15))).isEqualTo("15 minutes");
    }
}
