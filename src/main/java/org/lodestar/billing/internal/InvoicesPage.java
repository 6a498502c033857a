package org.lodestar.billing.internal;

import java.util.Arrays;
import java.util.List;

import org.lodestar.accounts.AccountScope;
import org.lodestar.accounts.Accounts;
import org.lodestar.billing.InvoiceCounts;
import org.lodestar.billing.InvoiceSearch;
import org.lodestar.billing.InvoiceStatus;
import org.lodestar.billing.Invoices;
import org.lodestar.infrastructure.PageParameters;
import org.lodestar.infrastructure.PageWindow;
import org.lodestar.people.SignedIn;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Every invoice of the book on one page, 50 at a time (newest first; overdue ones longest overdue first): filtered by
 * status, overdue only and whose accounts, with how many are overdue and what is owed per currency over all that match,
 * and a CSV of them.
 */
@Controller
class InvoicesPage {

    static final int PAGE_SIZE = 50;

    /** The page's filters as its query parameters say them, read leniently (a value it does not know is named and left out). */
    record Query(AccountScope scope, InvoiceStatus status, boolean overdue, int page, List<String> notices) {

        static Query read(String whose, String status, String overdue, String page, SignedIn me) {
            PageParameters read = new PageParameters();
            AccountScope scope = read.choice("accounts", AccountScope.class, whose, "your default");
            return new Query(scope == null ? AccountScope.defaultFor(me.user().role()) : scope,
                    read.choice("status", InvoiceStatus.class, status, "every status"), read.flag("overdue", overdue),
                    read.page(page), read.notices());
        }

        InvoiceSearch search(Accounts accounts, SignedIn me) {
            return new InvoiceSearch(accounts.inScope(scope, me.user().id()), status, overdue);
        }

        String link(String path, int toPage) {
            UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path).queryParam("accounts", scope.label());
            if (status != null) {
                uri.queryParam("status", status.label());
            }
            if (overdue) {
                uri.queryParam("overdue", "true");
            }
            if (toPage > 1) {
                uri.queryParam("page", toPage);
            }
            return uri.encode().build().toUriString();
        }
    }

    private final Invoices invoices;
    private final Accounts accounts;
    private final InvoiceRows rows;

    InvoicesPage(Invoices invoices, Accounts accounts, InvoiceRows rows) {
        this.invoices = invoices;
        this.accounts = accounts;
        this.rows = rows;
    }

    @GetMapping("/invoices")
    String invoices(@RequestParam(name = "accounts", required = false) String whose,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String overdue, @RequestParam(required = false) String page,
            @AuthenticationPrincipal SignedIn me, Model model) {
        Query query = Query.read(whose, status, overdue, page, me);
        InvoiceSearch search = query.search(accounts, me);
        InvoiceCounts counts = invoices.count(search);
        PageWindow window = PageWindow.of(query.page(), PAGE_SIZE, counts.matched());
        model.addAttribute("query", query);
        model.addAttribute("counts", counts);
        model.addAttribute("window", window);
        model.addAttribute("rows", rows.of(invoices.search(search, window.offset(), window.size())));
        model.addAttribute("statuses", Arrays.asList(InvoiceStatus.values()));
        model.addAttribute("prevLink", query.link("/invoices", window.page() - 1));
        model.addAttribute("nextLink", query.link("/invoices", window.page() + 1));
        model.addAttribute("csvLink", query.link("/invoices.csv", 1));
        return "invoices-book";
    }
}
