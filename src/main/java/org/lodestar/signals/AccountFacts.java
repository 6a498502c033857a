package org.lodestar.signals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.lodestar.accounts.CoverageModel;
import org.lodestar.accounts.LifecycleStage;
import org.lodestar.accounts.StakeholderRole;
import org.lodestar.health.Band;
import org.lodestar.support.TicketPriority;

/**
 * What the rules know about one account on a day, read in bulk for many accounts at once. Windows
 * are keyed by their length in days; a null means "no data", never zero.
 *
 * @param band the health band today, null when unscored
 * @param bandDaysAgo the health band the given number of days ago
 * @param usage events in the last n days and in the n days before those
 * @param tracked whether the account has ever sent product usage
 * @param lastActive the last day with product usage
 * @param activeUsers distinct active users in the last n days, for a tracked account (absent: not tracked)
 * @param modulesUsedBefore30 contracted modules in use in the 30 days before the last 30
 * @param lastBusinessReview the day of the last QBR or EBR meeting logged, null for none
 * @param lastExecutiveReview the day of the last EBR meeting logged, null for none
 * @param contacts each with the day it was added, null for one that came with the account (within its first week)
 * @param openMilestones the success-plan milestones not done, earliest due first
 * @param hygieneScore the account's data hygiene score, null when no rule asks for it
 */
public record AccountFacts(long accountId, String name, String segment, LifecycleStage stage, CoverageModel coverage,
        BigDecimal arr, BigDecimal healthScore, Band band, Map<Integer, Band> bandDaysAgo, Map<Integer, Usage> usage, boolean tracked,
        LocalDate lastActive, List<Contact> contacts, List<Answer> answers, List<Ticket> openTickets,
        List<Bill> unpaidBills, Map<Integer, Long> activeUsers, Long seats, Long modulesUsed30, Long modulesUsedBefore30,
        Long modulesContracted,
        Renewal renewal, LocalDate customerSince, boolean kickoffLogged, LocalDate lastBusinessReview,
        LocalDate lastExecutiveReview,
        Map<String, LocalDate> featuresLastUsed, List<Milestone> openMilestones, Integer hygieneScore) {

    /** A success-plan milestone not done yet. */
    public record Milestone(long id, String title, String plan, LocalDate dueOn) {
    }

    public record Usage(long current, long previous) {
    }

    public record Contact(long id, String name, StakeholderRole role, boolean active, LocalDate leftOn, LocalDate addedOn) {
    }

    public record Answer(long id, int score, LocalDate on, String respondent, String comment) {
    }

    public record Ticket(long id, String externalId, String subject, TicketPriority priority, LocalDate openedOn) {
    }

    public record Bill(long id, String number, LocalDate dueOn, BigDecimal open, String currency) {
    }

    public record Renewal(String subscription, LocalDate date, BigDecimal arr) {
    }
}
