package org.lodestar.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.lodestar.accounts.StakeholderDraft;
import org.lodestar.accounts.StakeholderRole;
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
 * What a customer says and pays besides its contracts: support tickets over the last six months, NPS
 * answers over the last year and invoices over the last two years. Customers in trouble (a sponsor or
 * champion gone, or simply unhappy) and those that churned file more and more urgent tickets, answer
 * as detractors and pay late; healthy ones mostly promote and pay on time.
 */
final class CustomerSignals {

    /** Tickets look back six months, NPS a year, invoices two years. */
    private static final int TICKET_DAYS = 180;
    private static final int NPS_DAYS = 365;
    private static final int INVOICE_MONTHS = 24;
    /** SMB customers pay monthly; only the last few months are kept, to keep the demo quick to generate. */
    private static final int MONTHLY_INVOICES_KEPT = 3;
    /** Customers unhappy for reasons the book does not show. */
    private static final double QUIETLY_UNHAPPY = 0.12;
    private static final int NET_DAYS = 30;
    private static final String SOURCE = "demo";
    private static final List<String> SUBJECTS = List.of("SSO login fails for some users", "Export to CSV times out",
            "Dashboard numbers differ from the report", "How do we add seats?", "Webhook deliveries delayed",
            "API rate limit reached during sync", "Invoice address change", "Permissions for a new team",
            "Scheduled report did not arrive", "Data import rejected a file", "Slow page loads since the update",
            "Integration with the CRM stopped syncing", "Request: bulk edit of records", "Audit log export");
    private static final List<String> PRAISE = List.of("The renewal dashboard saves us hours every week",
            "Great support team", "Easy to roll out to new teams", "Reports are exactly what our board needs");
    private static final List<String> COMPLAINTS = List.of("Too many open issues with support",
            "Price keeps going up", "We lost the person who championed the tool", "Performance got worse",
            "Missing the integrations we were promised");

    record Signals(List<TicketDraft> tickets, List<SurveyDraft> surveys, List<InvoiceDraft> invoices, boolean troubled) {
    }

    private CustomerSignals() {
    }

    static Signals plan(Dice dice, CustomerPlan customer, LocalDate today) {
        ContractHistory history = customer.history();
        boolean keyContactLeft = customer.contacts().stream().anyMatch(c -> c.status() == StakeholderStatus.LEFT
                && (c.role() == StakeholderRole.ECONOMIC_SPONSOR || c.role() == StakeholderRole.CHAMPION));
        boolean troubled = history.churned() || keyContactLeft || dice.chance(QUIETLY_UNHAPPY);
        // A churned customer's last words came before it left.
        LocalDate lastDay = history.churned() ? history.churnedOn().minusDays(1) : today;
        List<TicketDraft> tickets = new ArrayList<>();
        List<SurveyDraft> surveys = new ArrayList<>();
        planTickets(dice, customer, lastDay, today, troubled, tickets, surveys);
        planNps(dice, customer, lastDay, troubled, surveys);
        return new Signals(tickets, surveys, invoices(dice, customer, today, troubled), troubled);
    }

    private static void planTickets(Dice dice, CustomerPlan customer, LocalDate lastDay, LocalDate today,
            boolean troubled, List<TicketDraft> tickets, List<SurveyDraft> surveys) {
        LocalDate first = max(customer.history().customerSince(), lastDay.minusDays(TICKET_DAYS));
        if (first.isAfter(lastDay)) {
            return;
        }
        int count = troubled ? dice.between(2, 7) : dice.between(0, 3);
        for (int i = 1; i <= count; i++) {
            LocalDate opened = dice.dayBetween(first, lastDay);
            Instant createdAt = opened.atTime(dice.between(7, 18), dice.between(0, 59)).toInstant(ZoneOffset.UTC);
            TicketPriority priority = TicketPriority.values()[dice.weighted(troubled
                    ? new double[] { 0.15, 0.35, 0.25, 0.25 } : new double[] { 0.35, 0.45, 0.15, 0.05 })];
            long age = java.time.temporal.ChronoUnit.DAYS.between(opened, today);
            // Recent tickets are more often still open; a troubled customer's linger.
            double openChance = age < 14 ? 0.7 : troubled ? 0.3 : 0.05;
            boolean unresolved = dice.chance(openChance);
            String id = String.format("DEMO-T-%06d-%d", customer.number(), i);
            String subject = dice.pick(SUBJECTS);
            boolean escalated = priority == TicketPriority.URGENT && dice.chance(0.4);
            if (unresolved && customer.history().churned()) {
                unresolved = false; // nobody keeps a gone customer's ticket open
            }
            if (unresolved) {
                tickets.add(new TicketDraft(id, subject, dice.chance(0.7) ? TicketStatus.OPEN : TicketStatus.PENDING,
                        priority, escalated, createdAt, null, null, SOURCE));
                continue;
            }
            Instant solvedAt = createdAt.plusSeconds(3600L * dice.between(2, troubled ? 240 : 72));
            Instant latest = today.atStartOfDay(ZoneOffset.UTC).toInstant();
            if (solvedAt.isAfter(latest)) {
                solvedAt = createdAt.isAfter(latest) ? createdAt : latest;
            }
            Satisfaction rating = dice.chance(0.5) ? null
                    : dice.chance(troubled ? 0.45 : 0.9) ? Satisfaction.GOOD : Satisfaction.BAD;
            tickets.add(new TicketDraft(id, subject, dice.chance(0.5) ? TicketStatus.SOLVED : TicketStatus.CLOSED,
                    priority, escalated, createdAt, solvedAt, rating, SOURCE));
            if (rating != null) {
                int score = rating == Satisfaction.GOOD ? dice.between(4, 5) : dice.between(1, 3);
                surveys.add(new SurveyDraft(id + "-csat", SurveyKind.CSAT, score, null, null, solvedAt, SOURCE));
            }
        }
    }

