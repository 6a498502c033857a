package org.lodestar.plans;

import java.time.Instant;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A link showing a plan to one of the customer's contacts, as listed to the CSM: for whom, until when, who made or
 * revoked it, when it was last opened, and where it stands now. The token itself is never kept.
 */
public record PlanLink(long id, long accountId, long planId, long contactId, String contactName, Instant expiresAt,
        Instant createdAt, String createdBy, Instant revokedAt, String revokedBy, Instant lastUsedAt, Status status) {

    public enum Status {
        ACTIVE, EXPIRED, REVOKED;

        @JsonValue
        public String label() {
            return Labels.of(this);
        }
    }
}
