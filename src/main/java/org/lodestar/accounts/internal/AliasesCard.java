package org.lodestar.accounts.internal;

import java.util.List;

import org.lodestar.accounts.AccountAliases;
import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The account page's "Also known as" card: the aliases, with forms to add and remove them. */
@Controller
class AliasesCard {

    private final AccountAliases aliases;

    AliasesCard(AccountAliases aliases) {
        this.aliases = aliases;
    }

    @GetMapping("/accounts/{id}/aliases")
    String card(@PathVariable long id, Model model) {
        model.addAttribute("aliases", aliases.of(id));
        return "aliases :: card";
    }

    @PostMapping("/accounts/{id}/aliases")
    String addOnPage(@PathVariable long id, @RequestParam(required = false) String alias, Model model) {
        try {
            aliases.add(id, alias);
            model.addAttribute("notice", "Alias added.");
        } catch (InvalidInput e) {
            model.addAttribute("errors", e.problems().stream().map(Object::toString).toList());
        }
        return card(id, model);
    }

    @PostMapping("/accounts/{id}/aliases/remove")
    String removeOnPage(@PathVariable long id, @RequestParam(required = false) String alias, Model model) {
        try {
            aliases.remove(id, alias);
            model.addAttribute("notice", "Alias removed.");
        } catch (NotFound e) {
            model.addAttribute("errors", List.of(e.getMessage()));
        }
        return card(id, model);
    }
}
