package org.lodestar.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.lodestar.accounts.StakeholderDraft;
import org.lodestar.accounts.StakeholderStatus;
import org.lodestar.billing.InvoiceDraft;
import org.lodestar.billing.InvoiceStatus;
import org.lodestar.revenue.SubscriptionDraft;
import org.lodestar.support.Satisfaction;
import org.lodestar.support.TicketDraft;
import org.lodestar.support.TicketPriority;
import org.lodestar.support.TicketStatus;
import org.lodestar.surveys.SurveyDraft;
import org.lodestar.surveys.SurveyKind;

/**
 * What a customer says and pays besides its contracts, over the last {@value #DAYS} days (invoices
 * over {@value #INVOICE_MONTHS} months): routine tickets, an NPS survey about twice a year, and its
 * invoices. A term's warning signs show here from the day its trouble starts: urgent tickets that stay
 * open for weeks ({@link WarningSign#URGENT_TICKETS}), detractors and bad CSAT
 * ({@link WarningSign#DETRACTORS}), invoices paid late or never ({@link WarningSign#LATE_INVOICES}).
 */
final class CustomerSignals {

    /** How far back tickets and answers go: the backtest's year and the 60 days of history its first date needs. */
    static final int DAYS = 400;
    private static final int INVOICE_MONTHS = 18;
    private static final int NET_DAYS = 30;
    /** Routine tickets come in blocks of this many days. */
    private static final int TICKET_BLOCK_DAYS = 30;
    /** NPS surveys go out every five to seven months. */
    private static final int SURVEY_EVERY_MIN_DAYS = 150;
    private static final int SURVEY_EVERY_MAX_DAYS = 210;
    private static final String SOURCE = "demo";
    private static final List<String> SUBJECTS = List.of("SSO login fails for some users", "Export to CSV times out",
            "Dashboard numbers differ from the report", "How do we add seats?", "Webhook deliveries delayed",
            "API rate limit reached during sync", "Invoice address change", "Permissions for a new team",
            "Scheduled report did not arrive", "Data import rejected a file", "Slow page loads since the update",
            "Integration with the CRM stopped syncing", "Request: bulk edit of records", "Audit log export");
    private static final List<String> URGENT_SUBJECTS = List.of("Outage: nobody can log in",
            "Data sync lost records again", "Reports show wrong totals for the board", "Still waiting on the fix",
            "Production workflows failing since the update", "Escalation: ticket open for weeks");
    private static final List<String> PRAISE = List.of("The renewal dashboard saves us hours every week",
            "Great support team", "Easy to roll out to new teams", "Reports are exactly what our board needs");
    private static final List<String> COMPLAINTS = List.of("Too many open issues with support",
            "Price keeps going up", "We lost the person who championed the tool", "Performance got worse",
            "Missing the integrations we were promised");

    record Signals(List<TicketDraft> tickets, List<SurveyDraft> surveys, List<InvoiceDraft> invoices) {
    }

    private final Dice dice;
    private final CustomerPlan customer;
    private final LocalDate today;
    /** The first day of the window, or the customer's first day when later. */
    private final LocalDate first;
    /** The last day anything happens: today, or the day before a churned customer's last contract ended. */
    private final LocalDate lastDay;
    private final List<TicketDraft> tickets = new ArrayList<>();
    private final List<SurveyDraft> surveys = new ArrayList<>();

    private CustomerSignals(Dice dice, CustomerPlan customer, LocalDate today) {
        this.dice = dice;
        this.customer = customer;
        this.today = today;
        ContractHistory history = customer.history();
        this.lastDay = history.churned() ? min(history.churnedOn().minusDays(1), today) : today;
        this.first = max(history.customerSince(), today.minusDays(DAYS));
    }

    static Signals plan(Dice dice, CustomerPlan customer, LocalDate today) {
        CustomerSignals signals = new CustomerSignals(dice, customer, today);
        if (!signals.first.isAfter(signals.lastDay)) {
            signals.routineTickets();
            signals.urgentTickets();
            signals.nps();
        }
        return new Signals(List.copyOf(signals.tickets), List.copyOf(signals.surveys), signals.invoices());
    }

