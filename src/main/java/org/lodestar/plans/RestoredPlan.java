package org.lodestar.plans;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A plan read back from a whole-book export, as it was: its positions, who made it and when, and each milestone's
 * owner, status and completion. Owners are ids in the instance it goes into (a user; a contact of the account).
 */
public record RestoredPlan(String title, String template, LocalDate startsOn, Instant createdAt, String createdBy,
        List<RestoredOutcome> outcomes) {

    public record RestoredOutcome(int position, String title, List<RestoredMilestone> milestones) {
    }

    public record RestoredMilestone(int position, String title, OwnerSide ownerSide, Long ownerUserId,
            Long ownerContactId, LocalDate dueOn, MilestoneStatus status, boolean value, String evidence,
            Instant completedAt, String completedBy) {
    }
}
