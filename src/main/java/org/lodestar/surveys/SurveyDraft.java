package org.lodestar.surveys;

import java.time.Instant;

import org.lodestar.accounts.AccountRecords;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a person or an import says about a survey answer. Missing respondedAt means now (the API only;
 * imports must say); missing source means {@code api}.
 */
@Schema(example = """
        {"externalId": "NPS-8812", "kind": "nps", "score": 9, "comment": "The health dashboard saves us hours", "respondentEmail": "wile@acme.example", "respondedAt": "2026-11-30T15:04:00Z"}""")
public record SurveyDraft(String externalId, SurveyKind kind, Integer score, String comment, String respondentEmail,
        Instant respondedAt, String source) implements AccountRecords.Draft {
}
