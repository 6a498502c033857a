package org.lodestar.playbooks;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.lodestar.signals.SignalCategory;
import org.lodestar.tasks.Priority;
import org.lodestar.tasks.Team;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A playbook as configured (format in docs/playbooks.md). {@code plan}: the success-plan template (config/plans/) a
 * play starts on the account, or null; {@code successPlan}: an outline kept on the play itself, or null; {@code review}:
 * the business review draft a play opens for the last full quarter ({@code qbr}, {@code ebr}, or {@code as-signal}: the
 * kind the starting signal asks for, a QBR unless it says EBR), or null.
 */
public record PlaybookDefinition(String name, String title, String description, SignalCategory category, Trigger trigger,
        List<Step> steps, SuccessPlan successPlan, String plan, String review, WhenCauseClears whenCauseClears, String file) {

    /** The values {@code review} takes. */
    public static final List<String> REVIEWS = List.of("qbr", "ebr", "as-signal");

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
     * conditions (empty sets and null bounds match everything; {@code renewalWithinDays}: the account's next
     * renewal is at most that many days away).
     */
    public record Trigger(List<String> any, List<String> all, Set<String> segments, Set<String> stages, Set<String> bands,
            BigDecimal minArr, BigDecimal maxArr, Integer renewalWithinDays) {
    }

    /**
     * When a step or milestone falls due: {@code amount} days (or hours) after the play starts, or, with
     * {@code beforeRenewal}, that many days before the account's next renewal ({@code renewal-90d}).
     */
    public record Due(int amount, boolean hours, boolean beforeRenewal) {

        public static Due days(int days) {
            return new Due(days, false, false);
        }

        /**
         * The day it falls due for a play started at {@code start} on an account renewing on {@code renewal} (null:
         * none ahead), and the instant for one counted in hours. A day before the renewal that has already passed when
         * the play starts is the start day (the work is due now), as is one on an account with no renewal ahead.
         */
        public When from(Instant start, LocalDate renewal) {
            LocalDate startDay = LocalDate.ofInstant(start, ZoneOffset.UTC);
            if (hours) {
                Instant at = start.plus(Duration.ofHours(amount));
                return new When(LocalDate.ofInstant(at, ZoneOffset.UTC), at);
            }
            if (beforeRenewal) {
                LocalDate day = renewal == null ? startDay : renewal.minusDays(amount);
                return new When(day.isBefore(startDay) ? startDay : day, null);
            }
            return new When(startDay.plusDays(amount), null);
        }

        @Override
        public String toString() {
            return beforeRenewal ? "renewal-" + amount + "d" : amount + (hours ? "h" : "d");
        }
    }

    /** A due day, and the instant when it is due at a time of day (null: any time that day). */
    public record When(LocalDate day, Instant at) {
    }

    /** A step: a task, or an outreach (a task to send a template to a contact of a role). */
    public sealed interface Step permits TaskStep, OutreachStep {
        Team owner();

        Due due();

        Priority priority();

        /**
         * Whether the task is cancelled, if still open, when the play's cause clears (an alert about an incident already
         * solved has nothing left to say); always so for a step that recurs.
         */
        boolean whileCauseLasts();
    }

    /** A task; with {@code every}, the next one is due that long after each, until the play closes or its cause clears. */
    public record TaskStep(String title, String description, Team owner, Due due, Priority priority, Duration every,
            boolean whileCauseLasts) implements Step {

        public TaskStep {
            whileCauseLasts = whileCauseLasts || every != null;
        }
    }

    public record OutreachStep(String template, String to, Team owner, Due due, Priority priority, boolean whileCauseLasts)
            implements Step {
    }

    // Named apart from the other SuccessPlan types: springdoc names a schema by the simple name.
    /** The success-plan template a play attaches: outcomes and milestones with owners and due offsets. */
    @Schema(name = "PlaybookPlan")
    public record SuccessPlan(List<String> outcomes, List<Milestone> milestones) {
    }

    // Named apart from the other Milestone types: springdoc names a schema by the simple name.
    @Schema(name = "PlaybookMilestone")
    public record Milestone(String title, Due due, String owner) {
    }
}
