package org.lodestar.worklist;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.lodestar.accounts.CoverageModel;
import org.lodestar.accounts.TimeCategory;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The arithmetic of where a CSM's time goes, without Spring or SQL: minutes per category, each category's whole-percent
 * share, the target blended from the CSM's book, and the difference. Shares are rounded by largest remainder so they
 * sum to exactly 100 (when any time was spent), and so are blended targets.
 */
public final class TimeSplit {

    /** Minutes spent under one category (one task or activity, or many). */
    public record Spent(TimeCategory category, long minutes) {
    }

    // Named apart from the other Row types: springdoc names a schema by the simple name.
    /** One category of a CSM's month: minutes, share of the total (%), target (%), share minus target (points). */
    @Schema(name = "TimeSplitRow")
    public record Row(TimeCategory category, long minutes, int share, Integer target, Integer difference) {

        /** The minutes as a person reads them: "2h 05m", "45m". */
        public String hours() {
            return TimeSplit.hours(minutes);
        }
    }

    /** A CSM's month: every category in order, and the total they sum to; {@code target} null when the CSM has no book. */
    public record Split(long totalMinutes, List<Row> rows, Map<TimeCategory, Integer> target) {

        /** The total as a person reads it: "12h 30m". */
        public String totalHours() {
            return hours(totalMinutes);
        }
    }

    private TimeSplit() {
    }

    /** Minutes as hours and minutes: 125 is "2h 05m", 45 is "45m", 0 is "0m". */
    public static String hours(long minutes) {
        return minutes < 60 ? minutes + "m" : minutes / 60 + "h " + String.format("%02dm", minutes % 60);
    }

    /** The split of these minutes against a target (null: none). */
    public static Split of(List<Spent> spent, Map<TimeCategory, Integer> target) {
        Map<TimeCategory, Long> minutes = new EnumMap<>(TimeCategory.class);
        for (TimeCategory c : TimeCategory.values()) {
            minutes.put(c, 0L);
        }
        spent.forEach(s -> minutes.merge(s.category(), s.minutes(), Long::sum));
        Map<TimeCategory, Integer> shares = percents(minutes);
        long total = minutes.values().stream().mapToLong(Long::longValue).sum();
        List<Row> rows = new ArrayList<>();
        for (TimeCategory c : TimeCategory.values()) {
            Integer aim = target == null ? null : target.get(c);
            rows.add(new Row(c, minutes.get(c), shares.get(c), aim, aim == null ? null : shares.get(c) - aim));
        }
        return new Split(total, rows, target);
    }

    /**
     * A CSM's target: the coverage models' targets weighted by how many of the CSM's accounts each model covers, so a
     * book of 3 high-touch and 1 digital account aims three quarters at the high-touch split. Null when the CSM has no
     * accounts.
     */
    public static Map<TimeCategory, Integer> blendedTarget(Map<CoverageModel, Long> accounts,
            Map<CoverageModel, Map<TimeCategory, Integer>> targets) {
        Map<TimeCategory, Long> weighted = new EnumMap<>(TimeCategory.class);
        long total = 0;
        for (TimeCategory c : TimeCategory.values()) {
            weighted.put(c, 0L);
        }
        for (Map.Entry<CoverageModel, Long> e : accounts.entrySet()) {
            total += e.getValue();
            Map<TimeCategory, Integer> split = targets.get(e.getKey());
            for (TimeCategory c : TimeCategory.values()) {
                weighted.merge(c, e.getValue() * split.getOrDefault(c, 0), Long::sum);
            }
        }
        return total == 0 ? null : percents(weighted);
    }

    /**
     * Whole percents of these weights that sum to 100: each gets the floor of its exact share, and the points left go one
     * each to the largest remainders (the earlier category on a tie). All zero when the weights are.
     */
    public static Map<TimeCategory, Integer> percents(Map<TimeCategory, Long> weights) {
        TimeCategory[] all = TimeCategory.values();
        long total = 0;
        for (TimeCategory c : all) {
            total += weights.getOrDefault(c, 0L);
        }
        Map<TimeCategory, Integer> percents = new EnumMap<>(TimeCategory.class);
        if (total == 0) {
            for (TimeCategory c : all) {
                percents.put(c, 0);
            }
            return percents;
        }
        long[] remainders = new long[all.length];
        int given = 0;
        for (int i = 0; i < all.length; i++) {
            long scaled = weights.getOrDefault(all[i], 0L) * 100;
            percents.put(all[i], (int) (scaled / total));
            remainders[i] = scaled % total;
            given += (int) (scaled / total);
        }
        for (int left = 100 - given; left > 0; left--) {
            int largest = 0;
            for (int i = 1; i < all.length; i++) {
                if (remainders[i] > remainders[largest]) {
                    largest = i;
                }
            }
            percents.merge(all[largest], 1, Integer::sum);
            remainders[largest] = -1;
        }
        return percents;
    }
}
