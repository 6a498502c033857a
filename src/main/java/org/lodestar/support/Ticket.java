package org.lodestar.support;

import java.time.Instant;

import org.lodestar.accounts.AccountRecords;

/**
 * A support ticket of an account. {@code solvedAt} is when it was solved, when the source says;
 * {@code satisfaction} is the customer's rating, when they gave one.
 */
public record Ticket(long id, long accountId, String externalId, String subject, TicketStatus status,
        TicketPriority priority, boolean escalated, Instant createdAt, Instant solvedAt, Satisfaction satisfaction,
        String source) implements AccountRecords.Owned<TicketDraft> {

    public boolean unresolved() {
        return status.unresolved();
    }

    public boolean urgentAndUnresolved() {
        return priority == TicketPriority.URGENT && unresolved();
    }

    /** The ticket as a draft: what an upsert compares with to tell whether anything changed. */
    public TicketDraft asDraft() {
        return new TicketDraft(externalId, subject, status, priority, escalated, createdAt, solvedAt, satisfaction,
                source);
    }
}
