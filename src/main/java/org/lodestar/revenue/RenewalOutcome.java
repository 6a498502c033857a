package org.lodestar.revenue;

import java.math.BigDecimal;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a renewal closed, judged by the ARR it renewed at against the ARR that was due. */
public enum RenewalOutcome {
    RENEWED, EXPANDED, CONTRACTED, CHURNED;

    public static RenewalOutcome of(BigDecimal arrDue, BigDecimal arrRenewed) {
        if (arrRenewed.signum() <= 0) {
            return CHURNED;
        }
        int change = arrRenewed.compareTo(arrDue);
        return change > 0 ? EXPANDED : change < 0 ? CONTRACTED : RENEWED;
    }

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static RenewalOutcome of(String text) {
        return Labels.parse(RenewalOutcome.class, text);
    }
}
