package org.lodestar.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.lodestar.plans.Milestone;
import org.lodestar.plans.PlanDraft;
import org.lodestar.plans.SuccessPlan;
import org.lodestar.plans.SuccessPlans;

/**
 * The onboarding plans of customers who started between two weeks and a year ago (the newer ones get theirs from the
 * onboarding playbook today), so that time-to-value has a history: the template of the segment, started on the first
 * contract's day; the steps done around their due days and the first value reached after a time typical of the
 * segment (SMB 2 to 6 weeks, mid-market 3 to 10, enterprise 6 to 14). A customer whose onboarding stalled did the
 * first steps and never reached value (its value milestone stays open, overdue); one that churned did nothing after.
 */
final class OnboardingHistory {

    private OnboardingHistory() {
    }

    static int write(SuccessPlans plans, Dice dice, CustomerPlan customer, long accountId, LocalDate today) {
        LocalDate since = customer.history().customerSince();
        if (since == null || since.isAfter(today.minusDays(15)) || since.isBefore(today.minusDays(365))) {
            return 0;
        }
        String template = customer.segment() == Segment.SMB ? "smb-onboarding" : "enterprise-onboarding";
        int valueDays = switch (customer.segment()) {
            case SMB -> dice.between(14, 42);
            case MID_MARKET -> dice.between(21, 70);
            default -> dice.between(42, 98);
        };
        boolean stalled = customer.history().contracts().getFirst().risk().shows(WarningSign.STALLED_ONBOARDING);
        SuccessPlan plan = plans.create(accountId, new PlanDraft(template, null, since, null));
        LocalDate valueOn = since.plusDays(valueDays);
        // Steps are done up to yesterday, or up to the day a customer that left churned.
        LocalDate churned = customer.history().churnedOn();
        LocalDate until = churned != null && churned.isBefore(today) ? churned : today;
        int done = 0;
        for (Milestone m : plan.milestones()) {
            LocalDate on;
            if (m.value()) {
                on = valueOn;
            } else {
                // A step due before the value is done by then; one due after it, a few days either side of its due day.
                on = m.dueOn().isBefore(valueOn) ? min(m.dueOn().plusDays(dice.between(-1, 4)), valueOn)
                        : m.dueOn().plusDays(dice.between(-3, 10));
            }
            if (!on.isBefore(until) || stalled && !on.isBefore(valueOn)) {
                continue;
            }
            Instant at = on.atTime(dice.between(9, 17), 0).toInstant(ZoneOffset.UTC);
            plans.completeAsOf(m.id(), at, m.value() ? "The customer confirmed the first value" : null);
            done++;
        }
        return done;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
