package org.lodestar.tasks;

import java.time.Instant;

import org.lodestar.signals.SignalCategory;

/** A task a person completed, as the time split reads it: whose, what kind of work, and the minutes recorded (null: not said). */
public record CompletedTask(long taskId, long accountId, String ownerEmail, SignalCategory category, Instant completedAt,
        Integer minutesSpent) {
}
