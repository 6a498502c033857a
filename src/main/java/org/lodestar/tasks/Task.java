package org.lodestar.tasks;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.lodestar.signals.SignalCategory;

/**
 * A task. {@code ownerEmail} is null for a team queue (sales, support); {@code snoozedUntil} hides an
 * open task from the worklist until that day; {@code outreach} names a template to send. {@code dueAt} is the instant
 * on {@code dueOn} a timed task is due (null: any time that day); a task with {@code recurEvery} is followed, when
 * done, by its next {@code occurrence}. {@code minutesSpent} is the time recorded on completing it (null: not said).
 */
public record Task(long id, long accountId, String accountName, Long playId, String title, String description,
        SignalCategory category, Long ownerId, String ownerEmail, Team team, Priority priority, LocalDate dueOn,
        TaskStatus status, LocalDate snoozedUntil, String outreach, String outreachTo, boolean automated, Instant createdAt,
        String createdBy, Instant completedAt, Instant dueAt, Duration recurEvery, int occurrence,
        Integer minutesSpent) {

    /** How often a task recurs, in words: "every hour", "every 7 days". */
    public static String every(Duration interval) {
        long hours = interval.toHours();
        if (hours % 24 == 0) {
            return hours == 24 ? "every day" : "every " + hours / 24 + " days";
        }
        return hours == 1 ? "every hour" : "every " + hours + " hours";
    }
}
