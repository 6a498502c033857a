package org.lodestar.billing;

/** Which invoices to list across the book; null means any. {@code limit} is 1 to 1000. */
public record InvoiceFilter(Long accountId, InvoiceStatus status, Boolean overdue, int limit) {
}
