package org.lodestar.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** A gauge read from the database is read at most once per period, and a failed reading is NaN, not a failed scrape. */
class DatabaseGaugesTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void aReadingIsKeptForItsPeriodThenReadAgain() {
        DatabaseGauges.Reading reading = new DatabaseGauges.Reading("test", () -> reads.incrementAndGet() * 10.0,
                Duration.ofSeconds(15), nanos::get);

        assertThat(reading.value()).isEqualTo(10.0);
        nanos.addAndGet(Duration.ofSeconds(14).toNanos());
        assertThat(reading.value()).as("14 s later: the kept reading").isEqualTo(10.0);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(reading.value()).as("15 s later: read again").isEqualTo(20.0);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aFailedReadingAnswersNaNAndIsTriedAgainNextPeriod() {
        AtomicInteger calls = new AtomicInteger();
        DatabaseGauges.Reading reading = new DatabaseGauges.Reading("test", () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("connection refused");
            }
            return 3.0;
        }, Duration.ofSeconds(15), nanos::get);

        assertThat(reading.value()).isNaN();
        nanos.addAndGet(Duration.ofSeconds(15).toNanos());
        assertThat(reading.value()).isEqualTo(3.0);
    }

    @Test
    void withNoPeriodEveryScrapeReads() {
        DatabaseGauges.Reading reading = new DatabaseGauges.Reading("test", () -> reads.incrementAndGet(), Duration.ZERO,
                nanos::get);
        assertThat(reading.value()).isEqualTo(1.0);
        assertThat(reading.value()).isEqualTo(2.0);
    }
}
