package org.lodestar.worklist;

import java.time.ZoneId;
import java.util.Map;

import org.lodestar.accounts.CoverageModel;
import org.lodestar.accounts.TimeCategory;

/**
 * The configured time split ({@code config/time-split/time-split.yaml}): the zone whose calendar months are counted,
 * the minutes a completed task counts when no time was recorded on it, by category, and each coverage model's target
 * split in whole percents summing to 100.
 */
public record TimeTargets(String file, ZoneId zone, Map<TimeCategory, Integer> taskMinutes,
        Map<CoverageModel, Map<TimeCategory, Integer>> targets) {
}
