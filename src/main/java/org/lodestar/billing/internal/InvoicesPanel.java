package org.lodestar.billing.internal;

import org.lodestar.billing.Invoices;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The invoices panel of the account page, loaded into it by htmx. */
@Controller
class InvoicesPanel {

    private final Invoices invoices;

    InvoicesPanel(Invoices invoices) {
        this.invoices = invoices;
    }

    @GetMapping("/accounts/{accountId}/invoices")
    String panel(@PathVariable long accountId, Model model) {
        model.addAttribute("billing", invoices.summary(accountId));
        return "invoices :: panel";
    }
}
