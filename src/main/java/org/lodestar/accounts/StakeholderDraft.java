package org.lodestar.accounts;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.media.Schema;

/** What a person or an import says about a contact. A missing status means active. */
@Schema(example = """
        {"email": "wile@acme.example", "name": "Wile E. Coyote", "title": "VP Engineering", "role": "champion", "status": "active"}""")
public record StakeholderDraft(String email, String name, String title, StakeholderRole role,
        StakeholderStatus status, LocalDate leftOn) {
}
