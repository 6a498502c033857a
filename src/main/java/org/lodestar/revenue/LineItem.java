package org.lodestar.revenue;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One priced part of a contract. It runs from {@code startDate} up to but not including
 * {@code endDate} (the renewal date); no end date means it runs until changed.
 */
public record LineItem(long id, String plan, String module, int seats, BigDecimal arr, LocalDate startDate,
        LocalDate endDate) {

    public boolean activeOn(LocalDate day) {
        return !day.isBefore(startDate) && (endDate == null || day.isBefore(endDate));
    }
}
