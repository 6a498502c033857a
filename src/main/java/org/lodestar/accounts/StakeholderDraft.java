package org.lodestar.accounts;

import java.time.LocalDate;

/** What a person or an import says about a contact. A missing status means active. */
public record StakeholderDraft(String email, String name, String title, StakeholderRole role,
        StakeholderStatus status, LocalDate leftOn) {
}
