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
 * <li>risk, 0.3 to 1: the higher of the account's health band (red 1.0, yellow 0.6, green 0.3,
 * unscored 0.5) and its most severe open signal (high 1.0, medium 0.6, low 0.3);</li>
 * <li>value, from 1: log10(10 + ARR / 1,000) — 1.0 at no ARR, 2.04 at 100,000, 3.0 at 990,000 — so
 * larger accounts come first without one drowning the rest;</li>
 * <li>urgency, from 1: 1 + (180 − days to renewal) / 90 within 180 days of the renewal (up to 2 more
 * at or past it) + for a task, days overdue / 7 (at most 2), 0.5 when due today, and 0.5 more for a
 * high-priority task.</li>
 * </ul>
 * Ties go to the earlier due date, then the account name.
 */
public final class WorklistRanking {

    private WorklistRanking() {
    }

    /** The facts of one worklist entry that the ranking reads. */
    public record Input(String band, String worstSeverity, BigDecimal arr, LocalDate renewalDate, LocalDate dueOn,
            boolean highPriority) {
    }

    /** The three factors and their product, each to two decimals. */
    public record Priority(BigDecimal risk, BigDecimal value, BigDecimal urgency, BigDecimal score) {
    }

    public static Priority priority(Input in, LocalDate today) {
        double risk = Math.max(bandRisk(in.band()), severityRisk(in.worstSeverity()));
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

    /** Sorts entries by priority, highest first; ties by due date (earliest first), then account name. */
    public static <T extends Ranked> List<T> order(List<T> entries) {
        return entries.stream().sorted(Comparator.comparing((T e) -> e.priority().score()).reversed()
                .thenComparing(e -> e.dueOn() == null ? LocalDate.MAX : e.dueOn())
                .thenComparing(Ranked::accountName)).toList();
    }

    /** What {@link #order} sorts. */
    public interface Ranked {
        Priority priority();

        LocalDate dueOn();

        String accountName();
    }
}
