package org.lodestar.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.lodestar.accounts.AccountRecords;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a person or an import says about an invoice. Amounts are decimals in the currency with at most
 * two places; missing amountPaid means 0, missing status open, missing source {@code api}.
 */
@Schema(example = """
        {"externalId": "INV-2026-118", "number": "2026-118", "currency": "USD", "amountDue": 12500.00, "amountPaid": 0, "issuedOn": "2026-11-01", "dueOn": "2026-12-01", "status": "open"}""")
public record InvoiceDraft(String externalId, String number, String currency, BigDecimal amountDue,
        BigDecimal amountPaid, LocalDate issuedOn, LocalDate dueOn, LocalDate paidOn, InvoiceStatus status,
        String source) implements AccountRecords.Draft {
}
