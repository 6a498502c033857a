package org.lodestar.revenue;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the CS team recorded about one renewal: the CSM's forecast (ARR, note, who, when) and how it closed (outcome,
 * ARR, note, who, when). Either half may be empty.
 */
public record RenewalCall(long subscriptionId, BigDecimal forecastArr, String forecastNote, String forecastBy,
        Instant forecastAt, RenewalOutcome outcome, BigDecimal outcomeArr, String outcomeNote, String outcomeBy,
        Instant outcomeAt) {
}
