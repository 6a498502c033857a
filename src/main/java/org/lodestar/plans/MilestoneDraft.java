package org.lodestar.plans;

import java.time.LocalDate;

/**
 * A milestone as a person gives it. Owner: a user ({@code ownerUserId}, our side), a contact of the account
 * ({@code ownerContactId}, the customer's), or neither with {@code ownerSide} saying whose. Missing status means not
 * started; {@code outcomeId} (when adding to a plan) defaults to the plan's first outcome.
 */
public record MilestoneDraft(Long outcomeId, String title, OwnerSide ownerSide, Long ownerUserId, Long ownerContactId,
        LocalDate dueOn, MilestoneStatus status, Boolean value, String evidence) {
}
