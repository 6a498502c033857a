package org.lodestar.accounts;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a CS leader means by "the accounts at risk" on the book. AT_RISK: health red or yellow. RENEWING: the renewal
 * falls within the next 90 days (today included), whatever the health. AT_RISK_RENEWING: both, the accounts to look
 * at first this quarter.
 */
public enum BookRisk {
    AT_RISK, RENEWING, AT_RISK_RENEWING;

    /** How far ahead a renewal counts as "renewing", as on Today. */
    public static final int RENEWAL_DAYS = 90;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static BookRisk of(String text) {
        return Labels.parse(BookRisk.class, text);
    }

    public String description() {
        return switch (this) {
            case AT_RISK -> "At risk: red or yellow";
            case RENEWING -> "Renewing in " + RENEWAL_DAYS + " days";
            case AT_RISK_RENEWING -> "At risk, renewing in " + RENEWAL_DAYS + " days";
        };
    }

    boolean healthAtRisk() {
        return this != RENEWING;
    }

    boolean renewingSoon() {
        return this != AT_RISK;
    }
}
