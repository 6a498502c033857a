package org.lodestar.revenue;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The contracts panel of the account page, loaded into it by htmx. */
@Controller
class SubscriptionsPanel {

    private final Subscriptions subscriptions;
    private final ArrLedger ledger;

    SubscriptionsPanel(Subscriptions subscriptions, ArrLedger ledger) {
        this.subscriptions = subscriptions;
        this.ledger = ledger;
    }

    /** One line of the account's ARR history: the ledger's net for a day and kind, with the ARR after it. */
    record HistoryLine(java.time.LocalDate day, MovementKind kind, java.math.BigDecimal amount,
            java.math.BigDecimal arrAfter, String reason) {
    }

    @GetMapping("/accounts/{accountId}/subscriptions")
    String panel(@PathVariable long accountId, Model model) {
        model.addAttribute("subscriptions", subscriptions.listForAccount(accountId));
        model.addAttribute("today", subscriptions.today());
        model.addAttribute("history", history(ledger.forAccount(accountId)));
        return "subscriptions :: panel";
    }

    /** Corrections netted into the movement they correct; reversed movements left out. Newest first. */
    private static java.util.List<HistoryLine> history(java.util.List<ArrMovement> movements) {
        java.util.Map<String, HistoryLine> net = new java.util.LinkedHashMap<>();
        for (ArrMovement m : movements) {
            net.merge(m.effectiveDate() + " " + m.kind(), new HistoryLine(m.effectiveDate(), m.kind(), m.amount(), null,
                    m.reason()), (a, b) -> new HistoryLine(a.day(), a.kind(), a.amount().add(b.amount()), null,
                            b.reason().startsWith("Corrected") || b.reason().startsWith("Reversed") ? a.reason() : b.reason()));
        }
        java.util.List<HistoryLine> lines = new java.util.ArrayList<>();
        java.math.BigDecimal arr = java.math.BigDecimal.ZERO;
        for (HistoryLine line : net.values()) {
            if (line.amount().signum() != 0) {
                arr = arr.add(line.amount());
                lines.add(new HistoryLine(line.day(), line.kind(), line.amount(), arr, line.reason()));
            }
        }
        java.util.Collections.reverse(lines);
        return lines;
    }
}
