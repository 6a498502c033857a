package org.lodestar.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.lodestar.accounts.ActivityDraft;
import org.lodestar.accounts.CoverageModel;
import org.lodestar.accounts.MeetingType;
import org.lodestar.accounts.StakeholderDraft;
import org.lodestar.accounts.StakeholderRole;
import org.lodestar.accounts.StakeholderStatus;
import org.lodestar.accounts.TimeCategory;
import org.lodestar.accounts.TimelineKind;

/**
 * What the CSMs logged on an account's timeline: a kickoff at the start, then over the last months
 * check-ins, QBRs, calls, emails and notes as the coverage model calls for, the renewal
 * conversation, notes on contacts leaving and on expansions, and for a lost customer why it left.
 * Every activity lies between the customer's first day and yesterday.
 */
final class Activities {

    /** How far back the routine activity reaches: as far as the tickets, answers and usage. */
    private static final int RECENT_DAYS = CustomerSignals.DAYS;
    /** Nothing routine in the first two weeks: the kickoff covers them. */
    private static final int AFTER_KICKOFF_DAYS = 14;
    /** Renewals this close have had a renewal conversation. */
    private static final int RENEWAL_TALK_DAYS = 120;
    /** Share of digital accounts with anything logged lately: most hear from us only by automated email. */
    private static final double DIGITAL_TOUCHED = 0.6;
    /** Share of enterprise accounts that had an executive business review lately. */
    private static final double EBR_SHARE = 0.3;

    private record Template(String subject, String body) {
    }

    private static final List<String> TEAMS = List.of("support", "operations", "finance", "sales", "marketing",
            "onboarding");
    private static final List<String> GOALS = List.of("cut time to first response by 20%",
            "retire the legacy reporting spreadsheet", "bring the {team} team on board by next quarter",
            "automate ticket routing for the {team} team", "one dashboard for leadership's weekly review");
    private static final List<String> CHECK_IN_SUBJECTS = List.of("Monthly check-in", "Adoption check-in",
            "Check-in with {champion}", "Roadmap and adoption check-in");
    private static final List<String> CHECK_IN_BODIES = List.of(
            "Usage is steady across teams. {champion} asked about single sign-on; sent the setup guide.",
            "Two teams still work from spreadsheets. Agreed a training session for the {team} team next week.",
            "Leadership likes the new dashboards. {champion} wants to roll out to the {team} team next quarter.",
            "Raised slow answers on two support tickets; escalated to our support lead, update promised by Friday.",
            "Reviewed open requests: bulk edit and a CRM field mapping. Logged both as feature requests.",
            "Active users dipped after a reorganisation on their side. Plan: a refresher session and onboarding for "
                    + "their new admin.");
    private static final List<String> CALL_TOPICS = List.of("integration questions", "admin training",
            "seat planning", "a billing question", "data export", "reporting setup");
    private static final List<String> CALL_BODIES = List.of(
            "Walked through it together and sent the documentation links afterwards.",
            "Agreed next steps; follow-up in two weeks.",
            "Resolved on the call. {champion} will brief the {team} team.",
            "Needs input from their IT team; follow-up booked.");
    private static final List<String> EMAIL_SUBJECTS = List.of("Shared release notes: new workflow builder",
            "Sent the training recording and slides", "Follow-up on an open support ticket",
            "Invitation to the customer webinar", "Sent the best-practice guide for dashboards");
    private static final List<String> EMAIL_BODIES = List.of("Sent to {champion}, copying the {team} team lead.",
            "{champion} replied with thanks and two follow-up questions.",
            "No reply yet; will raise it at the next check-in.");
    private static final List<Template> NOTES = List.of(
            new Template("Budget review coming",
                    "{champion} says their budget review is next month; expect questions on the renewal price."),
            new Template("Competitor evaluation",
                    "The {team} team is trialling a competitor. Ask {champion} what they are missing."),
            new Template("Positive feedback",
                    "Great comment from the {team} team lead in the last survey: the weekly digest saves them hours."),
            new Template("New executive",
                    "A new VP of Operations starts next month; ask {champion} for an introduction."),
            new Template("Expansion potential",
                    "Usage is concentrated in the {team} team; other teams could benefit."));
    private static final List<Template> DIGITAL_EMAILS = List.of(
            new Template("Usage tip: automation rules", "Sent as part of the adoption email series."),
            new Template("Invitation to the monthly product webinar", "Sent to all active users."),
            new Template("Feature announcement: new reporting", "Sent to the admins; {champion} opened it."));
    private static final List<Template> DIGITAL_NOTES = List.of(
            new Template("Question via in-app chat",
                    "{champion} asked how to export reports to CSV; answered with the help article."),
            new Template("Seats nearly full", "They use almost all their seats: a good moment for an upgrade offer."));
    private static final List<String> RENEWAL_NOTES = List.of("Budget is approved; expects a flat renewal.",
            "Wants to add seats for the {team} team.", "Asked for a discount; we are holding the price.",
            "Procurement needs the quote by the end of the month.");
    /** Why a customer left that the signs could have told. */
    private static final List<String> CHURN_REASONS = List.of("they moved to an in-house tool",
            "they chose a cheaper competitor", "the project owner left and no one took over",
            "the tool never took hold beyond one team", "too many unresolved support issues");
    /** Why a customer left that nothing in the book could have told. */
    private static final List<String> UNFORESEEABLE_REASONS = List.of("they were acquired and moved to the parent's tool",
            "their budget was cut in a company-wide freeze", "the support team they bought us for was downsized");

