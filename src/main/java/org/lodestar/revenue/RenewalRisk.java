package org.lodestar.revenue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How likely a renewal is to close at its due ARR, from what the book knows today: each warning sign
 * raises the risk one level. The forecast is the due ARR weighted by the level's renewal odds.
 * The health band is shown beside it, not counted in it.
 */
public enum RenewalRisk {
    LOW(new BigDecimal("0.95")), MEDIUM(new BigDecimal("0.75")), HIGH(new BigDecimal("0.45"));

    /** The share of the due ARR expected to renew at this level. */
    private final BigDecimal odds;

    RenewalRisk(BigDecimal odds) {
        this.odds = odds;
    }

    public BigDecimal odds() {
        return odds;
    }

    public BigDecimal forecast(BigDecimal arrDue) {
        return arrDue.multiply(odds).setScale(2, RoundingMode.HALF_EVEN);
    }

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    /** The warning signs of one renewal. */
    public record Signs(boolean autoRenew, boolean sponsorOrChampionGone, boolean contractedLastYear,
            boolean noActiveSponsorOrChampion) {
    }

    public record Assessment(RenewalRisk risk, List<String> reasons) {
    }

    public static Assessment assess(Signs signs) {
        List<String> reasons = new ArrayList<>();
        if (!signs.autoRenew()) {
            reasons.add("does not renew automatically");
        }
        if (signs.sponsorOrChampionGone()) {
            reasons.add("sponsor or champion left");
        } else if (signs.noActiveSponsorOrChampion()) {
            reasons.add("no sponsor or champion on record");
        }
        if (signs.contractedLastYear()) {
            reasons.add("contracted in the last 12 months");
        }
        RenewalRisk risk = reasons.isEmpty() ? LOW : reasons.size() == 1 ? MEDIUM : HIGH;
        return new Assessment(risk, List.copyOf(reasons));
    }
}
