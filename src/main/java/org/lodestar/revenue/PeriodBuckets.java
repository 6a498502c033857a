package org.lodestar.revenue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * One account's ledger summed per period (a quarter or a month, by index) and kind, so that any run
 * of periods can be reported from a single pass over the ledger.
 */
final class PeriodBuckets {

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);
    private static final int KINDS = MovementKind.values().length;

    private final TreeMap<Integer, BigDecimal[]> byPeriod = new TreeMap<>();
    private LocalDate firstArrDay;

    void add(int period, MovementKind kind, BigDecimal amount) {
        BigDecimal[] kinds = byPeriod.computeIfAbsent(period, p -> zeros());
        kinds[kind.ordinal()] = kinds[kind.ordinal()].add(amount);
    }

    void firstArrOn(LocalDate day) {
        if (firstArrDay == null || day.isBefore(firstArrDay)) {
            firstArrDay = day;
        }
    }

    LocalDate firstArrDay() {
        return firstArrDay;
    }

    /** ARR once the period has closed: every movement up to and including it. */
    BigDecimal arrAtEndOf(int period) {
        BigDecimal arr = ZERO;
        for (BigDecimal[] kinds : byPeriod.headMap(period, true).values()) {
            for (BigDecimal amount : kinds) {
                arr = arr.add(amount);
            }
        }
        return arr;
    }

    AccountPeriod period(long accountId, AccountAttributes account, int period) {
        BigDecimal opening = arrAtEndOf(period - 1);
        BigDecimal[] kinds = byPeriod.getOrDefault(period, zeros());
        BigDecimal closing = opening;
        for (BigDecimal amount : kinds) {
            closing = closing.add(amount);
        }
        return new AccountPeriod(accountId, account.name(), account.coverage(), account.owner(), firstArrDay, opening,
                kinds[MovementKind.NEW.ordinal()], kinds[MovementKind.EXPANSION.ordinal()],
                kinds[MovementKind.CONTRACTION.ordinal()], kinds[MovementKind.CHURN.ordinal()],
                kinds[MovementKind.REACTIVATION.ordinal()], closing);
    }

    /** The name, coverage and owner an account is grouped by; all empty for an account no longer in the book. */
    record AccountAttributes(String name, String coverage, String owner) {
        static final AccountAttributes GONE = new AccountAttributes(null, null, null);

        static AccountAttributes of(Map<Long, AccountAttributes> accounts, long accountId) {
            return accounts.getOrDefault(accountId, GONE);
        }
    }

    private static BigDecimal[] zeros() {
        BigDecimal[] kinds = new BigDecimal[KINDS];
        Arrays.fill(kinds, ZERO);
        return kinds;
    }
}
