package org.lodestar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** A long command's progress: the first step, then at most one line every two seconds, and the last step. */
class ProgressTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void saysTheFirstStepThenEveryTwoSecondsAndTheLast() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong(100 * SECOND);
        Progress progress = Progress.of("Scoring accounts", new PrintStream(printed, true, StandardCharsets.UTF_8),
                clock::get);

        progress.update(1, 5000);
        clock.addAndGet(SECOND);
        progress.update(400, 5000);
        clock.addAndGet(SECOND);
        progress.update(1200, 5000);
        clock.addAndGet(SECOND / 2);
        progress.update(1500, 5000);
        clock.addAndGet(3 * SECOND);
        progress.update(5000, 5000, "done");
        progress.update(5000, 5000, "done");

        assertThat(printed.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "Scoring accounts: 1 of 5,000 (0%), 0 s",
                "Scoring accounts: 1,200 of 5,000 (24%), 2 s",
                "Scoring accounts: 5,000 of 5,000 (100%), 5 s - done");
    }

    @Test
    void anUnknownTotalIsCountedWithoutAPercentage() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Progress progress = Progress.of("Reading", new PrintStream(printed, true, StandardCharsets.UTF_8), () -> 0L);
        progress.update(7, 0);
        assertThat(printed.toString(StandardCharsets.UTF_8).strip()).isEqualTo("Reading: 7, 0 s");
    }
}