    private final Dice dice;
    private final CustomerPlan plan;
    private final LocalDate today;
    /** The first day anything can be logged: the customer's first day. */
    private final LocalDate first;
    /** The last day anything can be logged: yesterday, or for a lost customer its last day. */
    private final LocalDate last;
    private final List<ActivityDraft> drafts = new ArrayList<>();

    private Activities(Dice dice, CustomerPlan plan, LocalDate today) {
        this.dice = dice;
        this.plan = plan;
        this.today = today;
        this.first = plan.history().customerSince();
        LocalDate yesterday = today.minusDays(1);
        LocalDate churnedOn = plan.history().churnedOn();
        this.last = churnedOn != null && churnedOn.isBefore(yesterday) ? churnedOn : yesterday;
    }

    /** The account's logged activities, oldest first. */
    static List<ActivityDraft> plan(Dice dice, CustomerPlan plan, LocalDate today) {
        return new Activities(dice, plan, today).build();
    }

    private List<ActivityDraft> build() {
        kickoff();
        LocalDate afterKickoff = first.plusDays(AFTER_KICKOFF_DAYS);
        LocalDate recent = last.minusDays(RECENT_DAYS);
        LocalDate from = afterKickoff.isAfter(recent) ? afterKickoff : recent;
        if (!from.isAfter(last)) {
            switch (plan.coverage()) {
                case HIGH_TOUCH -> highTouch(from);
                case TECH_TOUCH -> techTouch(from);
                case DIGITAL -> digital(from);
            }
        }
        departureNotes();
        if (plan.history().churned()) {
            churnConversation();
        } else {
            renewalConversation();
            expansionNote();
        }
        drafts.sort(Comparator.comparing(ActivityDraft::occurredAt));
        return List.copyOf(drafts);
    }

    private void kickoff() {
        if (plan.history().contracts().getFirst().risk().shows(WarningSign.STALLED_ONBOARDING)) {
            log(TimelineKind.NOTE, null, first.plusDays(dice.between(5, 20)), "Kickoff postponed",
                    "{champion} postponed the kickoff again; no date yet. Rollout has not started.");
            return;
        }
        if (plan.coverage() == CoverageModel.DIGITAL) {
            log(TimelineKind.EMAIL, null, first.plusDays(1), "Welcome email and getting-started guide sent",
                    "Automated welcome series started for {champion} and the admins.");
            return;
        }
        String body = "Met {champion} and {sponsor}. Success criteria: " + dice.pick(GOALS) + ". Rollout plan agreed for "
                + plan.history().contracts().getFirst().deal().seats() + " seats.";
        log(TimelineKind.MEETING, MeetingType.KICKOFF, first.plusDays(dice.between(1, 10)), "Kickoff with {company}",
                body);
    }

    /** A check-in every four to six weeks, a QBR each quarter, and the calls, emails and notes in between. */
    private void highTouch(LocalDate from) {
        for (LocalDate day = from.plusDays(dice.between(0, 20)); !day.isAfter(last);
                day = day.plusDays(dice.between(28, 45))) {
            checkIn(day);
        }
        for (LocalDate day = from.plusDays(dice.between(20, 60)); !day.isAfter(last);
                day = day.plusDays(dice.between(85, 95))) {
            qbr(day);
        }
        if (plan.segment() == Segment.ENTERPRISE && dice.chance(EBR_SHARE)) {
            log(TimelineKind.MEETING, MeetingType.EBR, dice.dayBetween(from, last),
                    "Executive business review with {sponsor}",
                    "Presented the value delivered this year and the plan for the next. {sponsor} confirmed the "
                            + "budget for the next term.");
        }
        routine(from, dice.between(1, 3), dice.between(1, 3), dice.between(0, 2));
    }

