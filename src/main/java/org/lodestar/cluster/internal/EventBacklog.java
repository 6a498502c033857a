package org.lodestar.cluster.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code lodestar.events.incomplete}: durable events stored and not yet handled by their listener, on
 * all nodes (a count of {@code event_publication}, read when metrics are scraped). It stays near zero;
 * one that grows means listeners fail or fall behind.
 */
@Component
public class EventBacklog {

    EventBacklog(JdbcClient jdbc, MeterRegistry meters) {
        Gauge.builder("lodestar.events.incomplete", () -> {
            try {
                return jdbc.sql("select count(*) from event_publication where completion_date is null").query(Long.class)
                        .single();
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }).description("Durable events not yet handled by their listener").register(meters);
    }
}
