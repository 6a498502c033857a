package org.lodestar.accounts;

import java.util.Set;

/**
 * Something recorded about these accounts changed (a ticket, a survey answer, an invoice, a
 * stakeholder, a contract, the account itself): whatever is derived from it, such as health, is stale.
 * {@code what} names the kind of record, e.g. {@code support-ticket}.
 */
public record AccountDataChanged(Set<Long> accountIds, String what) {

    public static AccountDataChanged of(String what, long... accountIds) {
        return new AccountDataChanged(java.util.Arrays.stream(accountIds).boxed().collect(java.util.stream.Collectors.toSet()), what);
    }
}
