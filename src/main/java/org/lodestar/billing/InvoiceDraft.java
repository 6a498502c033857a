package org.lodestar.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.lodestar.accounts.AccountRecords;

/**
 * What a person or an import says about an invoice. Amounts are decimals in the currency with at most
 * two places; missing amountPaid means 0, missing status open, missing source {@code api}.
 */
public record InvoiceDraft(String externalId, String number, String currency, BigDecimal amountDue,
        BigDecimal amountPaid, LocalDate issuedOn, LocalDate dueOn, LocalDate paidOn, InvoiceStatus status,
        String source) implements AccountRecords.Draft {
}
