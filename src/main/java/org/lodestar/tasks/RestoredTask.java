package org.lodestar.tasks;

import java.time.Instant;
import java.time.LocalDate;

import org.lodestar.signals.SignalCategory;

/**
 * A task read back from a whole-book export, as it was: its status, who made it and when, and when it was closed. The
 * owner is a user id in the instance it goes into (null: a team queue). A play's task comes back as history, without
 * its play: the plays of the new instance make their own.
 */
public record RestoredTask(String title, String description, SignalCategory category, Long ownerId, Team team,
        Priority priority, LocalDate dueOn, Instant dueAt, TaskStatus status, LocalDate snoozedUntil, String outreach,
        Instant createdAt, String createdBy, Instant completedAt, Integer minutesSpent) {
}