    private void techTouch(LocalDate from) {
        for (int i = dice.between(1, 2); i > 0; i--) {
            checkIn(dice.dayBetween(from, last));
        }
        routine(from, dice.between(0, 2), dice.between(1, 2), dice.between(0, 1));
    }

    private void digital(LocalDate from) {
        if (!dice.chance(DIGITAL_TOUCHED)) {
            return;
        }
        for (int i = dice.between(1, 2); i > 0; i--) {
            boolean email = dice.chance(0.5);
            Template touch = dice.pick(email ? DIGITAL_EMAILS : DIGITAL_NOTES);
            log(email ? TimelineKind.EMAIL : TimelineKind.NOTE, null, dice.dayBetween(from, last), touch.subject(),
                    touch.body());
        }
    }

    private void routine(LocalDate from, int calls, int emails, int notes) {
        for (int i = 0; i < calls; i++) {
            log(TimelineKind.CALL, null, dice.dayBetween(from, last), "Call with {champion}: " + dice.pick(CALL_TOPICS),
                    dice.pick(CALL_BODIES));
        }
        for (int i = 0; i < emails; i++) {
            log(TimelineKind.EMAIL, null, dice.dayBetween(from, last), dice.pick(EMAIL_SUBJECTS),
                    dice.pick(EMAIL_BODIES));
        }
        for (int i = 0; i < notes; i++) {
            Template note = dice.pick(NOTES);
            log(TimelineKind.NOTE, null, dice.dayBetween(from, last), note.subject(), note.body());
        }
    }

    private void checkIn(LocalDate day) {
        log(TimelineKind.MEETING, MeetingType.CHECK_IN, day, dice.pick(CHECK_IN_SUBJECTS), dice.pick(CHECK_IN_BODIES));
    }

    /** A QBR reviews the quarter that has just ended. */
    private void qbr(LocalDate day) {
        LocalDate reviewed = day.minusDays(45);
        String subject = "Quarterly business review: Q" + ((reviewed.getMonthValue() - 1) / 3 + 1) + " "
                + reviewed.getYear();
        String body = "Reviewed adoption (" + dice.between(55, 95) + "% of seats active), support trends and the "
                + "roadmap with {sponsor} and {champion}. Goal for next quarter: " + dice.pick(GOALS) + ".";
        log(TimelineKind.MEETING, MeetingType.QBR, day, subject, body);
    }

    private void renewalConversation() {
        ContractPlan current = plan.history().current();
        LocalDate renewal = current.end();
        if (renewal.isAfter(today.plusDays(RENEWAL_TALK_DAYS))) {
            return;
        }
        if (plan.coverage() == CoverageModel.DIGITAL) {
            String subject = (current.autoRenew() ? "Auto-renewal notice: renews on " : "Renewal reminder: renews on ")
                    + renewal;
            log(TimelineKind.EMAIL, null, renewal.minusDays(60), subject,
                    "Sent to {sponsor} with the renewal quote and a link to book a call.", TimeCategory.RENEWAL);
            return;
        }
        log(TimelineKind.CALL, null, today.minusDays(dice.between(1, 30)), "Renewal planning call with {sponsor}",
                "Renewal on " + renewal + ". " + dice.pick(RENEWAL_NOTES), TimeCategory.RENEWAL);
    }

    /** The CSM's note on a sponsor or champion leaving (Lodestar records the departure itself as well). */
    private void departureNotes() {
        for (StakeholderDraft gone : plan.contacts()) {
            if (gone.status() != StakeholderStatus.LEFT) {
                continue;
            }
            String role = gone.role() == StakeholderRole.CHAMPION ? "champion" : "economic sponsor";
            Optional<StakeholderDraft> successor = plan.contacts().stream()
                    .filter(c -> c.role() == gone.role() && c.status() == StakeholderStatus.ACTIVE)
                    .findFirst();
            LocalDate renewal = plan.history().termOn(gone.leftOn()).end();
            String body = successor.map(s -> s.name() + " takes over as " + role + "; intro call to book this week.")
                    .orElse("No one named to replace them yet. Find a new " + role + " before the renewal on "
                            + renewal + ".");
            LocalDate heard = gone.leftOn().plusDays(dice.between(0, 5));
            String subject = (role.equals("champion") ? "Champion " : "Economic sponsor ") + gone.name()
                    + " has left {company}";
            log(TimelineKind.NOTE, null, heard.isAfter(last) ? last : heard, subject, body, TimeCategory.RESCUE);
        }
    }

