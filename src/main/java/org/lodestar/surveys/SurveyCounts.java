package org.lodestar.surveys;

/**
 * Over every answer a search matches: how many, the NPS answers by category, and the CSAT answers with how many of
 * them are satisfied (4 or 5).
 */
public record SurveyCounts(long matched, long promoters, long passives, long detractors, long csatAnswers,
        long csatSatisfied) {

    /** The net promoter score of the NPS answers, -100 to 100; null without any. */
    public Integer nps() {
        return SurveyScores.netPromoterScore(promoters, passives, detractors);
    }

    /** The percent of CSAT answers that are satisfied; null without any. */
    public Integer csatPercent() {
        return SurveyScores.csatPercent(csatSatisfied, csatAnswers);
    }

    public long npsAnswers() {
        return promoters + passives + detractors;
    }
}
