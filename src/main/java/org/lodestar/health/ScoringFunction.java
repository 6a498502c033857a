package org.lodestar.health;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** Turns a measure's raw value into a sub-score from 0 to 100. */
public sealed interface ScoringFunction {

    BigDecimal score(BigDecimal value);

    /** A step of a threshold table: values below {@code below} score {@code score}. */
    record Step(BigDecimal below, BigDecimal score) {
    }

    /**
     * Threshold table: the first step whose {@code below} the value is under gives the score,
     * {@code otherwise} when none does. Steps are in increasing order.
     */
    record Thresholds(List<Step> steps, BigDecimal otherwise) implements ScoringFunction {

        public Thresholds {
            steps = List.copyOf(steps);
        }

        @Override
        public BigDecimal score(BigDecimal value) {
            for (Step step : steps) {
                if (value.compareTo(step.below()) < 0) {
                    return step.score();
                }
            }
            return otherwise;
        }
    }

    record Point(BigDecimal x, BigDecimal y) {
    }

    /**
     * Piecewise-linear: straight lines between the points (x increasing), flat beyond the first
     * and the last. "Zero tickets can mean disengagement, many are bad" is (0, 60), (1, 100),
     * (3, 100), (8, 0).
     */
    record Linear(List<Point> points) implements ScoringFunction {

        public Linear {
            points = List.copyOf(points);
        }

        @Override
        public BigDecimal score(BigDecimal value) {
            Point first = points.getFirst();
            if (value.compareTo(first.x()) <= 0) {
                return first.y();
            }
            for (int i = 1; i < points.size(); i++) {
                Point left = points.get(i - 1);
                Point right = points.get(i);
                if (value.compareTo(right.x()) <= 0) {
                    BigDecimal run = right.x().subtract(left.x());
                    BigDecimal along = value.subtract(left.x()).divide(run, 10, RoundingMode.HALF_UP);
                    return left.y().add(right.y().subtract(left.y()).multiply(along)).setScale(2, RoundingMode.HALF_UP);
                }
            }
            return points.getLast().y();
        }
    }
}
