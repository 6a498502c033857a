package org.lodestar.signals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.lodestar.accounts.CoverageModel;
import org.lodestar.accounts.LifecycleStage;
import org.lodestar.accounts.StakeholderRole;
import org.lodestar.health.Band;
import org.lodestar.infrastructure.Labels;
import org.lodestar.support.TicketPriority;
import org.lodestar.usage.UsageFigures;

/**
 * The rule evaluation: plain functions from an account's facts on a day to what fires, each finding
 * with its cause in one sentence and the figures behind it. No database, no clock.
 */
public final class SignalRules {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private SignalRules() {
    }

    public static List<Detected> evaluate(List<SignalRule> rules, AccountFacts facts, LocalDate today) {
        return evaluate(rules, facts, today, today);
    }

    /**
     * As on {@code today}, with the days since the account's last use counted to {@code usedAsOf}: a preview of a later
     * day counts them to the real today, as if the account kept using the product as it does now.
     */
    public static List<Detected> evaluate(List<SignalRule> rules, AccountFacts facts, LocalDate today, LocalDate usedAsOf) {
        List<Detected> found = new ArrayList<>();
        for (SignalRule rule : rules) {
            evaluate(rule, facts, today, usedAsOf, found);
        }
        return found;
    }

    private static void evaluate(SignalRule rule, AccountFacts f, LocalDate today, LocalDate usedAsOf, List<Detected> found) {
        switch (rule.kind()) {
            case DATA_HYGIENE -> {
                if (f.hygieneScore() != null && f.hygieneScore() < rule.threshold().intValue()) {
                    found.add(detected(rule, rule.key(), "Data hygiene score is " + f.hygieneScore() + ", below "
                            + plain(rule.threshold()) + ": see the findings on the Data hygiene page.", "score", f.hygieneScore(),
                            "threshold", rule.threshold()));
                }
            }
            case HEALTH_BELOW -> {
                if (f.healthScore() != null && f.healthScore().compareTo(rule.threshold()) < 0) {
                    found.add(detected(rule, rule.key(), "Health is " + plain(f.healthScore()) + " (" + label(f.band()) + "), below "
                            + plain(rule.threshold()) + ".", "score", f.healthScore(), "band", label(f.band()), "threshold",
                            rule.threshold()));
                }
            }
            case BAND_DROP -> {
                Band then = f.bandDaysAgo().get(rule.days());
                if (rank(f.band()) > 0 && rank(then) > rank(f.band())) {
                    String from = label(then);
                    String to = label(f.band());
                    found.add(detected(rule, rule.key() + ":" + from + "-" + to, "Health fell from " + from + " to " + to
                            + " within " + rule.days() + " days (score " + plain(f.healthScore()) + ").", "from", from, "to", to,
                            "score", f.healthScore(), "days", rule.days()));
                }
            }
            case USAGE_DROP -> {
                AccountFacts.Usage usage = f.usage().get(rule.days());
                if (usage != null && usage.previous() > 0) {
                    BigDecimal change = BigDecimal.valueOf(usage.current() - usage.previous()).multiply(HUNDRED)
                            .divide(BigDecimal.valueOf(usage.previous()), 1, RoundingMode.HALF_UP);
                    if (change.negate().compareTo(rule.threshold()) >= 0) {
                        found.add(detected(rule, rule.key(), "Usage fell " + plain(change.negate()) + "% over " + rule.days()
                                + " days (" + count(usage.current()) + " events against " + count(usage.previous())
                                + " in the " + rule.days() + " days before).", "changePercent", change, "events",
                                usage.current(), "eventsBefore", usage.previous(), "days", rule.days()));
                    }
                }
            }
            case NO_ACTIVE_USER -> {
                if (f.tracked()) {
                    long idle = f.lastActive() == null ? Long.MAX_VALUE : ChronoUnit.DAYS.between(f.lastActive(), usedAsOf);
                    if (idle >= rule.days()) {
                        found.add(detected(rule, rule.key(), f.lastActive() == null ? "No active user in the product yet."
                                : "No active user for " + idle + " days (last active " + f.lastActive() + ").",
                                "lastActive", f.lastActive(), "idleDays", idle == Long.MAX_VALUE ? null : idle));
                    }
                }
            }
            case STAKEHOLDER_LEFT -> {
                for (AccountFacts.Contact c : f.contacts()) {
                    if (!c.active() && rule.roles().contains(c.role()) && c.leftOn() != null
                            && !c.leftOn().isBefore(today.minusDays(rule.days())) && !c.leftOn().isAfter(today)) {
                        found.add(detected(rule, rule.key() + ":contact:" + c.id(), capital(role(c.role())) + " " + c.name()
                                + " left on " + c.leftOn() + ".", "contactId", c.id(), "contact", c.name(), "role",
                                Labels.of(c.role()), "leftOn", c.leftOn()));
                    }
                }
            }
            case STAKEHOLDER_JOINED -> {
                for (AccountFacts.Contact c : f.contacts()) {
                    if (c.active() && rule.roles().contains(c.role()) && c.addedOn() != null
                            && !c.addedOn().isBefore(today.minusDays(rule.days()))) {
                        found.add(detected(rule, rule.key() + ":contact:" + c.id(), "New " + role(c.role()) + " " + c.name()
                                + " since " + c.addedOn() + ".", "contactId", c.id(), "contact", c.name(), "role",
                                Labels.of(c.role()),
                                "addedOn", c.addedOn()));
                    }
                }
            }
            case NPS_DETRACTOR -> {
                for (AccountFacts.Answer a : f.answers()) {
                    if (a.score() <= rule.threshold().intValue() && !a.on().isBefore(today.minusDays(rule.days()))) {
                        found.add(detected(rule, rule.key() + ":answer:" + a.id(), (a.respondent() == null ? "A respondent"
                                : a.respondent()) + " answered NPS " + a.score() + " on " + a.on()
                                + (a.comment() == null || a.comment().isBlank() ? "." : ": \"" + shorten(a.comment()) + "\""),
                                "answerId", a.id(), "score", a.score(), "on", a.on()));
                    }
                }
            }
            case TICKETS_UNRESOLVED -> {
                int open = f.openTickets().size();
                if (open > rule.threshold().intValue()) {
                    LocalDate oldest = f.openTickets().stream().map(AccountFacts.Ticket::openedOn).min(LocalDate::compareTo)
                            .orElseThrow();
                    found.add(detected(rule, rule.key(), open + " unresolved tickets (more than " + rule.threshold().intValue()
                            + "), the oldest open since " + oldest + ".", "open", open, "above", rule.threshold().intValue(),
                            "oldest", oldest));
                }
            }
            case URGENT_TICKET -> {
                for (AccountFacts.Ticket t : f.openTickets()) {
                    if (t.priority() == TicketPriority.URGENT) {
                        found.add(detected(rule, rule.key() + ":ticket:" + t.id(), "Urgent ticket " + t.externalId()
                                + " open since " + t.openedOn() + (t.subject() == null ? "." : ": " + shorten(t.subject())
                                        + "."), "ticketId", t.id(), "ticket", t.externalId(), "openedOn", t.openedOn()));
                    }
                }
            }
            case INVOICE_OVERDUE -> {
                for (AccountFacts.Bill b : f.unpaidBills()) {
                    long late = b.dueOn() == null ? 0 : ChronoUnit.DAYS.between(b.dueOn(), today);
                    if (late >= rule.days()) {
                        found.add(detected(rule, rule.key() + ":invoice:" + b.id(), "Invoice " + b.number() + " is " + late
                                + " days overdue (" + money(b.open()) + " " + b.currency() + " open).", "invoiceId", b.id(),
                                "daysOverdue", late, "open", b.open(), "currency", b.currency()));
                    }
                }
            }
            case OVER_UTILISATION -> {
                Long users = f.activeUsers().get(rule.days());
                BigDecimal use = users == null || f.seats() == null ? null : UsageFigures.utilisationPercent(users, f.seats());
                if (use != null) {
                    if (use.compareTo(rule.threshold()) > 0) {
                        found.add(detected(rule, rule.key(), "Licence utilisation " + plain(use) + "% (" + users
                                + " active users in " + rule.days() + " days on " + f.seats() + " seats).", "utilisationPercent",
                                use, "activeUsers", users, "seats", f.seats()));
                    }
                }
            }
            case ADOPTION_DEPTH -> {
                // Reaching the depth is the sign, not staying there: it fires when the 30 days before were below it.
                // Growth needs something to grow from: reaching it from no module in use (a new customer's first weeks,
                // an account coming back) or before the account was a customer through the 30 days before is not.
                boolean grewFromUse = f.modulesUsedBefore30() != null && f.modulesUsedBefore30() > 0
                        && (f.customerSince() == null || !f.customerSince().isAfter(today.minusDays(60)));
                if (grewFromUse && f.modulesContracted() != null && f.modulesContracted() > 0 && f.modulesUsed30() != null) {
                    BigDecimal depth = percent(f.modulesUsed30(), f.modulesContracted());
                    BigDecimal before = percent(f.modulesUsedBefore30(), f.modulesContracted());
                    if (depth.compareTo(rule.threshold()) >= 0 && before.compareTo(rule.threshold()) < 0) {
                        found.add(detected(rule, rule.key(), "Adoption depth reached " + plain(depth) + "%: " + f.modulesUsed30()
                                + " of " + f.modulesContracted() + " contracted modules in use, up from " + plain(before) + "%.",
                                "depthPercent", depth, "depthBeforePercent", before, "modulesUsed", f.modulesUsed30(),
                                "modulesContracted", f.modulesContracted()));
                    }
                }
            }
            case RENEWAL_AHEAD -> {
                AccountFacts.Renewal r = f.renewal();
                if (r != null) {
                    long left = ChronoUnit.DAYS.between(today, r.date());
                    if (left > rule.until() && left <= rule.days()) {
                        found.add(detected(rule, rule.key() + ":" + r.subscription() + ":" + r.date(), "Renews in "
                                + left + " days, on " + r.date() + ": " + money(r.arr()) + " ARR (contract " + r.subscription() + ").",
                                "subscription", r.subscription(), "renewalDate", r.date(), "daysLeft", left, "arr", r.arr()));
                    }
                }
            }
            case NEW_CUSTOMER -> {
                if (f.stage() == LifecycleStage.ONBOARDING && f.customerSince() != null && !f.customerSince().isAfter(today)
                        && ChronoUnit.DAYS.between(f.customerSince(), today) <= rule.days()) {
                    found.add(detected(rule, rule.key() + ":" + f.customerSince(), "New customer: the first contract started on "
                            + f.customerSince() + ".", "startedOn", f.customerSince()));
                }
            }
            case ONBOARDING_OVERDUE -> {
                if (f.stage() == LifecycleStage.ONBOARDING && f.customerSince() != null) {
                    long since = ChronoUnit.DAYS.between(f.customerSince(), today);
                    if (!f.kickoffLogged() && since > rule.days()) {
                        found.add(detected(rule, rule.key() + ":kickoff", "No kickoff meeting logged " + since
                                + " days after the contract started on " + f.customerSince() + " (due within " + rule.days()
                                + " days).", "milestone", "kickoff", "startedOn", f.customerSince(), "days", since));
                    }
                    if (since > rule.completeDays()) {
                        found.add(detected(rule, rule.key() + ":complete", "Still onboarding " + since
                                + " days after the contract started on " + f.customerSince() + " (due within "
                                + rule.completeDays() + " days).", "milestone", "onboarding complete", "startedOn",
                                f.customerSince(), "days", since));
                    }
                }
            }
            case MILESTONE_OVERDUE -> {
                for (AccountFacts.Milestone m : f.openMilestones()) {
                    if (m.dueOn().isBefore(today)) {
                        long late = ChronoUnit.DAYS.between(m.dueOn(), today);
                        found.add(detected(rule, rule.key() + ":milestone:" + m.id(), "Milestone '" + m.title() + "' of the plan "
                                + m.plan() + " was due on " + m.dueOn() + ", " + late + (late == 1 ? " day" : " days") + " ago.",
                                "milestone", m.title(), "plan", m.plan(), "dueOn", m.dueOn(), "days", late));
                    }
                }
            }
            case BUSINESS_REVIEW_DUE -> {
                Integer cadence = rule.cadence().get(f.coverage());
                if (cadence == null) {
                    break;
                }
                LocalDate due = today.minusDays(cadence);
                if (f.customerSince() != null && f.customerSince().isBefore(due)
                        && (f.lastBusinessReview() == null || f.lastBusinessReview().isBefore(due))) {
                    String every = " (every " + cadence + " days for " + f.coverage().label() + " customers).";
                    found.add(detected(rule, rule.key() + ":" + (f.lastBusinessReview() == null ? "never" : f.lastBusinessReview()),
                            f.lastBusinessReview() == null ? "No business review (QBR or EBR) logged yet; a customer since "
                                    + f.customerSince() + every : "Last business review on " + f.lastBusinessReview()
                                    + ", more than " + cadence + " days ago" + every, "lastReview", f.lastBusinessReview(),
                            "cadence", cadence, "review", "qbr"));
                }
            }
            case EXECUTIVE_REVIEW_DUE -> {
                AccountFacts.Renewal renewal = f.renewal();
                if (renewal == null || f.segment() == null || !rule.segments().contains(f.segment().toLowerCase(Locale.ROOT))) {
                    break;
                }
                long left = ChronoUnit.DAYS.between(today, renewal.date());
                LocalDate countsFrom = renewal.date().minusDays(rule.heldWithin());
                LocalDate last = f.lastExecutiveReview();
                if (left >= 0 && left <= rule.days() && (last == null || last.isBefore(countsFrom))) {
                    found.add(detected(rule, rule.key() + ":renewal:" + renewal.date(), "Renews on " + renewal.date() + " ("
                            + left + (left == 1 ? " day" : " days") + ") with no executive business review since "
                            + countsFrom + (last == null ? "; none logged yet." : "; the last was on " + last + "."),
                            "renewal", renewal.date(), "days", left, "lastReview", last, "review", "ebr"));
                }
            }
            case FEATURE_USED -> {
                for (String feature : rule.features()) {
                    LocalDate last = f.featuresLastUsed().get(feature);
                    if (last != null && last.isAfter(usedAsOf.minusDays(rule.days()))) {
                        found.add(detected(rule, rule.key() + ":feature:" + feature, "Uses " + feature + ", last on " + last
                                + ".", "feature", feature, "lastUsed", last));
                    }
                }
            }
        }
    }

