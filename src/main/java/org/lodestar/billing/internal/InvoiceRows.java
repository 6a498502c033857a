package org.lodestar.billing.internal;

import java.util.List;
import java.util.Map;

import org.lodestar.accounts.AccountSet;
import org.lodestar.accounts.BookFacts;
import org.lodestar.billing.Invoice;
import org.springframework.stereotype.Component;

/** Invoices as the invoices page and its CSV list them: each with its account's name. */
@Component
class InvoiceRows {

    record Row(Invoice invoice, String accountName) {
    }

    private final BookFacts book;

    InvoiceRows(BookFacts book) {
        this.book = book;
    }

    /** The rows of these invoices, in their order; the accounts' names are read in one go. */
    List<Row> of(List<Invoice> invoices) {
        Map<Long, BookFacts.Profile> accounts = book.profiles(AccountSet.of(invoices.stream().map(Invoice::accountId).toList()), true);
        return invoices.stream().map(i -> new Row(i, name(accounts.get(i.accountId()), i.accountId()))).toList();
    }

    private static String name(BookFacts.Profile account, long accountId) {
        return account == null ? "Account " + accountId : account.name();
    }
}
