package org.lodestar.health;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What moved a score between two dates: the snapshot in force on each (the last one on or before
 * it), and per measure the value and contribution on both, largest movement first. The measure
 * changes add up to the score change when both dates used the same scorecard version.
 */
public record HealthDiff(long accountId, LocalDate from, LocalDate to, Side before, Side after, BigDecimal change,
        boolean scorecardChanged, String summary, List<MeasureChange> measures) {

    public record Side(LocalDate asOf, BigDecimal score, Band band, String scorecard, String version) {
    }

    public record MeasureChange(String key, String label, BigDecimal valueBefore, BigDecimal valueAfter,
            BigDecimal contributionBefore, BigDecimal contributionAfter, BigDecimal change, String note) {
    }
}
