package org.lodestar.billing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * An account's invoices at a glance: what it owes per currency, how many invoices are overdue and by
 * how long the oldest is, and the latest invoices.
 */
public record BillingSummary(Map<String, BigDecimal> outstandingByCurrency, int overdueInvoices, int maxDaysOverdue,
        List<Invoice> latest) {
}
