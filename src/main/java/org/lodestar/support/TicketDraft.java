package org.lodestar.support;

import java.time.Instant;

import org.lodestar.accounts.AccountRecords;

/**
 * What a person or an import says about a ticket. Missing status means open, missing priority
 * normal, missing escalated false, missing createdAt now (the API only; imports must say), missing
 * source {@code api}.
 */
public record TicketDraft(String externalId, String subject, TicketStatus status, TicketPriority priority,
        Boolean escalated, Instant createdAt, Instant solvedAt, Satisfaction satisfaction, String source)
        implements AccountRecords.Draft {
}
