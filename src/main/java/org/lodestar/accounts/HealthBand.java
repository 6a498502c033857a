package org.lodestar.accounts;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An account's current health band as the book filters on it. The health module scores and owns the band; the book
 * only reads it, so it keeps its own four values (health depends on accounts, not the other way round).
 * UNSCORED is an account with no score yet, or whose score had no data (band "none").
 */
public enum HealthBand {
    RED, YELLOW, GREEN, UNSCORED;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static HealthBand of(String text) {
        return Labels.parse(HealthBand.class, text);
    }

    /** The band the health module stored (RED, YELLOW, GREEN, NONE), or null when the account has no score yet. */
    static HealthBand fromStored(String band) {
        return band == null || band.equals("NONE") ? UNSCORED : valueOf(band);
    }
}
