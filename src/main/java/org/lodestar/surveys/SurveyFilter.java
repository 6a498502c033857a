package org.lodestar.surveys;

/** Which survey answers to list across the book; null means any. {@code limit} is 1 to 1000. */
public record SurveyFilter(Long accountId, SurveyKind kind, NpsCategory category, int limit) {
}
