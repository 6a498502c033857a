package org.lodestar.health;

import java.math.BigDecimal;

/** One measure of a scorecard: what it reads, how the value scores, how much it counts, and what to do without data. */
public record MeasureDefinition(String key, String label, MeasureGroup group, MeasureInput input, int windowDays,
        ScoringFunction function, BigDecimal weight, MissingDataPolicy missing) {

    public MeasureInput.Key inputKey() {
        return new MeasureInput.Key(input, windowDays);
    }
}
