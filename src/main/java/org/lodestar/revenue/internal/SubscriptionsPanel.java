package org.lodestar.revenue.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.lodestar.revenue.ArrHistory;
import org.lodestar.revenue.MovementKind;
import org.lodestar.revenue.Subscription;
import org.lodestar.revenue.Subscriptions;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The contracts panel of the account page, loaded into it by htmx. */
@Controller
class SubscriptionsPanel {

    private final Subscriptions subscriptions;

    SubscriptionsPanel(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    /** One step of the account's ARR history, with the ARR after it. */
    record HistoryLine(LocalDate day, MovementKind kind, BigDecimal amount, BigDecimal arrAfter, String reason) {
    }

    @GetMapping("/accounts/{accountId}/subscriptions")
    String panel(@PathVariable long accountId, Model model) {
        List<Subscription> contracts = subscriptions.listForAccount(accountId);
        model.addAttribute("subscriptions", contracts);
        model.addAttribute("today", subscriptions.today());
        model.addAttribute("history", history(contracts));
        return "subscriptions :: panel";
    }

    /**
     * The movements the contracts imply, newest first: what the ledger nets to for the account, without
     * the corrections that got it there.
     */
    private static List<HistoryLine> history(List<Subscription> contracts) {
        List<HistoryLine> lines = new ArrayList<>();
        BigDecimal arr = BigDecimal.ZERO;
        for (ArrHistory.Planned movement : ArrHistory.movements(contracts)) {
            arr = arr.add(movement.amount());
            lines.add(new HistoryLine(movement.effectiveDate(), movement.kind(), movement.amount(), arr, movement.reason()));
        }
        Collections.reverse(lines);
        return lines;
    }
}
