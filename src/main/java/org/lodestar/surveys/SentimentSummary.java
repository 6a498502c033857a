package org.lodestar.surveys;

import java.util.List;

/**
 * An account's survey answers over a window: the net promoter score (-100 to 100, null without NPS
 * answers) with its counts, the CSAT share of satisfied answers (4 or 5; percent, null without CSAT
 * answers), and the latest answers.
 */
public record SentimentSummary(int windowDays, Integer nps, int promoters, int passives, int detractors,
        Integer csatPercent, int csatResponses, List<SurveyResponse> latest) {
}
