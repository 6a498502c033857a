package org.lodestar.tasks;

import java.time.Instant;
import java.time.LocalDate;

import org.lodestar.signals.SignalCategory;

/**
 * A task. {@code ownerEmail} is null for a team queue (sales, support); {@code snoozedUntil} hides an
 * open task from the worklist until that day; {@code outreach} names a template to send.
 */
public record Task(long id, long accountId, String accountName, Long playId, String title, String description,
        SignalCategory category, Long ownerId, String ownerEmail, Team team, Priority priority, LocalDate dueOn,
        TaskStatus status, LocalDate snoozedUntil, String outreach, String outreachTo, boolean automated, Instant createdAt,
        String createdBy, Instant completedAt) {
}
