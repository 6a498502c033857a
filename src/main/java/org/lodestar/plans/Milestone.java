package org.lodestar.plans;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A step towards an outcome. {@code value}: reaching it is the customer's first value (time-to-value ends when it is
 * done). {@code ownerName} is the user's or contact's name, or null when the customer has not named anyone.
 */
public record Milestone(long id, long planId, long outcomeId, int position, String title, OwnerSide ownerSide,
        Long ownerUserId, Long ownerContactId, String ownerName, LocalDate dueOn, MilestoneStatus status, boolean value,
        String evidence, Instant completedAt, String completedBy) {

    /** Past its due day and not done, on {@code today}. */
    public boolean overdueOn(LocalDate today) {
        return status != MilestoneStatus.DONE && dueOn.isBefore(today);
    }
}
