package org.lodestar.signals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lodestar.accounts.CoverageModel;
import org.lodestar.accounts.StakeholderRole;

/**
 * One rule of the signal configuration. Only the settings of its kind are set: {@code threshold}
 * (a score, a percentage or a count), {@code days} (a window or lead time), {@code until} (renewal
 * windows: fires while the days left are above it), {@code completeDays} (onboarding), the stakeholder
 * {@code roles} (read from labels such as economic-sponsor) and {@code features} (product event names).
 * {@code cadence}: business reviews, the days between them per coverage model (a model not named has none);
 * {@code segments}: executive reviews, the segments whose renewals want one, held within {@code heldWithin} days before it.
 * {@code escalates}: on an account whose coverage is automated (tech-touch, digital), a play this rule starts puts
 * its tasks on the CSM's worklist instead of only sending its outreach.
 */
public record SignalRule(String key, SignalKind kind, SignalCategory category, Severity severity, String description,
        BigDecimal threshold, Integer days, Integer until, Integer completeDays, Set<StakeholderRole> roles,
        List<String> features, Map<CoverageModel, Integer> cadence, Set<String> segments, Integer heldWithin,
        boolean escalates, String file) {
}
