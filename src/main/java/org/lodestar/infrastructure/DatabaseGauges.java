package org.lodestar.infrastructure;

import java.time.Duration;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Gauges read from the database when metrics are scraped. A reading is kept for {@code lodestar.metrics.cache}
 * (default 15 s), so that scrapes of every node every few seconds cost the database one query per gauge and period,
 * and a reading that fails answers NaN instead of failing the scrape. Read from the database, such a gauge is the
 * same on every node: the whole cluster's figure.
 */
@Component
public class DatabaseGauges {

    private static final Logger log = LoggerFactory.getLogger(DatabaseGauges.class);

    private final MeterRegistry meters;
    private final Duration cache;

    DatabaseGauges(MeterRegistry meters, @Value("${lodestar.metrics.cache:PT15S}") Duration cache) {
        if (cache.isNegative()) {
            throw new IllegalStateException("lodestar.metrics.cache must be a duration of zero or more, such as PT15S; got "
                    + cache);
        }
        this.meters = meters;
        this.cache = cache;
    }

    /** Registers a gauge whose value {@code reading} queries; in seconds when {@code unit} is "seconds". */
    public void register(String name, String description, String unit, Tags tags, DoubleSupplier reading) {
        Reading cached = new Reading(name, reading, cache, System::nanoTime);
        // Held strongly: nothing else refers to the reading, and a gauge's object held weakly is soon collected (NaN).
        Gauge.builder(name, cached, Reading::value).description(description).baseUnit(unit).tags(tags)
                .strongReference(true).register(meters);
    }

    /** A value read at most once per period; NaN while the last reading failed. */
    static final class Reading {

        private final String name;
        private final DoubleSupplier source;
        private final long periodNanos;
        private final LongSupplier nanos;
        private double value;
        private long readAt;
        private boolean read;

        Reading(String name, DoubleSupplier source, Duration period, LongSupplier nanos) {
            this.name = name;
            this.source = source;
            this.periodNanos = period.toNanos();
            this.nanos = nanos;
        }

        synchronized double value() {
            long now = nanos.getAsLong();
            if (!read || now - readAt >= periodNanos) {
                try {
                    value = source.getAsDouble();
                } catch (RuntimeException e) {
                    log.warn("Metric {} could not be read: {}", name, e.toString());
                    value = Double.NaN;
                }
                readAt = now;
                read = true;
            }
            return value;
        }
    }
}
