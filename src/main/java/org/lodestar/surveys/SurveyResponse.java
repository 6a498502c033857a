package org.lodestar.surveys;

import java.time.Instant;

import org.lodestar.accounts.AccountRecords;

/** One answer to a survey. {@code category} is the NPS category, null for CSAT. */
public record SurveyResponse(long id, long accountId, String externalId, SurveyKind kind, int score,
        NpsCategory category, String comment, String respondentEmail, Instant respondedAt, String source)
        implements AccountRecords.Owned<SurveyDraft> {
    /** The answer as a draft: what an upsert compares with to tell whether anything changed. */
    public SurveyDraft asDraft() {
        return new SurveyDraft(externalId, kind, score, comment, respondentEmail, respondedAt, source);
    }
}
