package org.lodestar.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** Days overdue and what is outstanding, at chosen days. */
class InvoiceOverdueTest {

    private static final LocalDate DUE = LocalDate.of(2026, 1, 31);

    @Test
    void anOwedInvoiceIsOverdueByTheDaysSinceItsDueDate() {
        assertThat(Invoice.daysOverdue(InvoiceStatus.OPEN, DUE, LocalDate.of(2026, 1, 30))).isZero();
        assertThat(Invoice.daysOverdue(InvoiceStatus.OPEN, DUE, DUE)).as("due today is not late").isZero();
        assertThat(Invoice.daysOverdue(InvoiceStatus.OPEN, DUE, LocalDate.of(2026, 2, 1))).isEqualTo(1);
        // 2026-01-31 to 2026-03-02: 28 days of February + 1 + 1
        assertThat(Invoice.daysOverdue(InvoiceStatus.OPEN, DUE, LocalDate.of(2026, 3, 2))).isEqualTo(30);
        assertThat(Invoice.daysOverdue(InvoiceStatus.UNCOLLECTIBLE, DUE, LocalDate.of(2026, 3, 2))).isEqualTo(30);
    }

    @Test
    void paidVoidDraftAndUndatedInvoicesAreNeverOverdue() {
        LocalDate late = LocalDate.of(2027, 1, 1);
        assertThat(Invoice.daysOverdue(InvoiceStatus.PAID, DUE, late)).isZero();
        assertThat(Invoice.daysOverdue(InvoiceStatus.VOID, DUE, late)).isZero();
        assertThat(Invoice.daysOverdue(InvoiceStatus.DRAFT, DUE, late)).isZero();
        assertThat(Invoice.daysOverdue(InvoiceStatus.OPEN, null, late)).isZero();
    }

    @Test
    void outstandingIsWhatAnOwedInvoiceStillLacks() {
        assertThat(Invoice.outstanding(InvoiceStatus.OPEN, new BigDecimal("1200.00"), new BigDecimal("200.50")))
                .isEqualTo(new BigDecimal("999.50"));
        assertThat(Invoice.outstanding(InvoiceStatus.OPEN, new BigDecimal("100"), new BigDecimal("150")))
                .isEqualTo(new BigDecimal("0.00"));
        assertThat(Invoice.outstanding(InvoiceStatus.PAID, new BigDecimal("100"), BigDecimal.ZERO))
                .isEqualTo(new BigDecimal("0.00"));
        assertThat(Invoice.outstanding(InvoiceStatus.VOID, new BigDecimal("100"), BigDecimal.ZERO))
                .isEqualTo(new BigDecimal("0.00"));
    }
}
