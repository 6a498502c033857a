package org.lodestar.support;

import java.time.Instant;

import org.lodestar.accounts.AccountRecords;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a person or an import says about a ticket. Missing status means open, missing priority
 * normal, missing escalated false, missing createdAt now (the API only; imports must say), missing
 * source {@code api}.
 */
@Schema(example = """
        {"externalId": "ZD-4411", "subject": "Exports time out for large accounts", "status": "open", "priority": "high", "createdAt": "2026-12-01T09:30:00Z"}""")
public record TicketDraft(String externalId, String subject, TicketStatus status, TicketPriority priority,
        Boolean escalated, Instant createdAt, Instant solvedAt, Satisfaction satisfaction, String source)
        implements AccountRecords.Draft {
}