    /** Enterprise files up to two tickets a month, mid-market up to one, SMB one in about three months. */
    private void routineTickets() {
        for (LocalDate block = first; !block.isAfter(lastDay); block = block.plusDays(TICKET_BLOCK_DAYS)) {
            int count = switch (customer.segment()) {
                case ENTERPRISE -> dice.between(0, 2);
                case MID_MARKET -> dice.between(0, 1);
                case SMB -> dice.chance(0.35) ? 1 : 0;
            };
            LocalDate blockEnd = min(block.plusDays(TICKET_BLOCK_DAYS - 1), lastDay);
            for (int i = 0; i < count; i++) {
                LocalDate opened = dice.dayBetween(block, blockEnd);
                TicketPriority priority = TicketPriority.values()[dice.weighted(new double[] { 0.35, 0.45, 0.15, 0.05 })];
                // Routine tickets are solved within three days; one raised in the last fortnight may still be open.
                boolean open = opened.isAfter(today.minusDays(14)) && !customer.history().churned() && dice.chance(0.5);
                int hours = dice.between(2, 72);
                ticket(opened, priority, false, dice.pick(SUBJECTS), open ? 0 : hours);
            }
        }
    }

    /** A term showing urgent tickets: two to four urgent or high ones, escalated, solved three to eleven weeks later. */
    private void urgentTickets() {
        for (ContractPlan term : customer.history().contracts()) {
            if (!term.risk().shows(WarningSign.URGENT_TICKETS)) {
                continue;
            }
            LocalDate from = max(term.risk().warningFrom(), first);
            LocalDate to = min(term.end().minusDays(1), lastDay);
            if (from.isAfter(to)) {
                continue;
            }
            for (int i = dice.between(2, 4); i > 0; i--) {
                LocalDate opened = dice.dayBetween(from, to);
                TicketPriority priority = dice.chance(0.6) ? TicketPriority.URGENT : TicketPriority.HIGH;
                ticket(opened, priority, dice.chance(0.5), dice.pick(URGENT_SUBJECTS), 24 * dice.between(20, 75));
            }
        }
    }

    /**
     * One ticket, solved {@code hoursToSolve} after it was raised (0: still open). A ticket not solved by
     * today stays open, unless the customer has gone: then it was closed on its last day.
     */
    private void ticket(LocalDate opened, TicketPriority priority, boolean escalated, String subject, int hoursToSolve) {
        String id = String.format("DEMO-T-%06d-%d", customer.number(), tickets.size() + 1);
        Instant createdAt = opened.atTime(dice.between(7, 18), dice.between(0, 59)).toInstant(ZoneOffset.UTC);
        Instant lastMoment = lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(60);
        Instant solvedAt = hoursToSolve == 0 ? null : createdAt.plusSeconds(3600L * hoursToSolve);
        if (solvedAt != null && solvedAt.isAfter(lastMoment)) {
            solvedAt = customer.history().churned() ? max(lastMoment, createdAt) : null;
        }
        if (solvedAt == null) {
            tickets.add(new TicketDraft(id, subject, dice.chance(0.7) ? TicketStatus.OPEN : TicketStatus.PENDING,
                    priority, escalated, createdAt, null, null, SOURCE));
            return;
        }
        boolean unhappy = customer.history().termOn(opened).shows(WarningSign.DETRACTORS, opened)
                || priority == TicketPriority.URGENT && hoursToSolve > 24 * 14;
        Satisfaction rating = dice.chance(0.5) ? null
                : dice.chance(unhappy ? 0.3 : 0.9) ? Satisfaction.GOOD : Satisfaction.BAD;
        tickets.add(new TicketDraft(id, subject, dice.chance(0.5) ? TicketStatus.SOLVED : TicketStatus.CLOSED,
                priority, escalated, createdAt, solvedAt, rating, SOURCE));
        if (rating != null) {
            int score = rating == Satisfaction.GOOD ? dice.between(4, 5) : dice.between(1, 3);
            surveys.add(new SurveyDraft(id + "-csat", SurveyKind.CSAT, score, null, null, solvedAt, SOURCE));
        }
    }

