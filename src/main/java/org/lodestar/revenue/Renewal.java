package org.lodestar.revenue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A contract coming up for renewal (or past it): the ARR due on its end date, its risk and forecast,
 * and once closed its outcome. {@code forecastSource} is {@code csm} for a forecast a person recorded,
 * {@code risk-weighted} otherwise; {@code outcomeSource} is {@code recorded} or {@code contracts}
 * (read from what the account renewed into). {@code healthBand} is the account's current
 * health band (red, yellow, green), empty while it has no score (the health module's table, read as is).
 */
public record Renewal(long subscriptionId, String subscriptionExternalId, long accountId, String accountName,
        String owner, String segment, LocalDate renewalDate, long daysLeft, BigDecimal arrDue, boolean autoRenew, String healthBand,
        RenewalRisk risk, List<String> riskReasons, BigDecimal forecastArr, String forecastSource, String forecastNote,
        RenewalOutcome outcome, BigDecimal outcomeArr, String outcomeSource, String outcomeNote) {
}
