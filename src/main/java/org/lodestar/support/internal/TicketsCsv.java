package org.lodestar.support.internal;

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
import org.lodestar.support.SupportTickets;
import org.lodestar.support.Ticket;
import org.lodestar.support.TicketSearch;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The tickets page as CSV: every ticket its filters match (not one page), newest first, with ids. Text a person typed
 * (subject, ids, account name) is escaped against spreadsheet formulas.
 */
@Controller
class TicketsCsv {

    static final String[] HEADER = { "ticket_id", "external_id", "account_id", "account_name", "subject", "status",
            "priority", "escalated", "opened_at", "solved_at", "age_days", "satisfaction", "source" };

    /** Rows read, and account names looked up, this many at a time. */
    private static final int BATCH = 1000;

    private final SupportTickets tickets;
    private final Accounts accounts;
    private final TicketRows rows;
    private final Clock clock;

    TicketsCsv(SupportTickets tickets, Accounts accounts, TicketRows rows, Clock clock) {
        this.tickets = tickets;
        this.accounts = accounts;
        this.rows = rows;
        this.clock = clock;
    }

    /** The page's "Download CSV": the same query parameters, read as leniently; the page number is not one of them. */
    @GetMapping("/tickets.csv")
    void tickets(@RequestParam(name = "accounts", required = false) String whose,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String priority, @RequestParam(required = false) String unresolved,
            @AuthenticationPrincipal SignedIn me, HttpServletResponse response) throws IOException {
        TicketSearch search = TicketsPage.Query.read(whose, status, priority, unresolved, null, me).search(accounts, me);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"lodestar-tickets-" + today + ".csv\"");
        write(search, response.getWriter());
    }

    void write(TicketSearch search, Writer out) {
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            for (long offset = 0;; offset += BATCH) {
                List<Ticket> batch = tickets.search(search, offset, BATCH);
                for (TicketRows.Row row : rows.of(batch)) {
                    Ticket t = row.ticket();
                    printer.printRecord(t.id(), CsvCells.safe(t.externalId()), t.accountId(), CsvCells.safe(row.accountName()),
                            CsvCells.safe(t.subject()), t.status().label(), t.priority().label(), t.escalated(), t.createdAt(),
                            t.solvedAt() == null ? "" : t.solvedAt(), row.ageDays() == null ? "" : row.ageDays(),
                            t.satisfaction() == null ? "" : t.satisfaction().label(), CsvCells.safe(t.source()));
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
