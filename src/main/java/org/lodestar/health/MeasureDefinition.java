package org.lodestar.health;

import java.math.BigDecimal;

/** One measure of a scorecard: what it reads, how the value scores, how much it counts, and what to do without data. */
public record MeasureDefinition(String key, String label, MeasureGroup group, MeasureInput input, int windowDays,
        ScoringFunction function, BigDecimal weight, MissingDataPolicy missing, boolean scoreQuiet) {

    /** A measure whose quiet value (0 of an input that counts trouble) is left out, the default. */
    public MeasureDefinition(String key, String label, MeasureGroup group, MeasureInput input, int windowDays,
            ScoringFunction function, BigDecimal weight, MissingDataPolicy missing) {
        this(key, label, group, input, windowDays, function, weight, missing, false);
    }

    /** Whether this value means nothing happened and the measure is to be left out rather than scored. */
    public boolean leftOutWhenQuiet(BigDecimal value) {
        return !scoreQuiet && input.countsTrouble() && value != null && value.signum() == 0;
    }

    public MeasureInput.Key inputKey() {
        return new MeasureInput.Key(input, windowDays);
    }
}
