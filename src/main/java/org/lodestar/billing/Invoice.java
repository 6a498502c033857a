package org.lodestar.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.lodestar.accounts.AccountRecords;

/**
 * An invoice to an account, amounts in {@code currency} to the cent. {@code outstanding} is what is
 * still owed and {@code daysOverdue} how long past its due date it is, both as of the day it was read.
 */
public record Invoice(long id, long accountId, String externalId, String number, String currency, BigDecimal amountDue,
        BigDecimal amountPaid, BigDecimal outstanding, LocalDate issuedOn, LocalDate dueOn, LocalDate paidOn,
        InvoiceStatus status, int daysOverdue, String source) implements AccountRecords.Owned<InvoiceDraft> {

    /**
     * Days an invoice is past due on {@code today}: for one still owed (open or uncollectible) with a due
     * date before today, today minus the due date; otherwise 0. Draft, paid and void invoices are never
     * overdue, nor is one without a due date (charged automatically).
     */
    public static int daysOverdue(InvoiceStatus status, LocalDate dueOn, LocalDate today) {
        if (!status.owed() || dueOn == null || !today.isAfter(dueOn)) {
            return 0;
        }
        return Math.toIntExact(ChronoUnit.DAYS.between(dueOn, today));
    }

    /** What is still owed: amount due less amount paid for an owed invoice, never below zero; otherwise zero. */
    public static BigDecimal outstanding(InvoiceStatus status, BigDecimal amountDue, BigDecimal amountPaid) {
        if (!status.owed()) {
            return BigDecimal.ZERO.setScale(2);
        }
        return amountDue.subtract(amountPaid).max(BigDecimal.ZERO).setScale(2);
    }

    public boolean overdue() {
        return daysOverdue > 0;
    }

    /** The invoice as a draft: what an upsert compares with to tell whether anything changed. */
    public InvoiceDraft asDraft() {
        return new InvoiceDraft(externalId, number, currency, amountDue, amountPaid, issuedOn, dueOn, paidOn, status,
                source);
    }
}
