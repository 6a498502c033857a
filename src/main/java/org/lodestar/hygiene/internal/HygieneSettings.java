package org.lodestar.hygiene.internal;

import java.math.BigDecimal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The data hygiene thresholds, from {@code lodestar.hygiene.*} properties (environment: LODESTAR_HYGIENE_*): days without
 * usage or contact before an active account is stale, the usage window for "usage without a contract" and active users,
 * and the ARR difference below which the CRM and the line items agree (rounding). The score under which an account raises
 * a signal for CS ops is the data-hygiene signal rule's threshold (config/signals/signals.yaml).
 */
@Component
public record HygieneSettings(@Value("${lodestar.hygiene.stale-usage-days:30}") int staleUsageDays,
        @Value("${lodestar.hygiene.stale-contact-days:60}") int staleContactDays,
        @Value("${lodestar.hygiene.usage-days:30}") int usageDays,
        @Value("${lodestar.hygiene.arr-tolerance:1}") BigDecimal arrTolerance) {

    public static HygieneSettings defaults() {
        return new HygieneSettings(30, 60, 30, BigDecimal.ONE);
    }
}
