package org.lodestar.health;

import java.math.BigDecimal;
import java.util.List;

/** Scores that moved in one recompute, for whatever reacts to health (signals, playbooks). */
public record HealthChanged(List<Change> changes) {

    public record Change(long accountId, BigDecimal scoreBefore, Band bandBefore, BigDecimal scoreAfter, Band bandAfter) {
    }
}
