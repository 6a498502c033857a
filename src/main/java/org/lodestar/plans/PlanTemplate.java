package org.lodestar.plans;

import java.util.List;

/** A success-plan template as configured under {@code config/plans/}: outcomes and milestones due days after kickoff. */
public record PlanTemplate(String name, String title, String description, List<OutcomeTemplate> outcomes, String file) {

    public record OutcomeTemplate(String title, List<MilestoneTemplate> milestones) {
    }

    /** A milestone due {@code dueDays} after the plan starts, owned on our side (the account's owner) or the customer's. */
    public record MilestoneTemplate(String title, int dueDays, OwnerSide owner, boolean value) {
    }
}
