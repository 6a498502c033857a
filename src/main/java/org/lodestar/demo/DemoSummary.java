package org.lodestar.demo;

import java.math.BigDecimal;

/**
 * What {@link DemoBook#generate} wrote, read back from the book: {@code timelineEntries} includes the
 * contact departures Lodestar records on the timeline itself; {@code currentArr} is the sum of the
 * accounts' ARR today as stored.
 */
public record DemoSummary(int accounts, int stakeholders, int subscriptions, long timelineEntries,
        BigDecimal currentArr, int csms) {
}
