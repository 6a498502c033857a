package org.lodestar.surveys;

import java.time.Instant;

import org.lodestar.accounts.AccountRecords;

/**
 * What a person or an import says about a survey answer. Missing respondedAt means now (the API only;
 * imports must say); missing source means {@code api}.
 */
public record SurveyDraft(String externalId, SurveyKind kind, Integer score, String comment, String respondentEmail,
        Instant respondedAt, String source) implements AccountRecords.Draft {
}
