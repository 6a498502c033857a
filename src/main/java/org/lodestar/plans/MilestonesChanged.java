package org.lodestar.plans;

/** An account's success-plan milestones changed (added, edited, done, a plan started): overdue signals are stale. */
public record MilestonesChanged(long accountId) {
}
