package org.lodestar.plans;

import java.time.Instant;

/**
 * What a contact sees through a shared link: the plan, whose account it is (by name only) and who they are. A
 * milestone is theirs to mark done when it is owned by {@code contactId}.
 */
public record SharedPlan(long linkId, String accountName, long contactId, String contactName, Instant expiresAt,
        SuccessPlan plan) {

    public boolean owns(Milestone milestone) {
        return milestone.ownerContactId() != null && milestone.ownerContactId() == contactId;
    }
}
