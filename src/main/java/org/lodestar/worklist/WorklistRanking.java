package org.lodestar.worklist;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

/**
 * How the worklist is ordered: priority = risk × value × urgency (docs/worklist.md), highest first.
 * <ul>
 * <li>risk, 0.3 to 1: the higher of the account's risk and its most severe open signal (high 1.0, medium 0.6,
 * low 0.3). The account's risk comes from its health band (red 1.0, yellow 0.6, green 0.3, unscored 0.5), from the
 * churn model (probability at least twice the book's rate 1.0, at least the rate 0.6, below it 0.3, unscored 0.5),
 * or the higher of the two, as {@code lodestar.worklist.risk} says ({@link RiskSource});</li>
 * <li>value, from 1: log10(10 + ARR / 1,000) — 1.0 at no ARR, 2.04 at 100,000, 3.0 at 990,000 — so
 * larger accounts come first without one drowning the rest;</li>
 * <li>urgency, from 1: 1 + (180 − days to renewal) / 90 within 180 days of the renewal (up to 2 more
 * at or past it) + for a task, days overdue / 7 (at most 2), 0.5 when due today, and 0.5 more for a
 * high-priority task.</li>
 * </ul>
 * Entries with an overdue task come before all others; ties go to the earlier due date, then the account name.
 */
public final class WorklistRanking {

    private WorklistRanking() {
    }

    /** Where an account's risk comes from: its scorecard band, the learned churn model, or the higher of the two. */
    public enum RiskSource {
        SCORECARD, MODEL, BOTH
    }

    /**
     * The facts of one worklist entry that the ranking reads.
     *
     * @param modelRisk the churn model's risk level (see {@link #modelRisk}); null when the model has not scored the account
     */
    public record Input(String band, Double modelRisk, String worstSeverity, BigDecimal arr, LocalDate renewalDate,
            LocalDate dueOn, boolean highPriority) {

        public Input(String band, String worstSeverity, BigDecimal arr, LocalDate renewalDate, LocalDate dueOn,
                boolean highPriority) {
            this(band, null, worstSeverity, arr, renewalDate, dueOn, highPriority);
        }
    }

    /** The three factors and their product, each to two decimals. */
    public record Priority(BigDecimal risk, BigDecimal value, BigDecimal urgency, BigDecimal score) {
    }

    public static Priority priority(Input in, LocalDate today) {
        return priority(in, today, RiskSource.SCORECARD);
    }

    public static Priority priority(Input in, LocalDate today, RiskSource source) {
        double account = switch (source) {
            case SCORECARD -> bandRisk(in.band());
            case MODEL -> in.modelRisk() == null ? 0.5 : in.modelRisk();
            case BOTH -> Math.max(bandRisk(in.band()), in.modelRisk() == null ? 0.5 : in.modelRisk());
        };
        double risk = Math.max(account, severityRisk(in.worstSeverity()));
        double value = Math.log10(10 + in.arr().doubleValue() / 1000);
        double urgency = 1;
        if (in.renewalDate() != null) {
            long days = ChronoUnit.DAYS.between(today, in.renewalDate());
            if (days <= 180) {
                urgency += Math.min(2, (180 - Math.max(days, 0)) / 90.0);
            }
        }
        if (in.dueOn() != null) {
            long overdue = ChronoUnit.DAYS.between(in.dueOn(), today);
            if (overdue > 0) {
                urgency += Math.min(2, overdue / 7.0);
            } else if (overdue == 0) {
                urgency += 0.5;
            }
            if (in.highPriority()) {
                urgency += 0.5;
            }
        }
        return new Priority(round(risk), round(value), round(urgency), round(risk * value * urgency));
    }

    static double bandRisk(String band) {
        if (band == null) {
            return 0.5;
        }
        return switch (band) {
            case "red" -> 1.0;
            case "yellow" -> 0.6;
            case "green" -> 0.3;
            default -> 0.5;
        };
    }

    /**
     * The churn model's probability as a risk level like a band's: 1.0 at twice the book's rate or more, 0.6 from the
     * rate, 0.3 below it; null without a probability.
     */
    public static Double modelRisk(BigDecimal probability, double bookRate) {
        if (probability == null) {
            return null;
        }
        double p = probability.doubleValue();
        return p >= 2 * bookRate ? 1.0 : p >= bookRate ? 0.6 : 0.3;
    }

    static double severityRisk(String severity) {
        if (severity == null) {
            return 0;
        }
        return switch (severity) {
            case "high" -> 1.0;
            case "medium" -> 0.6;
            default -> 0.3;
        };
    }

    private static BigDecimal round(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * Sorts entries with an overdue task first, then by priority, highest first; ties by due date (earliest first),
     * then account name.
     */
    public static <T extends Ranked> List<T> order(List<T> entries) {
        return entries.stream().sorted(Comparator.comparing((T e) -> e.overdueTasks() > 0 ? 0 : 1)
                .thenComparing(Comparator.comparing((T e) -> e.priority().score()).reversed())
                .thenComparing(e -> e.dueOn() == null ? LocalDate.MAX : e.dueOn())
                .thenComparing(Ranked::accountName)).toList();
    }

    /** What {@link #order} sorts. */
    public interface Ranked {
        Priority priority();

        LocalDate dueOn();

        String accountName();

        long overdueTasks();
    }
}
