package org.lodestar.accounts.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.LocalDate;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.lodestar.accounts.AccountFilter;
import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.CoverageModel;
import org.lodestar.accounts.HealthBand;
import org.lodestar.accounts.LifecycleStage;
import org.lodestar.accounts.BookRisk;
import org.lodestar.infrastructure.CsvCells;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The book as CSV: every account the filters match (not only one page), in the page's order, with each column the
 * page shows and the ids behind them. Text a person typed is escaped against spreadsheet formulas.
 */
@Controller
class BookCsv {

    static final String[] HEADER = { "account_id", "external_id", "name", "arr", "health_score", "health_band",
            "segment", "stage", "owner_email", "owner_name", "renewal_date" };

    private final Accounts accounts;
    private final Clock clock;

    BookCsv(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    /** The book page's "Download CSV": the same query parameters as the page, read as leniently. */
    @GetMapping("/book.csv")
    void book(@RequestParam(required = false) String owner, @RequestParam(required = false) String segment,
            @RequestParam(required = false) String stage, @RequestParam(required = false) String health,
            @RequestParam(required = false) String risk, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "name") String sort, HttpServletResponse response) throws IOException {
        write(BookPage.filter(owner, segment, stage, health, risk, q, sort, 0, AccountFilter.MAX_SIZE), response);
    }

    /** The same for API clients: the parameters of GET /api/accounts, checked as strictly (a bad value is a 400). */
    @GetMapping(value = "/api/accounts.csv", produces = "text/csv")
    void api(@RequestParam(required = false) String owner, @RequestParam(required = false) String segment,
            @RequestParam(required = false) LifecycleStage stage, @RequestParam(required = false) CoverageModel coverage,
            @RequestParam(required = false) HealthBand health, @RequestParam(required = false) BookRisk risk,
            @RequestParam(required = false) String q, @RequestParam(defaultValue = "name") String sort,
            HttpServletResponse response) throws IOException {
        write(new AccountFilter(owner, segment, stage, coverage, health, risk, q, sort, 0, AccountFilter.MAX_SIZE), response);
    }

    private void write(AccountFilter filter, HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"lodestar-book-" + LocalDate.now(clock) + ".csv\"");
        write(filter, response.getWriter());
    }

    void write(AccountFilter filter, Writer out) {
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            accounts.forEachMatch(filter, (a, health) -> {
                try {
                    printer.printRecord(a.id(), CsvCells.safe(a.externalId()), CsvCells.safe(a.name()), a.arr().toPlainString(),
                            health.score() == null ? "" : health.score().toPlainString(), health.band().label(), a.segment(),
                            a.stage().label(), a.owner() == null ? "" : CsvCells.safe(a.owner().email()),
                            a.owner() == null ? "" : CsvCells.safe(a.owner().name()),
                            a.renewalDate() == null ? "" : a.renewalDate().toString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
