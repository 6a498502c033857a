package org.lodestar.health.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.lodestar.health.Band;
import org.lodestar.health.HealthReports;
import org.lodestar.infrastructure.CsvCells;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The accounts of one segment and band (the health page's list) as CSV, lowest score first, as the page lists them.
 * Text a person typed is escaped against spreadsheet formulas.
 */
@Controller
class HealthAccountsCsv {

    static final String[] HEADER = { "account_id", "name", "segment", "owner", "arr", "health_score", "health_band",
            "renewal_date" };

    private final HealthReports reports;
    private final Clock clock;

    HealthAccountsCsv(HealthReports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @GetMapping("/health/accounts.csv")
    void accounts(@RequestParam(required = false) String segment, @RequestParam(required = false) String band,
            HttpServletResponse response) throws IOException {
        Band parsed = band == null || band.isBlank() ? null : HealthApi.parseBand(band);
        String seg = segment == null || segment.isBlank() ? null : segment;
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"lodestar-health-accounts-" + LocalDate.now(clock)
                + ".csv\"");
        write(reports.accountsIn(seg, parsed), response.getWriter());
    }

    static void write(List<HealthReports.BandedAccount> accounts, Writer out) {
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            for (HealthReports.BandedAccount a : accounts) {
                printer.printRecord(a.id(), CsvCells.safe(a.name()), a.segment(), CsvCells.safe(a.owner()), plain(a.arr()),
                        plain(a.score()), a.band().label(), a.renewalDate() == null ? "" : a.renewalDate());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? "" : amount.toPlainString();
    }
}
