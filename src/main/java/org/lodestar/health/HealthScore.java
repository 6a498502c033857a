package org.lodestar.health;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A score with its explanation: the sum of the measures' contributions, its band and the scorecard behind it. */
public record HealthScore(BigDecimal score, Band band, String scorecard, String version, LocalDate asOf,
        List<MeasureResult> measures) {

    public HealthScore {
        measures = List.copyOf(measures);
    }

    public MeasureResult measure(String key) {
        return measures.stream().filter(m -> m.key().equals(key)).findFirst().orElse(null);
    }
}
