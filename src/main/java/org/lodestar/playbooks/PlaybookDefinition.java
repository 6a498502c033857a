package org.lodestar.playbooks;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.lodestar.signals.SignalCategory;
import org.lodestar.tasks.Priority;
import org.lodestar.tasks.Team;

/** A playbook as configured (format in docs/playbooks.md). */
public record PlaybookDefinition(String name, String title, String description, SignalCategory category, Trigger trigger,
        List<Step> steps, SuccessPlan successPlan, WhenCauseClears whenCauseClears, String file) {

    /**
     * What becomes of an open play when the signal that started it resolves: closed as resolved by itself (its open
     * tasks cancelled), or flagged for the CSM to close or carry on.
     */
    public enum WhenCauseClears {
        CLOSE, FLAG
    }

    /**
     * Starts when a signal of a rule in {@code any} is open (or, with {@code any} empty, when all of
     * {@code all} are), every rule in {@code all} has an open signal too, and the account matches the
     * conditions (empty sets and null bounds match everything).
     */
    public record Trigger(List<String> any, List<String> all, Set<String> segments, Set<String> stages, Set<String> bands,
            BigDecimal minArr, BigDecimal maxArr) {
    }

    /** A step: a task, or an outreach (a task to send a template to a contact of a role). */
    public sealed interface Step permits TaskStep, OutreachStep {
        Team owner();

        int dueDays();

        Priority priority();
    }

    public record TaskStep(String title, String description, Team owner, int dueDays, Priority priority) implements Step {
    }

    public record OutreachStep(String template, String to, Team owner, int dueDays, Priority priority) implements Step {
    }

    /** The success-plan template a play attaches: outcomes and milestones with owners and due offsets. */
    public record SuccessPlan(List<String> outcomes, List<Milestone> milestones) {
    }

    public record Milestone(String title, int dueDays, String owner) {
    }
}
