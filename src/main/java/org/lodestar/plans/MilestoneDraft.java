package org.lodestar.plans;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A milestone as a person gives it. Owner: a user ({@code ownerUserId}, our side), a contact of the account
 * ({@code ownerContactId}, the customer's), or neither with {@code ownerSide} saying whose. Missing status means not
 * started; {@code outcomeId} (when adding to a plan) defaults to the plan's first outcome.
 */
@Schema(example = """
        {"title": "SSO configured", "ownerSide": "customer", "ownerContactId": 12, "dueOn": "2026-12-15", "status": "in-progress"}""")
public record MilestoneDraft(Long outcomeId, String title, OwnerSide ownerSide, Long ownerUserId, Long ownerContactId,
        LocalDate dueOn, MilestoneStatus status, Boolean value, String evidence) {
}
