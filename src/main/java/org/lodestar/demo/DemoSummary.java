package org.lodestar.demo;

import java.math.BigDecimal;
import java.util.List;

/**
 * What {@link DemoBook#generate} wrote. {@code usersCreated} leaves out team members who already
 * existed; {@code timelineEntries} counts the activities logged plus the contact departures Lodestar
 * records on the timeline itself; {@code currentArr} is the sum of the accounts' ARR today as stored.
 */
public record DemoSummary(int usersCreated, int accounts, int stakeholders, int subscriptions, int timelineEntries,
        BigDecimal currentArr, List<String> csmEmails) {

    public DemoSummary {
        csmEmails = List.copyOf(csmEmails);
    }
}
