package org.lodestar.revenue;

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

    @GetMapping("/accounts/{accountId}/subscriptions")
    String panel(@PathVariable long accountId, Model model) {
        model.addAttribute("subscriptions", subscriptions.listForAccount(accountId));
        model.addAttribute("today", subscriptions.today());
        return "subscriptions :: panel";
    }
}
