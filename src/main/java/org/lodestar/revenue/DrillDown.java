package org.lodestar.revenue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The accounts and movements behind one retention figure. The accounts' amounts add up to
 * {@code total}; for figures made of movements, so do the movements ({@code movementCount} of them;
 * the list stops at the requested limit).
 */
public record DrillDown(LocalDate from, LocalDate to, RetentionFigure figure, RetentionGrouping by, String group,
        BigDecimal total, List<AccountAmount> accounts, int movementCount, List<ArrMovement> movements,
        boolean truncated) {

    public record AccountAmount(long accountId, String accountName, BigDecimal amount) {
    }
}
