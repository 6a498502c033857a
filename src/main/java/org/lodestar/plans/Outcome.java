package org.lodestar.plans;

import java.util.List;

/** A desired outcome of the customer's, with its milestones in order. */
public record Outcome(long id, int position, String title, List<Milestone> milestones) {
}
