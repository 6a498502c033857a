package org.lodestar.surveys;

import java.time.Instant;

/** One answer to a survey. {@code category} is the NPS category, null for CSAT. */
public record SurveyResponse(long id, long accountId, String externalId, SurveyKind kind, int score,
        NpsCategory category, String comment, String respondentEmail, Instant respondedAt, String source) {
}
