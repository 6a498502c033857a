package org.lodestar.health;

import java.math.BigDecimal;
import java.util.List;

/** What a candidate scorecard would do to today's scores: every account scored both ways, and those that change band. */
public record DryRun(String candidate, String replaces, int accounts, int scoreChanges, List<BandChange> bandChanges) {

    public record BandChange(long accountId, String account, String segment, String scorecardNow, BigDecimal scoreNow,
            Band bandNow, String scorecardThen, BigDecimal scoreThen, Band bandThen, String why) {
    }
}