    /**
     * A survey every five to seven months, answered by one or two contacts: mostly promoters and
     * passives, one in ten a detractor; while a term shows detractors, most answers are 0 to 6, and
     * one or two unprompted answers come in besides.
     */
    private void nps() {
        LocalDate start = max(first, customer.history().customerSince().plusDays(30));
        for (LocalDate day = start.plusDays(dice.between(0, SURVEY_EVERY_MAX_DAYS - 1)); !day.isAfter(lastDay);
                day = day.plusDays(dice.between(SURVEY_EVERY_MIN_DAYS, SURVEY_EVERY_MAX_DAYS))) {
            boolean unhappy = customer.history().termOn(day).shows(WarningSign.DETRACTORS, day);
            for (int i = dice.between(1, 2); i > 0; i--) {
                answer(day, unhappy ? 0.8 : 0.1);
            }
        }
        for (ContractPlan term : customer.history().contracts()) {
            if (!term.risk().shows(WarningSign.DETRACTORS)) {
                continue;
            }
            LocalDate from = max(term.risk().warningFrom(), start);
            LocalDate to = min(term.end().minusDays(1), lastDay);
            for (int i = dice.between(1, 2); i > 0 && !from.isAfter(to); i--) {
                answer(dice.dayBetween(from, to), 1.0);
            }
        }
    }

    private void answer(LocalDate day, double detractorChance) {
        List<StakeholderDraft> respondents = customer.contacts().stream()
                .filter(c -> c.status() != StakeholderStatus.LEFT || c.leftOn().isAfter(day)).toList();
        if (respondents.isEmpty()) {
            return;
        }
        int score;
        String comment = null;
        if (dice.chance(detractorChance)) {
            score = dice.between(0, 6);
            comment = dice.chance(0.7) ? dice.pick(COMPLAINTS) : null;
        } else if (dice.chance(0.4)) {
            score = dice.between(7, 8);
        } else {
            score = dice.between(9, 10);
            comment = dice.chance(0.5) ? dice.pick(PRAISE) : null;
        }
        Instant at = day.atTime(dice.between(8, 20), 0).toInstant(ZoneOffset.UTC);
        surveys.add(new SurveyDraft(String.format("DEMO-NPS-%06d-%d", customer.number(), surveys.size() + 1),
                SurveyKind.NPS, score, comment, dice.pick(respondents).email(), at, SOURCE));
    }

    /**
     * Enterprise and mid-market are invoiced quarterly, SMB monthly, net 30. Invoices fall due on time
     * (one in a hundred a little late), except those due while a term shows late invoices: paid three
     * to eleven weeks late, still open today, or for a customer that left, often never.
     */
    private List<InvoiceDraft> invoices() {
        List<InvoiceDraft> invoices = new ArrayList<>();
        LocalDate since = today.minusMonths(INVOICE_MONTHS);
        int months = customer.segment() == Segment.SMB ? 1 : 3;
        int number = 0;
        for (ContractPlan contract : customer.history().contracts()) {
            BigDecimal amount = arrAtStart(contract.draft()).multiply(BigDecimal.valueOf(months))
                    .divide(BigDecimal.valueOf(12), 2, RoundingMode.HALF_EVEN);
            boolean lastTerm = contract == customer.history().current();
            for (LocalDate issued = contract.start(); issued.isBefore(contract.end()) && !issued.isAfter(today);
                    issued = issued.plusMonths(months)) {
                number++;
                if (issued.isBefore(since)) {
                    continue;
                }
                LocalDate due = issued.plusDays(NET_DAYS);
                InvoiceStatus status = InvoiceStatus.PAID;
                LocalDate paid;
                if (contract.shows(WarningSign.LATE_INVOICES, due)) {
                    paid = due.plusDays(dice.between(20, 75));
                    if (customer.history().churned() && lastTerm && dice.chance(0.5)) {
                        status = InvoiceStatus.UNCOLLECTIBLE;
                        paid = null;
                    }
                } else if (dice.chance(0.01)) {
                    paid = due.plusDays(dice.between(5, 20));
                } else {
                    paid = max(due.minusDays(dice.between(0, 20)), issued);
                }
                if (paid != null && paid.isAfter(today)) {
                    status = InvoiceStatus.OPEN;
                    paid = null;
                }
                String id = String.format("in_demo_%06d_%02d", customer.number(), number);
                invoices.add(new InvoiceDraft(id, String.format("LS-%06d-%02d", customer.number(), number), "USD",
                        amount, status == InvoiceStatus.PAID ? amount : BigDecimal.ZERO, issued, due, paid, status,
                        SOURCE));
            }
        }
        return invoices;
    }

    private static BigDecimal arrAtStart(SubscriptionDraft draft) {
        return draft.lineItems().stream()
                .filter(item -> item.startDate() == null || !item.startDate().isAfter(draft.startDate()))
                .map(SubscriptionDraft.Item::arr).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
