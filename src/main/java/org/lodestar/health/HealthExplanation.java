package org.lodestar.health;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An account's score explained: each measure's raw value, sub-score, weight, share and contribution
 * (the contributions add up to the score), what was missing and which policy applied, the scorecard
 * and version, and the trend against the score {@code trend.days} days before. {@code note} says why there is no
 * score (a new account not judged yet, or no data); null when there is one.
 */
public record HealthExplanation(long accountId, BigDecimal score, Band band, String scorecard, String version,
        LocalDate asOf, Instant computedAt, Trend trend, List<GroupContribution> groups, List<MeasureResult> measures,
        String note) {

    // Named apart from the other Trend types: springdoc names a schema by the simple name.
    @Schema(name = "HealthTrend")
    public record Trend(int days, LocalDate comparedWith, BigDecimal previousScore, Band previousBand, BigDecimal change) {
    }

    public record GroupContribution(MeasureGroup group, BigDecimal share, BigDecimal contribution) {
    }
}
