package org.lodestar.usage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * An account's usage between two days (inclusive): the daily rollups, events per feature, distinct
 * active users over the range, and, as of the last day, licence utilisation over the last
 * {@code utilisationDays} days, adoption depth and the trends over each configured window.
 */
public record UsageReport(long accountId, LocalDate from, LocalDate to, List<Day> days, List<Feature> features,
        long events, long activeUsers, int utilisationDays, long recentActiveUsers, int seats,
        BigDecimal utilisation, UsageFigures.AdoptionDepth adoption, List<UsageFigures.Trend> trends) {

    public record Day(LocalDate day, long events, int activeUsers) {
    }

    public record Feature(String feature, String module, long events, int daysUsed) {
    }
}
