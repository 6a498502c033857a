package org.lodestar.health;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One measure's part in a score. {@code value} is what was scored (the carried value when the
 * policy carried one); {@code missing} says the input had no data on the date; {@code policy}
 * names the missing-data policy that applied, null when the data was there. {@code share} is the
 * measure's weight as a percentage of the weights that counted; {@code contribution} =
 * sub-score × share, and the contributions add up to the score.
 */
public record MeasureResult(String key, String label, MeasureGroup group, MeasureInput input, int windowDays,
        BigDecimal value, LocalDate observedOn, BigDecimal subScore, BigDecimal weight, BigDecimal share,
        BigDecimal contribution, boolean missing, String policy) {

    public boolean counted() {
        return subScore != null;
    }
}