    private void expansionNote() {
        ContractPlan current = plan.history().current();
        if (current.expansion() == null) {
            return;
        }
        Deal before = current.deal();
        Deal after = current.expansion().to();
        String what = after.seats() > before.seats() ? (after.seats() - before.seats()) + " more seats"
                : after.addOns().stream().filter(module -> !before.addOns().contains(module)).findFirst()
                        .orElse("another") + " module";
        log(TimelineKind.NOTE, null, current.expansion().on().minusDays(dice.between(3, 15)),
                "Expansion signed: " + what,
                "{champion} signed for " + what + " from " + current.expansion().on() + ", added to the current contract.",
                TimeCategory.EXPANSION);
    }

    private void churnConversation() {
        LocalDate churnedOn = plan.history().churnedOn();
        String reason = dice.pick(plan.history().current().risk().unforeseeable() ? UNFORESEEABLE_REASONS
                : CHURN_REASONS);
        if (plan.coverage() != CoverageModel.DIGITAL) {
            log(TimelineKind.CALL, null, churnedOn.minusDays(dice.between(20, 45)), "Renewal call with {sponsor}",
                    "{sponsor} confirmed they will not renew: " + reason + ".", TimeCategory.RESCUE);
        }
        LocalDate noted = churnedOn.minusDays(dice.between(0, 10));
        log(TimelineKind.NOTE, null, noted.isAfter(last) ? last : noted, "Customer will not renew",
                "Reason: " + reason + ". The contract ends on " + churnedOn + ".");
    }

    /** Adds an activity at a working hour of {@code day}, unless the day falls outside what can be logged. */
    private void log(TimelineKind kind, MeetingType meetingType, LocalDate day, String subject, String body) {
        log(kind, meetingType, day, subject, body, null);
    }

    /** As above, for work the CSM names (a renewal call, a note on a departed sponsor), for where their time goes. */
    private void log(TimelineKind kind, MeetingType meetingType, LocalDate day, String subject, String body,
            TimeCategory work) {
        if (day.isBefore(first) || day.isAfter(last)) {
            return;
        }
        Instant at = day.atTime(dice.between(8, 17), dice.between(0, 3) * 15).toInstant(ZoneOffset.UTC);
        drafts.add(new ActivityDraft(kind, meetingType, at, fill(subject, day), fill(body, day),
                minutes(kind, meetingType, subject + day), work));
    }

    /**
     * How long an activity took: a meeting an hour or so, a call a quarter to three quarters of an hour, an email a few
     * minutes; one note in four says no time. Spread by the text, not drawn from the dice, so the rest of the book stays
     * as the seed made it.
     */
    static Integer minutes(TimelineKind kind, MeetingType meetingType, String text) {
        int spread = Math.floorMod(text.hashCode(), 4);
        return switch (kind) {
            case MEETING -> meetingType == MeetingType.KICKOFF ? 60 + 30 * spread
                    : meetingType == MeetingType.CHECK_IN ? 30 + 5 * spread : 60 + 15 * spread;
            case CALL -> 15 + 10 * spread;
            case EMAIL -> 5 + 5 * spread;
            case NOTE -> spread == 0 ? null : 5 * spread;
            default -> null;
        };
    }

    /** Puts the company, the contacts who held each role that day, and a team into a template. */
    private String fill(String template, LocalDate day) {
        String text = template.replace("{company}", plan.company().brand());
        if (text.contains("{champion}")) {
            text = text.replace("{champion}", holder(StakeholderRole.CHAMPION, day));
        }
        if (text.contains("{sponsor}")) {
            text = text.replace("{sponsor}", holder(StakeholderRole.ECONOMIC_SPONSOR, day));
        }
        if (text.contains("{team}")) {
            text = text.replace("{team}", dice.pick(TEAMS));
        }
        return text;
    }

    /** Who held the role on that day: someone who has since left, else the current holder, else any active contact. */
    private String holder(StakeholderRole role, LocalDate day) {
        for (StakeholderDraft contact : plan.contacts()) {
            if (contact.role() == role && contact.status() == StakeholderStatus.LEFT && day.isBefore(contact.leftOn())) {
                return contact.name();
            }
        }
        return plan.contacts().stream()
                .filter(contact -> contact.role() == role && contact.status() == StakeholderStatus.ACTIVE)
                .findFirst()
                .or(() -> plan.contacts().stream().filter(contact -> contact.status() == StakeholderStatus.ACTIVE)
                        .findFirst())
                .map(StakeholderDraft::name)
                .orElse("the customer");
    }
}
