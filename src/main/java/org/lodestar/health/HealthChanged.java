package org.lodestar.health;

import java.math.BigDecimal;
import java.util.List;

/**
 * Scores that moved in one recompute, before and after. What reacts to health listens to
 * {@link ScoresRecomputed}, stored with the scores.
 */
public record HealthChanged(List<Change> changes) {

    public record Change(long accountId, BigDecimal scoreBefore, Band bandBefore, BigDecimal scoreAfter, Band bandAfter) {
    }
}
