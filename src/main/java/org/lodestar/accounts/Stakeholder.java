package org.lodestar.accounts;

import java.time.LocalDate;

/** A contact at a customer and their part in the relationship. {@code leftOn} is set once they leave. */
public record Stakeholder(long id, long accountId, String email, String name, String title, StakeholderRole role,
        StakeholderStatus status, LocalDate leftOn) {
}
