package org.lodestar.support.internal;

import org.lodestar.support.SupportTickets;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The support panel of the account page, loaded into it by htmx. */
@Controller
class TicketsPanel {

    private final SupportTickets tickets;

    TicketsPanel(SupportTickets tickets) {
        this.tickets = tickets;
    }

    @GetMapping("/accounts/{accountId}/tickets")
    String panel(@PathVariable long accountId, Model model) {
        model.addAttribute("tickets", tickets.summary(accountId));
        return "tickets :: panel";
    }
}
