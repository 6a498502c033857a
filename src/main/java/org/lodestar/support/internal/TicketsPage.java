package org.lodestar.support.internal;

import java.util.Arrays;
import java.util.List;

import org.lodestar.accounts.AccountScope;
import org.lodestar.accounts.Accounts;
import org.lodestar.infrastructure.PageParameters;
import org.lodestar.infrastructure.PageWindow;
import org.lodestar.people.SignedIn;
import org.lodestar.support.SupportTickets;
import org.lodestar.support.TicketCounts;
import org.lodestar.support.TicketPriority;
import org.lodestar.support.TicketSearch;
import org.lodestar.support.TicketStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Every ticket of the book on one page, newest first, 50 at a time: filtered by status, priority, unresolved only and
 * whose accounts, with the unresolved, urgent and escalated counts of all that match and a CSV of them.
 */
@Controller
class TicketsPage {

    static final int PAGE_SIZE = 50;

    /** The page's filters as its query parameters say them, read leniently (a value it does not know is named and left out). */
    record Query(AccountScope scope, TicketStatus status, TicketPriority priority, boolean unresolved, int page,
            List<String> notices) {

        static Query read(String whose, String status, String priority, String unresolved, String page,
                SignedIn me) {
            PageParameters read = new PageParameters();
            AccountScope scope = read.choice("accounts", AccountScope.class, whose, "your default");
            return new Query(scope == null ? AccountScope.defaultFor(me.user().role()) : scope,
                    read.choice("status", TicketStatus.class, status, "every status"),
                    read.choice("priority", TicketPriority.class, priority, "every priority"),
                    read.flag("unresolved", unresolved), read.page(page), read.notices());
        }

        TicketSearch search(Accounts accounts, SignedIn me) {
            return new TicketSearch(accounts.inScope(scope, me.user().id()), status, priority, unresolved);
        }

        String link(String path, int toPage) {
            UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path).queryParam("accounts", scope.label());
            if (status != null) {
                uri.queryParam("status", status.label());
            }
            if (priority != null) {
                uri.queryParam("priority", priority.label());
            }
            if (unresolved) {
                uri.queryParam("unresolved", "true");
            }
            if (toPage > 1) {
                uri.queryParam("page", toPage);
            }
            return uri.encode().build().toUriString();
        }
    }

    private final SupportTickets tickets;
    private final Accounts accounts;
    private final TicketRows rows;

    TicketsPage(SupportTickets tickets, Accounts accounts, TicketRows rows) {
        this.tickets = tickets;
        this.accounts = accounts;
        this.rows = rows;
    }

    @GetMapping("/tickets")
    String tickets(@RequestParam(name = "accounts", required = false) String whose,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String priority, @RequestParam(required = false) String unresolved,
            @RequestParam(required = false) String page, @AuthenticationPrincipal SignedIn me, Model model) {
        Query query = Query.read(whose, status, priority, unresolved, page, me);
        TicketSearch search = query.search(accounts, me);
        TicketCounts counts = tickets.count(search);
        PageWindow window = PageWindow.of(query.page(), PAGE_SIZE, counts.matched());
        model.addAttribute("query", query);
        model.addAttribute("counts", counts);
        model.addAttribute("window", window);
        model.addAttribute("rows", rows.of(tickets.search(search, window.offset(), window.size())));
        model.addAttribute("statuses", Arrays.asList(TicketStatus.values()));
        model.addAttribute("priorities", Arrays.asList(TicketPriority.values()));
        model.addAttribute("prevLink", query.link("/tickets", window.page() - 1));
        model.addAttribute("nextLink", query.link("/tickets", window.page() + 1));
        model.addAttribute("csvLink", query.link("/tickets.csv", 1));
        return "tickets-book";
    }
}
