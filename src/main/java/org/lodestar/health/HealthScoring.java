package org.lodestar.health;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The scoring engine: raw input values in, a score with its explanation out. Pure: no Spring,
 * no SQL, no clock.
 *
 * <p>Score = Σ sub-score × weight / Σ weight over the measures that count (a missing measure
 * under "exclude" does not count, so the others are re-weighted), rounded to one decimal. Each
 * contribution is rounded to one decimal too, by largest remainder, so the contributions always
 * add up to the score exactly.
 *
 * <p>A measure or critical condition with a {@code from-day} is not judged for an account younger than that (days
 * since the customer started): it is left out like an excluded measure, with the policy "not judged before day N".
 * When nothing can be judged yet the score is null and the band {@link Band#NONE}: a new account has no score yet,
 * rather than a red one for usage and contacts that cannot exist. So too when the measures with data carry less of
 * the weight judged than the scorecard's {@code minimum-data}: an account whose usage, surveys and contacts have not
 * arrived yet gets no score, not one made of missing-data fill-ins.
 */
public final class HealthScoring {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal TENTH = new BigDecimal("0.1");

    private HealthScoring() {
    }

    /** A value last seen for a measure, for the carry-last policy. */
    public record Observed(BigDecimal value, LocalDate on) {
    }

    /** The start of the policy of a measure not judged at the account's age. */
    public static final String NOT_JUDGED = "not judged before day ";

    /** Scores an account whose age is unknown: every measure is judged. */
    public static HealthScore score(ScorecardDefinition scorecard, LocalDate asOf,
            Function<MeasureInput.Key, BigDecimal> values, Function<String, Observed> lastSeen) {
        return score(scorecard, asOf, null, values, lastSeen);
    }

    /**
     * @param ageDays days from the customer's start to {@code asOf} (0 on the first day), null when unknown
     * @param values the raw value of each input on {@code asOf}, null when there is no data
     * @param lastSeen the last value each measure (by key) had, for carry-last; may return null
     */
    public static HealthScore score(ScorecardDefinition scorecard, LocalDate asOf, Integer ageDays,
            Function<MeasureInput.Key, BigDecimal> values, Function<String, Observed> lastSeen) {
        List<Draft> drafts = new ArrayList<>();
        for (MeasureDefinition measure : scorecard.measures()) {
            BigDecimal raw = values.apply(measure.inputKey());
            drafts.add(measure.judgedAt(ageDays) ? draft(measure, asOf, raw, lastSeen)
                    : new Draft(measure, raw, raw == null ? null : asOf, null, raw == null,
                            NOT_JUDGED + measure.fromDay() + " (account on day " + ageDays + ")"));
        }
        BigDecimal totalWeight = drafts.stream().filter(d -> d.subScore != null).map(d -> d.measure.weight())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        if (totalWeight.signum() == 0 || dataShare(drafts).compareTo(scorecard.minimumData()) < 0) {
            List<MeasureResult> results = drafts.stream().map(d -> d.result(null, null)).toList();
            return new HealthScore(null, Band.NONE, scorecard.name(), scorecard.version(), asOf, results);
        }
        Map<Draft, BigDecimal> contributions = apportion(drafts, totalWeight);
        List<MeasureResult> results = new ArrayList<>();
        BigDecimal score = BigDecimal.ZERO.setScale(1);
        for (Draft d : drafts) {
            BigDecimal contribution = contributions.get(d);
            BigDecimal share = d.subScore == null ? null
                    : d.measure.weight().multiply(HUNDRED).divide(totalWeight, 1, RoundingMode.HALF_UP);
            results.add(d.result(share, contribution));
            if (contribution != null) {
                score = score.add(contribution);
            }
        }
        // Critical conditions: each that holds is a line of the explanation; the lowest ceiling caps the score, and the
        // line of that condition carries the difference, so the lines still add up to the score.
        List<CriticalCondition> held = scorecard.critical().stream().filter(c -> c.judgedAt(ageDays) && c.holds(values))
                .toList();
        CriticalCondition capping = held.stream().min(Comparator.comparing(c -> c.ceiling(scorecard.bands()))).orElse(null);
        for (CriticalCondition condition : held) {
            BigDecimal ceiling = condition.ceiling(scorecard.bands()).max(BigDecimal.ZERO.setScale(1));
            BigDecimal cut = condition == capping && score.compareTo(ceiling) > 0 ? ceiling.subtract(score)
                    : BigDecimal.ZERO.setScale(1);
            results.add(critical(condition, values, cut));
            score = score.add(cut);
        }
        return new HealthScore(score, scorecard.bands().of(score), scorecard.name(), scorecard.version(), asOf, results);
    }

    /**
     * The share of the weight judged (in percent, one decimal) that rests on data: measures with a value of the day or a
     * value carried from an earlier one, against every measure judged at the account's age except those left out for
     * being quiet. Fill-ins of a missing-data policy (neutral, penalty) and excluded measures are not data. 100 when
     * nothing is judged.
     */
    private static BigDecimal dataShare(List<Draft> drafts) {
        BigDecimal judged = BigDecimal.ZERO;
        BigDecimal withData = BigDecimal.ZERO;
        for (Draft d : drafts) {
            if (isJudged(d.policy)) {
                judged = judged.add(d.measure.weight());
                withData = d.value != null ? withData.add(d.measure.weight()) : withData;
            }
        }
        return judged.signum() == 0 ? HUNDRED : withData.multiply(HUNDRED).divide(judged, 1, RoundingMode.DOWN);
    }

    private static boolean isJudged(String policy) {
        return policy == null || !(policy.startsWith(NOT_JUDGED) || policy.equals(MeasureResult.QUIET));
    }

    /**
     * Why a score has no value, in a sentence: a new account not judged yet on anything (from which day it will be), too
     * little data for the scorecard's {@code minimum-data} (how much there was, and on what), or no data at all; null
     * for a score with a value.
     */
    public static String unscoredNote(HealthScore score, BigDecimal minimumData) {
        if (score.score() != null) {
            return null;
        }
        List<MeasureResult> judged = score.measures().stream().filter(m -> !m.critical() && isJudged(m.policy())).toList();
        OptionalInt firstDay = score.measures().stream().map(MeasureResult::policy)
                .filter(p -> p != null && p.startsWith(NOT_JUDGED))
                .mapToInt(p -> Integer.parseInt(p.substring(NOT_JUDGED.length()).split(" ")[0])).min();
        if (judged.isEmpty() && firstDay.isPresent()) {
            return "No score yet: a new account is judged only on what can exist at its age, and this scorecard judges "
                    + "its first measures from day " + firstDay.getAsInt() + ".";
        }
        List<MeasureResult> withData = judged.stream().filter(m -> m.value() != null).toList();
        if (withData.isEmpty()) {
            return "No score: none of the scorecard's measures had data.";
        }
        BigDecimal all = judged.stream().map(MeasureResult::weight).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal some = withData.stream().map(MeasureResult::weight).reduce(BigDecimal.ZERO, BigDecimal::add);
        return "No score: only " + percent(some.multiply(HUNDRED).divide(all, 1, RoundingMode.DOWN)) + " of the weight judged "
                + "has data (" + String.join(", ", withData.stream().map(MeasureResult::label).toList())
                + "), and this scorecard scores an account from " + percent(minimumData) + " (minimum-data).";
    }

    private static String percent(BigDecimal share) {
        return share.stripTrailingZeros().toPlainString() + "%";
    }

    /** A critical condition that holds, as a line of the explanation: its contribution is the cut it made (0 or less). */
    private static MeasureResult critical(CriticalCondition condition, Function<MeasureInput.Key, BigDecimal> values,
            BigDecimal cut) {
        MeasureInput.Key first = condition.when().get(0).input();
        return new MeasureResult(condition.key(), condition.label(), first.input().group(), first.input(), first.windowDays(),
                values.apply(first), null, null, BigDecimal.ZERO, BigDecimal.ZERO.setScale(1), cut, false,
                MeasureResult.CRITICAL + condition.atMost().label() + " (" + condition.because(values) + ")");
    }

    private static Draft draft(MeasureDefinition measure, LocalDate asOf, BigDecimal raw, Function<String, Observed> lastSeen) {
        if (measure.leftOutWhenQuiet(raw)) {
            return new Draft(measure, raw, asOf, null, false, MeasureResult.QUIET);
        }
        if (raw != null) {
            return new Draft(measure, raw, asOf, clamp(measure.function().score(raw)), false, null);
        }
        return switch (measure.missing()) {
            case MissingDataPolicy.Exclude exclude -> new Draft(measure, null, null, null, true, exclude.label());
            case MissingDataPolicy.Neutral neutral -> new Draft(measure, null, null, neutral.score(), true, neutral.label());
            case MissingDataPolicy.Penalty penalty -> new Draft(measure, null, null, penalty.score(), true, penalty.label());
            case MissingDataPolicy.CarryLast carry -> {
                Observed last = lastSeen.apply(measure.key());
                if (last == null || last.on() == null || ChronoUnit.DAYS.between(last.on(), asOf) > carry.maxAgeDays()) {
                    yield new Draft(measure, null, null, null, true, carry.label() + ": nothing recent, excluded");
                }
                yield new Draft(measure, last.value(), last.on(), clamp(measure.function().score(last.value())), true,
                        carry.label() + ": value of " + last.on());
            }
        };
    }

    private static BigDecimal clamp(BigDecimal subScore) {
        return subScore.max(BigDecimal.ZERO).min(HUNDRED);
    }

    /** Contributions to one decimal that add up to the score rounded to one decimal (largest remainder). */
    private static Map<Draft, BigDecimal> apportion(List<Draft> drafts, BigDecimal totalWeight) {
        Map<Draft, BigDecimal> exact = new java.util.LinkedHashMap<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (Draft d : drafts) {
            if (d.subScore != null) {
                BigDecimal value = d.subScore.multiply(d.measure.weight()).divide(totalWeight, 12, RoundingMode.HALF_UP);
                exact.put(d, value);
                sum = sum.add(value);
            }
        }
        BigDecimal target = sum.setScale(1, RoundingMode.HALF_UP);
        Map<Draft, BigDecimal> rounded = new java.util.LinkedHashMap<>();
        BigDecimal floored = BigDecimal.ZERO;
        for (Map.Entry<Draft, BigDecimal> e : exact.entrySet()) {
            BigDecimal down = e.getValue().setScale(1, RoundingMode.FLOOR);
            rounded.put(e.getKey(), down);
            floored = floored.add(down);
        }
        int tenthsLeft = target.subtract(floored).divide(TENTH, 0, RoundingMode.HALF_UP).intValueExact();
        List<Draft> byRemainder = new ArrayList<>(exact.keySet());
        byRemainder.sort(Comparator.comparing((Draft d) -> exact.get(d).subtract(rounded.get(d))).reversed());
        for (int i = 0; i < tenthsLeft && i < byRemainder.size(); i++) {
            rounded.merge(byRemainder.get(i), TENTH, BigDecimal::add);
        }
        for (Draft d : drafts) {
            rounded.putIfAbsent(d, null);
        }
        return rounded;
    }

    private record Draft(MeasureDefinition measure, BigDecimal value, LocalDate observedOn, BigDecimal subScore,
            boolean missing, String policy) {

        MeasureResult result(BigDecimal share, BigDecimal contribution) {
            return new MeasureResult(measure.key(), measure.label(), measure.group(), measure.input(),
                    measure.windowDays(), value, observedOn, subScore == null ? null : subScore.setScale(1, RoundingMode.HALF_UP),
                    measure.weight(), share, contribution, missing, policy);
        }
    }
}
