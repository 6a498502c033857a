package org.lodestar.accounts.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

import org.lodestar.accounts.Account;
import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.Stakeholder;
import org.lodestar.accounts.StakeholderDraft;
import org.lodestar.accounts.StakeholderRole;
import org.lodestar.accounts.StakeholderStatus;
import org.lodestar.accounts.Stakeholders;
import org.lodestar.errors.Conflict;
import org.lodestar.errors.InvalidInput;
import org.lodestar.infrastructure.Labels;
import org.lodestar.web.FormErrors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An account's contacts from the UI: add, edit, and mark one as left. The checks and the timeline entry
 * for a sponsor or champion who leaves are the stakeholders service's, as for the API and imports.
 */
@Controller
class StakeholderForms {

    /** The contact form's fields as typed. */
    record StakeholderForm(String email, String name, String title, String role, String status, String leftOn) {

        static StakeholderForm of(Stakeholder s) {
            return new StakeholderForm(s.email(), s.name(), s.title(), s.role().label(), s.status().label(),
                    s.leftOn() == null ? null : s.leftOn().toString());
        }

        static StakeholderForm empty() {
            return new StakeholderForm(null, null, null, StakeholderRole.USER.label(), StakeholderStatus.ACTIVE.label(),
                    null);
        }

        /** The draft this form says, with a problem noted for each choice or date that is not one. */
        StakeholderDraft draft(InvalidInput.Collector problems) {
            StakeholderRole parsedRole = null;
            try {
                parsedRole = Labels.parse(StakeholderRole.class, role);
            } catch (IllegalArgumentException e) {
                problems.add("role", e.getMessage());
            }
            StakeholderStatus parsedStatus = null;
            if (status != null && !status.isBlank()) {
                try {
                    parsedStatus = Labels.parse(StakeholderStatus.class, status);
                } catch (IllegalArgumentException e) {
                    problems.add("status", e.getMessage());
                }
            }
            LocalDate parsedLeftOn = null;
            if (leftOn != null && !leftOn.isBlank()) {
                try {
                    parsedLeftOn = LocalDate.parse(leftOn.trim());
                } catch (DateTimeParseException e) {
                    problems.add("leftOn", "expected a date as YYYY-MM-DD, got '" + leftOn + "'");
                }
            }
            return new StakeholderDraft(email, name, title, parsedRole, parsedStatus, parsedLeftOn);
        }
    }

    private final Accounts accounts;
    private final Stakeholders stakeholders;

    StakeholderForms(Accounts accounts, Stakeholders stakeholders) {
        this.accounts = accounts;
        this.stakeholders = stakeholders;
    }

    @GetMapping("/accounts/{id}/stakeholders/new")
    String newContact(@PathVariable long id, Model model) {
        return form(accounts.get(id), null, StakeholderForm.empty(), null, model);
    }

    @PostMapping("/accounts/{id}/stakeholders/new")
    String add(@PathVariable long id, @ModelAttribute StakeholderForm form, Model model, RedirectAttributes redirect) {
        Account account = accounts.get(id);
        try {
            Stakeholder added = stakeholders.add(id, checked(form));
            redirect.addFlashAttribute("stakeholderNotice", "Added " + added.name() + ".");
            return "redirect:/accounts/" + id + "?tab=people";
        } catch (InvalidInput e) {
            return form(account, null, form, FormErrors.of(e, java.util.Map.of("role", "Role in the relationship")), model);
        } catch (Conflict e) {
            return form(account, null, form, FormErrors.of(e.getMessage()), model);
        }
    }

    @GetMapping("/accounts/{id}/stakeholders/{stakeholderId}/edit")
    String edit(@PathVariable long id, @PathVariable long stakeholderId, Model model) {
        Stakeholder stakeholder = stakeholders.get(id, stakeholderId);
        return form(accounts.get(id), stakeholder, StakeholderForm.of(stakeholder), null, model);
    }

    @PostMapping("/accounts/{id}/stakeholders/{stakeholderId}/edit")
    String update(@PathVariable long id, @PathVariable long stakeholderId, @ModelAttribute StakeholderForm form,
            Model model, RedirectAttributes redirect) {
        Account account = accounts.get(id);
        Stakeholder stakeholder = stakeholders.get(id, stakeholderId);
        try {
            Stakeholder updated = stakeholders.update(id, stakeholderId, checked(form));
            redirect.addFlashAttribute("stakeholderNotice", "Saved " + updated.name() + ".");
            return "redirect:/accounts/" + id + "?tab=people";
        } catch (InvalidInput e) {
            return form(account, stakeholder, form, FormErrors.of(e, java.util.Map.of("role", "Role in the relationship")), model);
        } catch (Conflict e) {
            return form(account, stakeholder, form, FormErrors.of(e.getMessage()), model);
        }
    }

    /** The contact left the customer today; a sponsor or champion leaving goes on the timeline and the signals see it. */
    @PostMapping("/accounts/{id}/stakeholders/{stakeholderId}/left")
    String markLeft(@PathVariable long id, @PathVariable long stakeholderId, RedirectAttributes redirect) {
        Stakeholder s = stakeholders.get(id, stakeholderId);
        try {
            Stakeholder left = stakeholders.update(id, stakeholderId,
                    new StakeholderDraft(s.email(), s.name(), s.title(), s.role(), StakeholderStatus.LEFT, null));
            redirect.addFlashAttribute("stakeholderNotice", "Marked " + left.name() + " as left on " + left.leftOn() + ".");
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("stakeholderErrors", FormErrors.of(e, java.util.Map.of("role", "Role in the relationship")));
        }
        return "redirect:/accounts/" + id + "?tab=people";
    }

    /** The draft a form says, or every problem with it: the form's own choices and dates and the service's checks at once. */
    private StakeholderDraft checked(StakeholderForm form) {
        var problems = new InvalidInput.Collector();
        StakeholderDraft draft = form.draft(problems);
        if (!problems.isEmpty()) {
            try {
                stakeholders.validate(draft);
            } catch (InvalidInput e) {
                e.problems().stream().filter(p -> problems.problems().stream().noneMatch(q -> q.field() != null
                        && q.field().equals(p.field()))).forEach(problems.problems()::add);
            }
            problems.throwIfAny();
        }
        return draft;
    }

    private String form(Account account, Stakeholder stakeholder, StakeholderForm form, FormErrors errors, Model model) {
        model.addAttribute("account", account);
        model.addAttribute("stakeholder", stakeholder);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("roles", Arrays.asList(StakeholderRole.values()));
        model.addAttribute("statuses", Arrays.asList(StakeholderStatus.values()));
        return "stakeholder-form";
    }
}
