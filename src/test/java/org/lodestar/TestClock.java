package org.lodestar;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A clock a test sets, so rules about "T-90" or "due in 3 days" are checked at chosen instants. Import
 * {@link Config} into a test to put it in place of the system clock.
 */
public final class TestClock extends Clock {

    private volatile Instant now = Instant.parse("2026-06-30T09:00:00Z");

    public void set(Instant instant) {
        now = instant;
    }

    public void setDay(LocalDate day) {
        now = day.atTime(9, 0).toInstant(ZoneOffset.UTC);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @TestConfiguration
    public static class Config {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
