package org.lodestar.revenue.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import org.lodestar.infrastructure.Money;
import org.lodestar.revenue.ArrHistory;
import org.lodestar.revenue.LineItem;
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
    private final MovementSentence sentences;

    SubscriptionsPanel(Subscriptions subscriptions, Money money) {
        this.subscriptions = subscriptions;
        this.sentences = new MovementSentence(money::whole, money::change);
    }

    /** One step of the account's ARR history, with the ARR after it: in words, and as the ledger states it. */
    record HistoryLine(LocalDate day, MovementKind kind, BigDecimal amount, BigDecimal arrAfter, String sentence,
            String reason) {
    }

    /** A contract by what it sells and when, "Growth · core, analytics", its id kept for those who look it up. */
    record Contract(Subscription subscription, String title) {
    }

    @GetMapping("/accounts/{accountId}/subscriptions")
    String panel(@PathVariable long accountId, Model model) {
        List<Subscription> contracts = subscriptions.listForAccount(accountId);
        model.addAttribute("subscriptions", contracts.stream().map(c -> new Contract(c, title(c))).toList());
        model.addAttribute("accountId", accountId);
        model.addAttribute("today", subscriptions.today());
        model.addAttribute("history", history(contracts, subscriptions.today()));
        return "subscriptions :: panel";
    }

    /**
     * The movements the contracts imply, newest first: what the ledger nets to for the account, without
     * the corrections that got it there.
     */
    private List<HistoryLine> history(List<Subscription> contracts, LocalDate today) {
        List<HistoryLine> lines = new ArrayList<>();
        BigDecimal arr = BigDecimal.ZERO;
        for (ArrHistory.Planned movement : ArrHistory.movements(contracts)) {
            arr = arr.add(movement.amount());
            lines.add(new HistoryLine(movement.effectiveDate(), movement.kind(), movement.amount(), arr,
                    sentences.of(movement.kind(), movement.amount(), arr,
                            ArrHistory.changesOn(contracts, movement.effectiveDate()), movement.effectiveDate().isAfter(today)),
                    movement.reason()));
        }
        Collections.reverse(lines);
        return lines;
    }

    static String title(Subscription contract) {
        String plans = contract.lineItems().stream().map(i -> MovementSentence.title(i.plan())).distinct()
                .collect(Collectors.joining(", "));
        String modules = contract.lineItems().stream().map(LineItem::module).distinct().sorted(MovementSentence.MODULE_ORDER)
                .collect(Collectors.joining(", "));
        return plans.isEmpty() ? "No line items" : plans + " · " + modules;
    }
}
