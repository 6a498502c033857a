package org.lodestar.health.internal;

import org.lodestar.health.MeasureInput;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.lodestar.usage.UsageFacts;
import org.lodestar.usage.UsageFacts.Days;

/**
 * What the usage inputs among some scorecard keys need from the rollups as of a day: the day ranges whose totals
 * they read (a trend also reads the window before its own), and the windows of distinct people, features and modules.
 */
public record UsagePlan(LocalDate asOf, List<MeasureInput.Key> dayKeys, List<MeasureInput.Key> userKeys,
        List<MeasureInput.Key> featureKeys, List<MeasureInput.Key> depthKeys, List<Days> ranges) {

    public static UsagePlan of(LocalDate asOf, Set<MeasureInput.Key> keys) {
        List<MeasureInput.Key> dayKeys = keysOf(keys, MeasureInput.ACTIVE_DAYS, MeasureInput.EVENTS, MeasureInput.USAGE_TREND);
        List<Days> ranges = new ArrayList<>();
        for (MeasureInput.Key key : dayKeys) {
            ranges.add(Days.ending(asOf, key.windowDays()));
            if (key.input() == MeasureInput.USAGE_TREND) {
                ranges.add(Days.ending(asOf, key.windowDays()).before());
            }
        }
        return new UsagePlan(asOf, dayKeys, keysOf(keys, MeasureInput.ACTIVE_USERS, MeasureInput.LICENCE_UTILISATION),
                keysOf(keys, MeasureInput.FEATURES_USED), keysOf(keys, MeasureInput.ADOPTION_DEPTH), List.copyOf(ranges));
    }

    /** In one order whatever the set's: the same keys make the same ranges in the same order, and the same signature. */
    private static List<MeasureInput.Key> keysOf(Set<MeasureInput.Key> keys, MeasureInput... inputs) {
        return keys.stream().filter(k -> List.of(inputs).contains(k.input()))
                .sorted(java.util.Comparator.comparing(MeasureInput.Key::input).thenComparingInt(MeasureInput.Key::windowDays))
                .toList();
    }

    public boolean isEmpty() {
        return dayKeys.isEmpty() && userKeys.isEmpty() && featureKeys.isEmpty() && depthKeys.isEmpty();
    }

    public Set<Integer> userWindows() {
        return windows(userKeys);
    }

    public Set<Integer> featureWindows() {
        return windows(featureKeys);
    }

    public Set<Integer> depthWindows() {
        return windows(depthKeys);
    }

    private static Set<Integer> windows(List<MeasureInput.Key> keys) {
        return keys.stream().map(MeasureInput.Key::windowDays).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The ranges without repeats, in the order first asked for. */
    public List<Days> distinctRanges() {
        return ranges.stream().distinct().toList();
    }

    /**
     * The plan's shape relative to its day: two plans with the same signature read the same days relative to theirs,
     * so a summary of earlier days kept for one serves the other on the same day.
     */
    public String signature() {
        StringBuilder text = new StringBuilder("r");
        for (Days range : distinctRanges()) {
            text.append(' ').append(ChronoUnit.DAYS.between(range.from(), asOf)).append('-')
                    .append(ChronoUnit.DAYS.between(range.to(), asOf));
        }
        return text.append(" u").append(userWindows()).append(" f").append(featureWindows()).append(" m")
                .append(depthWindows()).toString();
    }

    /**
     * The rollup figures the usage inputs are computed from, per account: totals for each of {@link #ranges} in order,
     * distinct people and features per window, modules used per window, and the accounts that had sent usage by the
     * day (the others' usage inputs are missing, not zero).
     */
    public record Figures(Map<Long, List<UsageFacts.Totals>> totals, Map<Integer, Map<Long, Long>> users,
            Map<Integer, Map<Long, Long>> features, Map<Integer, Map<Long, Set<String>>> modules, Set<Long> tracked) {
    }
}
