package org.lodestar.revenue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A contract with an account: its term and its line items. */
public record Subscription(long id, String externalId, long accountId, boolean autoRenew, LocalDate startDate,
        LocalDate endDate, List<LineItem> lineItems) {

    public BigDecimal arrOn(LocalDate day) {
        return lineItems.stream().filter(item -> item.activeOn(day)).map(LineItem::arr)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public int seatsOn(LocalDate day) {
        return lineItems.stream().filter(item -> item.activeOn(day)).mapToInt(LineItem::seats).sum();
    }
}
