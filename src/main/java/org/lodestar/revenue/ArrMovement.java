package org.lodestar.revenue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One line of the append-only ARR ledger: the account's ARR changed by {@code amount} (negative for
 * contraction and churn) with effect from {@code effectiveDate}. {@code source} says who or what
 * changed the contracts; {@code recordedAt} when the ledger learned of it.
 */
public record ArrMovement(long id, long accountId, LocalDate effectiveDate, MovementKind kind, BigDecimal amount,
        String reason, String source, Instant recordedAt) {
}