    private static Detected detected(SignalRule rule, String causeKey, String summary, Object... data) {
        Map<String, Object> figures = new LinkedHashMap<>();
        for (int i = 0; i < data.length; i += 2) {
            figures.put((String) data[i], data[i + 1] instanceof LocalDate d ? d.toString() : data[i + 1]);
        }
        return new Detected(rule.key(), rule.kind(), rule.category(), rule.severity(), causeKey, summary, figures);
    }

    /** Health bands from worst to best; 0 for none or unknown. */
    static int rank(Band band) {
        if (band == null) {
            return 0;
        }
        return switch (band) {
            case RED -> 1;
            case YELLOW -> 2;
            case GREEN -> 3;
            case NONE -> 0;
        };
    }

    private static String label(Band band) {
        return band == null ? null : band.label();
    }

    private static BigDecimal percent(long part, long whole) {
        return BigDecimal.valueOf(part).multiply(HUNDRED).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }

    private static String plain(BigDecimal value) {
        return value == null ? "—" : value.stripTrailingZeros().toPlainString();
    }

    private static String count(long value) {
        return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(value);
    }

    private static String money(BigDecimal value) {
        NumberFormat format = NumberFormat.getNumberInstance(Locale.ENGLISH);
        format.setMinimumFractionDigits(value.scale() > 0 && value.stripTrailingZeros().scale() > 0 ? 2 : 0);
        format.setMaximumFractionDigits(2);
        return format.format(value);
    }

    private static String role(StakeholderRole role) {
        return Labels.of(role).replace('-', ' ');
    }

    private static String capital(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String shorten(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 120 ? line : line.substring(0, 119) + "…";
    }
}
