package org.lodestar.health;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A condition an experienced CSM treats as critical whatever the average says (an economic sponsor gone
 * and not replaced; licences idle while usage falls): when every part of it holds, the score is capped at
 * the top of {@code atMost}'s band. A part with no data does not hold. Like a measure, a condition is only judged
 * from the account age {@code fromDay} (0: always).
 */
public record CriticalCondition(String key, String label, List<Part> when, Band atMost, int fromDay) {

    public CriticalCondition {
        when = List.copyOf(when);
    }

    /** A condition judged whatever the account's age. */
    public CriticalCondition(String key, String label, List<Part> when, Band atMost) {
        this(key, label, when, atMost, 0);
    }

    /** Whether an account of this age (null: unknown) is judged on this condition. */
    public boolean judgedAt(Integer ageDays) {
        return fromDay == 0 || ageDays == null || ageDays >= fromDay;
    }

    // Named apart from the other Part types: springdoc names a schema by the simple name.
    /** One part: an input's value below a bound and/or at least a bound. */
    @Schema(name = "ConditionPart")
    public record Part(MeasureInput.Key input, BigDecimal below, BigDecimal atLeast) {

        boolean holds(BigDecimal value) {
            return value != null && (below == null || value.compareTo(below) < 0)
                    && (atLeast == null || value.compareTo(atLeast) >= 0);
        }

        String describe(BigDecimal value) {
            String bound = below != null && atLeast != null ? "from " + plain(atLeast) + " to below " + plain(below)
                    : below != null ? "below " + plain(below) : "at least " + plain(atLeast);
            return input.input().label() + (input.windowDays() > 0 ? " (" + input.windowDays() + "d)" : "") + " " + plain(value)
                    + ", " + bound;
        }
    }

    /** True when every part holds on these values. */
    public boolean holds(Function<MeasureInput.Key, BigDecimal> values) {
        return when.stream().allMatch(p -> p.holds(values.apply(p.input())));
    }

    /** The values that made it hold, in words: "licence-utilisation (30d) 12.5, below 30; usage-trend (30d) -44, below -20". */
    public String because(Function<MeasureInput.Key, BigDecimal> values) {
        return String.join("; ", when.stream().map(p -> p.describe(values.apply(p.input()))).toList());
    }

    /** The highest score the band allows, to one decimal: just under the next band's threshold. */
    public BigDecimal ceiling(Bands bands) {
        return switch (atMost) {
            case RED -> bands.red().subtract(new BigDecimal("0.1"));
            case YELLOW -> bands.yellow().subtract(new BigDecimal("0.1"));
            default -> new BigDecimal("100.0");
        };
    }

    private static String plain(BigDecimal value) {
        return value == null ? "none" : value.stripTrailingZeros().toPlainString();
    }
}
