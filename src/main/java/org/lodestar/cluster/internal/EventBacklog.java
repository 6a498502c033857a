package org.lodestar.cluster.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.lodestar.infrastructure.DatabaseGauges;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Tags;

/**
 * {@code lodestar.events.incomplete}: durable events stored and not yet handled by their listener, on
 * all nodes (a count of {@code event_publication}, read when metrics are scraped), and
 * {@code lodestar.events.incomplete.age}: how long the oldest of them has waited. Both stay near zero;
 * one that grows means listeners fail or fall behind.
 */
@Component
public class EventBacklog {

    EventBacklog(JdbcClient jdbc, Clock clock, DatabaseGauges gauges) {
        gauges.register("lodestar.events.incomplete", "Durable events not yet handled by their listener, all nodes", null,
                Tags.empty(), () -> jdbc.sql("select count(*) from event_publication where completion_date is null")
                        .query(Long.class).single());
        // The registry stamps a publication with the application's clock, so its age is read against the same.
        gauges.register("lodestar.events.incomplete.age", "Age of the oldest durable event not yet handled by its "
                + "listener (0 when none waits), all nodes", "seconds", Tags.empty(), () -> {
                    Timestamp oldest = jdbc.sql("select min(publication_date) from event_publication "
                            + "where completion_date is null").query(Timestamp.class).optional().orElse(null);
                    return oldest == null ? 0
                            : Math.max(0, Duration.between(oldest.toInstant(), clock.instant()).toMillis() / 1000.0);
                });
    }
}