    private static void planNps(Dice dice, CustomerPlan customer, LocalDate lastDay, boolean troubled,
            List<SurveyDraft> surveys) {
        List<StakeholderDraft> respondents = customer.contacts().stream()
                .filter(c -> c.status() != StakeholderStatus.LEFT).toList();
        LocalDate first = max(customer.history().customerSince().plusDays(30), lastDay.minusDays(NPS_DAYS));
        if (respondents.isEmpty() || first.isAfter(lastDay)) {
            return;
        }
        int count = dice.between(1, Math.min(3, respondents.size() + 1));
        for (int i = 1; i <= count; i++) {
            int score;
            String comment = null;
            if (dice.chance(troubled ? 0.65 : 0.12)) {
                score = dice.between(0, 6);
                comment = dice.chance(0.7) ? dice.pick(COMPLAINTS) : null;
            } else if (dice.chance(troubled ? 0.4 : 0.3)) {
                score = dice.between(7, 8);
            } else {
                score = dice.between(9, 10);
                comment = dice.chance(0.5) ? dice.pick(PRAISE) : null;
            }
            Instant at = dice.dayBetween(first, lastDay).atTime(dice.between(8, 20), 0).toInstant(ZoneOffset.UTC);
            surveys.add(new SurveyDraft(String.format("DEMO-NPS-%06d-%d", customer.number(), i), SurveyKind.NPS, score,
                    comment, dice.pick(respondents).email(), at, SOURCE));
        }
    }

    /**
     * Enterprise and mid-market pay each term's ARR up front; SMB pays monthly (the last few months kept).
     * Net 30. Healthy customers pay on time; troubled ones leave recent invoices open past their due date,
     * and a churned customer's last invoice often goes unpaid.
     */
    private static List<InvoiceDraft> invoices(Dice dice, CustomerPlan customer, LocalDate today, boolean troubled) {
        List<InvoiceDraft> invoices = new ArrayList<>();
        LocalDate since = today.minusMonths(INVOICE_MONTHS);
        boolean monthly = customer.segment() == Segment.SMB;
        List<LocalDate> days = new ArrayList<>();
        List<BigDecimal> amounts = new ArrayList<>();
        for (ContractPlan contract : customer.history().contracts()) {
            BigDecimal arr = arrAtStart(contract.draft());
            if (monthly) {
                for (LocalDate day = contract.start(); day.isBefore(contract.end()) && !day.isAfter(today);
                        day = day.plusMonths(1)) {
                    days.add(day);
                    amounts.add(arr.divide(BigDecimal.valueOf(12), 2, RoundingMode.HALF_EVEN));
                }
            } else if (!contract.start().isAfter(today)) {
                days.add(contract.start());
                amounts.add(arr);
            }
        }
        int firstKept = monthly ? Math.max(0, days.size() - MONTHLY_INVOICES_KEPT) : 0;
        for (int i = firstKept; i < days.size(); i++) {
            LocalDate issued = days.get(i);
            if (issued.isBefore(since)) {
                continue;
            }
            boolean last = i == days.size() - 1;
            LocalDate due = issued.plusDays(NET_DAYS);
            InvoiceStatus status = InvoiceStatus.PAID;
            LocalDate paid = null;
            if (customer.history().churned() && last) {
                status = dice.chance(0.5) ? InvoiceStatus.UNCOLLECTIBLE : InvoiceStatus.PAID;
                paid = status == InvoiceStatus.PAID ? min(due.plusDays(dice.between(10, 60)), today) : null;
            } else if (due.isAfter(today) || (troubled && issued.isAfter(today.minusDays(120)) && dice.chance(0.6))
                    || dice.chance(0.02)) {
                status = InvoiceStatus.OPEN;
            } else {
                paid = min(troubled ? due.plusDays(dice.between(-5, 40)) : due.minusDays(dice.between(0, 20)), today);
                paid = max(paid, issued);
            }
            String id = String.format("in_demo_%06d_%02d", customer.number(), i + 1);
            BigDecimal amount = amounts.get(i);
            invoices.add(new InvoiceDraft(id, String.format("LS-%06d-%02d", customer.number(), i + 1), "USD", amount,
                    status == InvoiceStatus.PAID ? amount : BigDecimal.ZERO, issued, due, paid, status, SOURCE));
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
}
