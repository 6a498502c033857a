package org.lodestar.accounts;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One page of accounts with the totals over every account that matched the filter, and each listed account's current
 * health by account id.
 */
public record AccountList(List<Account> accounts, Map<Long, AccountHealth> health, long total, BigDecimal totalArr,
        int page, int size) {

    public AccountHealth healthOf(Account account) {
        return health.getOrDefault(account.id(), AccountHealth.UNSCORED);
    }

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }
}
