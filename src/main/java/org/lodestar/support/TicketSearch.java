package org.lodestar.support;

import org.lodestar.accounts.AccountSet;
import org.lodestar.infrastructure.SqlFilter;

/** Which tickets a book-wide page lists: of these accounts, with this status and priority (null: any), unresolved only or not. */
public record TicketSearch(AccountSet accounts, TicketStatus status, TicketPriority priority, boolean unresolvedOnly) {

    SqlFilter where() {
        return accounts.within(new SqlFilter(), "account_id")
                .and(status != null, "status = ?", status == null ? null : status.name())
                .and(priority != null, "priority = ?", priority == null ? null : priority.name())
                .and(unresolvedOnly, "status in ('OPEN', 'PENDING')");
    }
}
