package org.lodestar.accounts;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Something recorded about these accounts changed (a ticket, a survey answer, an invoice, a stakeholder, a
 * contract, the account itself): whatever is derived from it, such as health, is stale. {@code what} names the
 * kind of record.
 */
public record AccountDataChanged(Set<Long> accountIds, AccountFact what) {

    public static AccountDataChanged of(AccountFact what, long... accountIds) {
        return new AccountDataChanged(Arrays.stream(accountIds).boxed().collect(Collectors.toSet()), what);
    }
}
