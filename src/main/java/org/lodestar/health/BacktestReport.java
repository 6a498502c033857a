package org.lodestar.health;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A backtest of one or more scorecard sets over the same dates: for each, the figures for the whole
 * book and per segment, and the pairs they were computed from.
 */
public record BacktestReport(LocalDate from, LocalDate to, int horizonDays, int stepDays, List<LocalDate> dates,
        List<Result> results) {

    public record Result(String label, BacktestFigures total, Map<String, BacktestFigures> bySegment,
            List<BacktestFigures.Pair> pairs) {
    }
}
