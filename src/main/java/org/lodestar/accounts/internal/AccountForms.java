package org.lodestar.accounts.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.lodestar.accounts.Account;
import org.lodestar.accounts.AccountDraft;
import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.CoverageModel;
import org.lodestar.accounts.LifecycleStage;
import org.lodestar.errors.Conflict;
import org.lodestar.errors.InvalidInput;
import org.lodestar.infrastructure.Labels;
import org.lodestar.people.Role;
import org.lodestar.people.SignedIn;
import org.lodestar.people.User;
import org.lodestar.web.FormErrors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Creating and editing accounts from the UI, and giving ticked accounts of the book to another owner. The
 * checks are the accounts service's, as for the API and imports; a form with problems comes back as typed,
 * each problem next to its field.
 */
@Controller
class AccountForms {

    /** The account form's fields as typed: text, so that anything a browser sends can be shown again. */
    record AccountForm(String externalId, String name, String domain, String industry, String country,
            String billingId, String productGroupId, String owner, String parent, String stage, String coverage) {

        static AccountForm of(Account account) {
            AccountDraft draft = AccountDraft.of(account);
            return new AccountForm(draft.externalId(), draft.name(), draft.domain(), draft.industry(), draft.country(),
                    draft.billingId(), draft.productGroupId(), draft.owner(), draft.parent(), draft.stage().label(),
                    draft.coverage().label());
        }

        static AccountForm empty(String owner) {
            return new AccountForm(null, null, null, null, null, null, null, owner, null,
                    LifecycleStage.ONBOARDING.label(), "");
        }

        /** The draft this form says, with a problem noted for each choice that is not one. */
        AccountDraft draft(InvalidInput.Collector problems) {
            return new AccountDraft(externalId, billingId, productGroupId, name, domain, industry, country, owner,
                    parent, choice(LifecycleStage.class, "stage", stage, problems),
                    choice(CoverageModel.class, "coverage", coverage, problems));
        }
    }

    /**
     * Where the bulk bar may send the browser back to: a page of the book as its links write it, never elsewhere
     * (nor with braces, which a redirect would read as a template).
     */
    private static final Pattern BOOK_PAGE = Pattern.compile("/book(\\?[A-Za-z0-9%._~=&+@:,-]*)?");

    /** The form's labels where they are not the field's name in words. */
    private static final Map<String, String> LABELS = Map.of("parent", "Parent account", "stage",
            "Lifecycle stage", "coverage", "Coverage model");

    private final Accounts accounts;

    AccountForms(Accounts accounts) {
        this.accounts = accounts;
    }

    /** A new account; a CSM's own by default, since the accounts a CSM adds are usually theirs. */
    @GetMapping("/accounts/new")
    String newAccount(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String owner, Model model) {
        String preset = owner != null ? owner : me != null && me.user().role() == Role.CSM ? me.user().email() : null;
        return form(null, AccountForm.empty(preset), null, model);
    }

    @PostMapping("/accounts/new")
    String create(@ModelAttribute AccountForm form, Model model, RedirectAttributes redirect) {
        try {
            Account created = accounts.create(checked(form, null));
            redirect.addFlashAttribute("saved", "Created account " + created.name() + ".");
            return "redirect:/accounts/" + created.id();
        } catch (InvalidInput e) {
            return form(null, form, FormErrors.of(e, LABELS), model);
        } catch (Conflict e) {
            return form(null, form, FormErrors.of(e.getMessage()), model);
        }
    }

    @GetMapping("/accounts/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        Account account = accounts.get(id);
        return form(account, AccountForm.of(account), null, model);
    }

    @PostMapping("/accounts/{id}/edit")
    String update(@PathVariable long id, @ModelAttribute AccountForm form, Model model, RedirectAttributes redirect) {
        Account account = accounts.get(id);
        try {
            Account updated = accounts.update(id, checked(form, account));
            redirect.addFlashAttribute("saved", "Saved account " + updated.name() + ".");
            return "redirect:/accounts/" + id;
        } catch (InvalidInput e) {
            return form(account, form, FormErrors.of(e, LABELS), model);
        } catch (Conflict e) {
            return form(account, form, FormErrors.of(e.getMessage()), model);
        }
    }

    /**
     * The book's bulk bar: the ticked accounts go to one owner, all or none; problems come back as a notice
     * on the same page of the book.
     */
    @PostMapping("/book/reassign")
    String reassign(@RequestParam(name = "accountIds", required = false) List<Long> accountIds,
            @RequestParam(required = false) String owner, @RequestParam(required = false) String back,
            RedirectAttributes redirect) {
        try {
            List<Account> moved = accounts.reassign(accountIds == null ? List.of() : accountIds, owner);
            redirect.addFlashAttribute("notice", "Gave " + moved.size() + (moved.size() == 1 ? " account" : " accounts")
                    + " to " + moved.get(0).owner().name() + ".");
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("reassignErrors",
                    FormErrors.of(e, Map.of("owner", "Give to", "accountIds", "Ticked accounts")));
        }
        // To the table, where the outcome shows, rather than to the charts at the top of the page.
        return "redirect:" + (back != null && BOOK_PAGE.matcher(back).matches() ? back : "/book") + "#book-table";
    }

    /** The draft a form says, or every problem with it: the form's own choices and the service's checks at once. */
    private AccountDraft checked(AccountForm form, Account existing) {
        var problems = new InvalidInput.Collector();
        AccountDraft draft = form.draft(problems);
        if (!problems.isEmpty()) {
            try {
                accounts.validate(draft, existing);
            } catch (InvalidInput e) {
                problems.problems().addAll(e.problems());
            }
            problems.throwIfAny();
        }
        return draft;
    }

    private String form(Account account, AccountForm form, FormErrors errors, Model model) {
        model.addAttribute("account", account);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        List<User> owners = accounts.possibleOwners();
        model.addAttribute("owners", owners);
        // An owner since disabled or made read-only is no choice for new work, but the form must not drop them silently.
        model.addAttribute("ownerNotListed", form.owner() != null && !form.owner().isBlank()
                && owners.stream().noneMatch(u -> u.email().equalsIgnoreCase(form.owner().trim())));
        model.addAttribute("stages", Arrays.asList(LifecycleStage.values()));
        model.addAttribute("coverages", Arrays.asList(CoverageModel.values()));
        return "account-form";
    }

    /** The constant a select sent, null when blank; a problem naming the choices when it is none of them. */
    private static <E extends Enum<E>> E choice(Class<E> type, String field, String text,
            InvalidInput.Collector problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Labels.parse(type, text);
        } catch (IllegalArgumentException e) {
            problems.add(field, e.getMessage());
            return null;
        }
    }
}
