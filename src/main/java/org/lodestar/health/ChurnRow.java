package org.lodestar.health;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * One account on one day as the churn model sees it: its segment, its ARR on the day, and the value of
 * each {@link ChurnFeature} (absent where there was no data: never tracked, never surveyed, not billed).
 */
public record ChurnRow(long accountId, LocalDate day, String segment, BigDecimal arr, Map<ChurnFeature, Double> values) {

    public Double value(ChurnFeature feature) {
        return values.get(feature);
    }
}
