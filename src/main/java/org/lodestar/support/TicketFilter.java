package org.lodestar.support;

/** Which tickets to list across the book; null means any. {@code limit} is 1 to 1000. */
public record TicketFilter(Long accountId, TicketStatus status, TicketPriority priority, Boolean unresolved,
        int limit) {
}
