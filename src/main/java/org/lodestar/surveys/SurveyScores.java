package org.lodestar.surveys;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;

/** The two survey measures, in plain arithmetic. */
public final class SurveyScores {

    private SurveyScores() {
    }

    /**
     * Net promoter score: percent promoters minus percent detractors, rounded half away from zero to a
     * whole number from -100 to 100; null when there are no scores.
     */
    public static Integer netPromoterScore(Collection<Integer> npsScores) {
        if (npsScores.isEmpty()) {
            return null;
        }
        long promoters = npsScores.stream().filter(s -> NpsCategory.of(s) == NpsCategory.PROMOTER).count();
        long detractors = npsScores.stream().filter(s -> NpsCategory.of(s) == NpsCategory.DETRACTOR).count();
        return percent(promoters - detractors, npsScores.size());
    }

    /** The same from counts of answers per category, as a database counts them. */
    public static Integer netPromoterScore(long promoters, long passives, long detractors) {
        long answers = promoters + passives + detractors;
        return answers == 0 ? null : percent(promoters - detractors, answers);
    }

    /** CSAT from counts: satisfied answers (4 or 5) of all answers, in percent rounded half up; null for none. */
    public static Integer csatPercent(long satisfied, long answers) {
        return answers == 0 ? null : percent(satisfied, answers);
    }

    /** CSAT: the percent of answers that are 4 or 5 (satisfied), rounded half up; null when there are none. */
    public static Integer csatPercent(Collection<Integer> csatScores) {
        if (csatScores.isEmpty()) {
            return null;
        }
        for (int score : csatScores) {
            if (!SurveyKind.CSAT.allows(score)) {
                throw new IllegalArgumentException("a CSAT score is 1 to 5, got " + score);
            }
        }
        return percent(csatScores.stream().filter(s -> s >= 4).count(), csatScores.size());
    }

    private static int percent(long part, long whole) {
        return BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 0, RoundingMode.HALF_UP).intValueExact();
    }
}
