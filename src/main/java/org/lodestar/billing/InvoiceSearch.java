package org.lodestar.billing;

import java.sql.Date;
import java.time.LocalDate;

import org.lodestar.accounts.AccountSet;
import org.lodestar.infrastructure.SqlFilter;

/** Which invoices a book-wide page lists: of these accounts, with this status (null: any), overdue only or not. */
public record InvoiceSearch(AccountSet accounts, InvoiceStatus status, boolean overdueOnly) {

    /** Owed (open or uncollectible) and past its due date on {@code today}, as {@link Invoice#daysOverdue} says. */
    static final String OVERDUE = "status in ('OPEN', 'UNCOLLECTIBLE') and due_on < ?";

    SqlFilter where(LocalDate today) {
        return accounts.within(new SqlFilter(), "account_id")
                .and(status != null, "status = ?", status == null ? null : status.name())
                .and(overdueOnly, OVERDUE, Date.valueOf(today));
    }
}
