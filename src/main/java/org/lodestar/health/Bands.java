package org.lodestar.health;

import java.math.BigDecimal;

/** Band thresholds: a score below {@code red} is red, below {@code yellow} yellow, otherwise green. */
public record Bands(BigDecimal red, BigDecimal yellow) {

    public static final Bands CLASSIC = new Bands(new BigDecimal("60"), new BigDecimal("75"));

    public Band of(BigDecimal score) {
        if (score == null) {
            return Band.NONE;
        }
        if (score.compareTo(red) < 0) {
            return Band.RED;
        }
        return score.compareTo(yellow) < 0 ? Band.YELLOW : Band.GREEN;
    }
}
