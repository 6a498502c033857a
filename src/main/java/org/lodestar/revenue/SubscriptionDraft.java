package org.lodestar.revenue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What a person or an import says about a contract. Line items without dates run for the whole
 * term; a missing module means {@code core}.
 */
public record SubscriptionDraft(String externalId, LocalDate startDate, LocalDate endDate, Boolean autoRenew,
        List<Item> lineItems) {

    public record Item(String plan, String module, Integer seats, BigDecimal arr, LocalDate startDate,
            LocalDate endDate) {
    }
}
