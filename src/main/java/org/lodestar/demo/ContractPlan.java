package org.lodestar.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.lodestar.revenue.SubscriptionDraft;

/**
 * One subscription in an account's history: its term (start up to, not including, the renewal
 * date), the deal it prices, possibly an expansion signed part-way through, and the term's hidden
 * risk that decides how it renews and which warning signs show before.
 */
record ContractPlan(String externalId, LocalDate start, LocalDate end, boolean autoRenew, Deal deal,
        Expansion expansion, TermRisk risk) {

    /** Seats or a module added on {@code on}, running to the end of the term; null when there is none. */
    record Expansion(LocalDate on, Deal to) {
    }

    /** The deal in force on {@code day}. */
    Deal dealOn(LocalDate day) {
        return expansion != null && !day.isBefore(expansion.on()) ? expansion.to() : deal;
    }

    /** Whether {@code sign} shows on {@code day}, a day of this term. */
    boolean shows(WarningSign sign, LocalDate day) {
        return risk.shows(sign, day, end);
    }

    /** How far this term's trouble has gone on {@code day} (0 to 1). */
    double trouble(LocalDate day) {
        return risk.progress(day, end);
    }

    /** The deal in force when the term ends: what the renewal starts from. */
    Deal finalDeal() {
        return expansion == null ? deal : expansion.to();
    }

    SubscriptionDraft draft() {
        List<SubscriptionDraft.Item> items = new ArrayList<>(deal.items());
        if (expansion != null) {
            items.addAll(expansion.to().itemsAddedTo(deal, expansion.on()));
        }
        return new SubscriptionDraft(externalId, start, end, autoRenew, items);
    }
}
