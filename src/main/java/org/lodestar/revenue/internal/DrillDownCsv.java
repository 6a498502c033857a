package org.lodestar.revenue.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.lodestar.errors.InvalidInput;
import org.lodestar.infrastructure.CsvCells;
import org.lodestar.revenue.ArrMovement;
import org.lodestar.revenue.DrillDown;
import org.lodestar.revenue.RetentionFigure;
import org.lodestar.revenue.RetentionGrouping;
import org.lodestar.revenue.RetentionReports;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A drill-down as CSV, as the page shows it: the accounts behind a figure with their amounts (they add up to the
 * figure), or the ledger movements of those accounts in the period (up to 10,000), each with its account's name.
 */
@Controller
class DrillDownCsv {

    static final String[] ACCOUNT_HEADER = { "account_id", "account_name", "amount" };
    static final String[] MOVEMENT_HEADER = { "movement_id", "account_id", "account_name", "effective_date", "kind",
            "amount", "reason", "source" };
    private static final int MOVEMENTS = 10_000;

    private final RetentionReports reports;

    DrillDownCsv(RetentionReports reports) {
        this.reports = reports;
    }

    @GetMapping("/revenue/drill.csv")
    void drill(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, @RequestParam RetentionFigure figure,
            @RequestParam(required = false) RetentionGrouping by, @RequestParam(required = false) String group,
            @RequestParam(defaultValue = "accounts") String part, HttpServletResponse response) throws IOException {
        DrillDown drill;
        try {
            if (!part.equals("accounts") && !part.equals("movements")) {
                throw new InvalidInput("part", "expected accounts or movements, got '" + part + "'");
            }
            drill = reports.drill(from, to, figure, by, group, MOVEMENTS);
        } catch (InvalidInput e) {
            // A download link is opened by a browser as a file: a plain sentence says what to change.
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("The drill-down was not exported: " + e.getMessage() + "\n");
            return;
        }
        boolean movements = part.equals("movements");
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"lodestar-" + figure.label() + "-" + from + "-" + to
                + "-" + part + ".csv\"");
        if (movements) {
            writeMovements(drill, response.getWriter());
        } else {
            writeAccounts(drill, response.getWriter());
        }
    }

    static void writeAccounts(DrillDown drill, Writer out) {
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(ACCOUNT_HEADER).get())) {
            for (DrillDown.AccountAmount a : drill.accounts()) {
                printer.printRecord(a.accountId(), CsvCells.safe(a.accountName()), a.amount().toPlainString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeMovements(DrillDown drill, Writer out) {
        Map<Long, String> names = new HashMap<>();
        drill.accounts().forEach(a -> names.put(a.accountId(), a.accountName()));
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(MOVEMENT_HEADER).get())) {
            for (ArrMovement m : drill.movements()) {
                printer.printRecord(m.id(), m.accountId(), CsvCells.safe(names.get(m.accountId())), m.effectiveDate(),
                        m.kind().label(), m.amount().toPlainString(), CsvCells.safe(m.reason()), CsvCells.safe(m.source()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
