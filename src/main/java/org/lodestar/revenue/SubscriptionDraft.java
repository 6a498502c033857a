package org.lodestar.revenue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a person or an import says about a contract. Line items without dates run for the whole
 * term; a missing module means {@code core}.
 */
@Schema(example = """
        {"externalId": "SUB-ACME-2026", "startDate": "2026-03-01", "endDate": "2027-02-28", "autoRenew": true, "lineItems": [{"plan": "enterprise", "seats": 500, "arr": 150000}]}""")
public record SubscriptionDraft(String externalId, LocalDate startDate, LocalDate endDate, Boolean autoRenew,
        List<Item> lineItems) {

    public record Item(String plan, String module, Integer seats, BigDecimal arr, LocalDate startDate,
            LocalDate endDate) {
    }
}
