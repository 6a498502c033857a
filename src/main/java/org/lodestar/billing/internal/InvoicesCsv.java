package org.lodestar.billing.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.lodestar.accounts.Accounts;
import org.lodestar.billing.Invoice;
import org.lodestar.billing.InvoiceSearch;
import org.lodestar.billing.Invoices;
import org.lodestar.infrastructure.CsvCells;
import org.lodestar.people.SignedIn;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The invoices page as CSV: every invoice its filters match (not one page), in the page's order, with ids, amounts in
 * their currency and days overdue as of today. Text a person typed is escaped against spreadsheet formulas.
 */
@Controller
class InvoicesCsv {

    static final String[] HEADER = { "invoice_id", "external_id", "number", "account_id", "account_name", "currency",
            "amount_due", "amount_paid", "outstanding", "issued_on", "due_on", "paid_on", "status", "days_overdue", "source" };

    /** Rows read, and account names looked up, this many at a time. */
    private static final int BATCH = 1000;

    private final Invoices invoices;
    private final Accounts accounts;
    private final InvoiceRows rows;

    InvoicesCsv(Invoices invoices, Accounts accounts, InvoiceRows rows) {
        this.invoices = invoices;
        this.accounts = accounts;
        this.rows = rows;
    }

    /** The page's "Download CSV": the same query parameters, read as leniently; the page number is not one of them. */
    @GetMapping("/invoices.csv")
    void invoices(@RequestParam(name = "accounts", required = false) String whose,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String overdue, @AuthenticationPrincipal SignedIn me,
            HttpServletResponse response) throws IOException {
        InvoiceSearch search = InvoicesPage.Query.read(whose, status, overdue, null, me).search(accounts, me);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"lodestar-invoices-" + invoices.today() + ".csv\"");
        write(search, response.getWriter());
    }

    void write(InvoiceSearch search, Writer out) {
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            for (long offset = 0;; offset += BATCH) {
                List<Invoice> batch = invoices.search(search, offset, BATCH);
                for (InvoiceRows.Row row : rows.of(batch)) {
                    Invoice i = row.invoice();
                    printer.printRecord(i.id(), CsvCells.safe(i.externalId()), CsvCells.safe(i.number()), i.accountId(),
                            CsvCells.safe(row.accountName()), i.currency(), i.amountDue().toPlainString(),
                            i.amountPaid().toPlainString(), i.outstanding().toPlainString(), i.issuedOn(),
                            i.dueOn() == null ? "" : i.dueOn(), i.paidOn() == null ? "" : i.paidOn(), i.status().label(),
                            i.daysOverdue(), CsvCells.safe(i.source()));
                }
                if (batch.size() < BATCH) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
