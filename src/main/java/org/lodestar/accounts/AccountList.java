package org.lodestar.accounts;

import java.math.BigDecimal;
import java.util.List;

/** One page of accounts with the totals over every account that matched the filter. */
public record AccountList(List<Account> accounts, long total, BigDecimal totalArr, int page, int size) {

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }
}
