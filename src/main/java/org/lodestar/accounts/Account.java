package org.lodestar.accounts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An account in the book. {@code arr} and {@code renewalDate} summarise its contracts and
 * {@code segment} follows from the ARR through the configured bands; the contracts module keeps
 * them current.
 */
public record Account(long id, String externalId, String billingId, String productGroupId, String name,
        String domain, String industry, String country, Owner owner, Parent parent, LifecycleStage stage,
        CoverageModel coverage, String segment, BigDecimal arr, LocalDate renewalDate, Instant createdAt,
        Instant updatedAt) {

    public record Owner(long id, String email, String name) {
    }

    public record Parent(long id, String externalId, String name) {
    }
}
