package org.lodestar.health;

import java.math.BigDecimal;

/**
 * One measure of a scorecard: what it reads, how the value scores, how much it counts, and what to do without data.
 * {@code fromDay} is the account age (days since the customer started) from which the measure is judged: before it,
 * what it reads cannot exist yet (two weeks of usage on day 3), so it is left out, never penalised. 0: always judged.
 */
public record MeasureDefinition(String key, String label, MeasureGroup group, MeasureInput input, int windowDays,
        ScoringFunction function, BigDecimal weight, MissingDataPolicy missing, boolean scoreQuiet, int fromDay) {

    /** A measure judged whatever the account's age. */
    public MeasureDefinition(String key, String label, MeasureGroup group, MeasureInput input, int windowDays,
            ScoringFunction function, BigDecimal weight, MissingDataPolicy missing, boolean scoreQuiet) {
        this(key, label, group, input, windowDays, function, weight, missing, scoreQuiet, 0);
    }

    /** A measure whose quiet value (0 of an input that counts trouble) is left out, the default. */
    public MeasureDefinition(String key, String label, MeasureGroup group, MeasureInput input, int windowDays,
            ScoringFunction function, BigDecimal weight, MissingDataPolicy missing) {
        this(key, label, group, input, windowDays, function, weight, missing, false);
    }

    /** Whether this value means nothing happened and the measure is to be left out rather than scored. */
    public boolean leftOutWhenQuiet(BigDecimal value) {
        return !scoreQuiet && input.countsTrouble() && value != null && value.signum() == 0;
    }

    /** Whether an account of this age (null: unknown) is judged on this measure: unknown ages are judged. */
    public boolean judgedAt(Integer ageDays) {
        return fromDay == 0 || ageDays == null || ageDays >= fromDay;
    }

    public MeasureInput.Key inputKey() {
        return new MeasureInput.Key(input, windowDays);
    }
}
