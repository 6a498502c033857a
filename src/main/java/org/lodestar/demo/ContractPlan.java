package org.lodestar.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.lodestar.revenue.SubscriptionDraft;

/**
 * One subscription in an account's history: its term (start up to, not including, the renewal
 * date), the deal it prices, and possibly an expansion signed part-way through.
 */
record ContractPlan(String externalId, LocalDate start, LocalDate end, boolean autoRenew, Deal deal,
        Expansion expansion) {

    /** Seats or a module added on {@code on}, running to the end of the term; null when there is none. */
    record Expansion(LocalDate on, Deal to) {
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
