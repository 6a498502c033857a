package org.lodestar.surveys.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.lodestar.accounts.Accounts;
import org.lodestar.infrastructure.CsvCells;
import org.lodestar.people.SignedIn;
import org.lodestar.surveys.SurveyResponse;
import org.lodestar.surveys.SurveyResponses;
import org.lodestar.surveys.SurveySearch;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The surveys page as CSV: every answer its filters match (not one page), newest first, with ids. Text a person typed
 * (the comment above all, and names and emails) is escaped against spreadsheet formulas.
 */
@Controller
class SurveysCsv {

    static final String[] HEADER = { "response_id", "external_id", "account_id", "account_name", "kind", "score",
            "nps_category", "comment", "respondent_email", "contact_name", "responded_at", "source" };

    /** Rows read, and account names looked up, this many at a time. */
    private static final int BATCH = 1000;

    private final SurveyResponses surveys;
    private final Accounts accounts;
    private final SurveyRows rows;
    private final Clock clock;

    SurveysCsv(SurveyResponses surveys, Accounts accounts, SurveyRows rows, Clock clock) {
        this.surveys = surveys;
        this.accounts = accounts;
        this.rows = rows;
        this.clock = clock;
    }

    /** The page's "Download CSV": the same query parameters, read as leniently; the page number is not one of them. */
    @GetMapping("/surveys.csv")
    void surveys(@RequestParam(name = "accounts", required = false) String whose,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String band, @RequestParam(required = false) String days,
            @AuthenticationPrincipal SignedIn me, HttpServletResponse response) throws IOException {
        SurveySearch search = SurveysPage.Query.read(whose, kind, band, days, null, me).search(accounts, me, clock);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"lodestar-surveys-"
                + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) + ".csv\"");
        write(search, response.getWriter());
    }

    void write(SurveySearch search, Writer out) {
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            for (long offset = 0;; offset += BATCH) {
                List<SurveyResponse> batch = surveys.search(search, offset, BATCH);
                for (SurveyRows.Row row : rows.of(batch)) {
                    SurveyResponse r = row.answer();
                    printer.printRecord(r.id(), CsvCells.safe(r.externalId()), r.accountId(), CsvCells.safe(row.accountName()),
                            r.kind().label(), r.score(), r.category() == null ? "" : r.category().label(),
                            CsvCells.safe(r.comment()), CsvCells.safe(r.respondentEmail()), CsvCells.safe(row.contactName()),
                            r.respondedAt(), CsvCells.safe(r.source()));
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
