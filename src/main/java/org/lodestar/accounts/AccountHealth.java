package org.lodestar.accounts;

import java.math.BigDecimal;

/** An account's current health as the book shows it: the score (null when unscored) and its band. */
public record AccountHealth(BigDecimal score, HealthBand band) {

    public static final AccountHealth UNSCORED = new AccountHealth(null, HealthBand.UNSCORED);
}
