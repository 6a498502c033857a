package org.lodestar.support.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.lodestar.accounts.AccountSet;
import org.lodestar.accounts.BookFacts;
import org.lodestar.support.Ticket;
import org.springframework.stereotype.Component;

/** Tickets as the tickets page and its CSV list them: each with its account's name and its age on the injected clock. */
@Component
class TicketRows {

    /** A ticket with its account's name and its age in days (open until today, or until solved). */
    record Row(Ticket ticket, String accountName, Long ageDays) {
    }

    private final BookFacts book;
    private final Clock clock;

    TicketRows(BookFacts book, Clock clock) {
        this.book = book;
        this.clock = clock;
    }

    /** The rows of these tickets, in their order; the accounts' names are read in one go. */
    List<Row> of(List<Ticket> tickets) {
        Map<Long, BookFacts.Profile> accounts = book.profiles(AccountSet.of(tickets.stream().map(Ticket::accountId).toList()), true);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return tickets.stream().map(t -> new Row(t, name(accounts.get(t.accountId()), t.accountId()), age(t, today))).toList();
    }

    private static String name(BookFacts.Profile account, long accountId) {
        return account == null ? "Account " + accountId : account.name();
    }

    /** Whole days from the UTC day it was opened to today, or to the day it was solved; unknown for one solved with no date. */
    static Long age(Ticket ticket, LocalDate today) {
        LocalDate opened = LocalDate.ofInstant(ticket.createdAt(), ZoneOffset.UTC);
        if (ticket.unresolved()) {
            return Math.max(0, ChronoUnit.DAYS.between(opened, today));
        }
        return ticket.solvedAt() == null ? null
                : ChronoUnit.DAYS.between(opened, LocalDate.ofInstant(ticket.solvedAt(), ZoneOffset.UTC));
    }
}
