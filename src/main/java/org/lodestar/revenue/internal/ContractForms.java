package org.lodestar.revenue.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lodestar.accounts.Account;
import org.lodestar.accounts.Accounts;
import org.lodestar.errors.Conflict;
import org.lodestar.errors.InvalidInput;
import org.lodestar.infrastructure.StrictValues;
import org.lodestar.revenue.ContractEdits;
import org.lodestar.revenue.LineItem;
import org.lodestar.revenue.Subscription;
import org.lodestar.revenue.SubscriptionDraft;
import org.lodestar.revenue.Subscriptions;
import org.lodestar.web.FormErrors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An account's contracts from its Contracts tab: add a contract with its first line item, change its term, and
 * add, change or end line items. The checks, the audit entry and the ledger's movements are the subscriptions
 * service's, as for the API and imports; a form with problems comes back as typed, each problem next to its
 * field, and nothing is written.
 */
@Controller
class ContractForms {

    /** A problem the service names by the draft's line item, e.g. {@code lineItems[2].seats}. */
    /** An amount as typed, without exponents and short enough that the service's checks name what is wrong with it. */
    private static final Pattern AMOUNT = Pattern.compile("-?[0-9]{1,20}(\\.[0-9]{1,20})?");
    private static final Pattern ITEM_FIELD = Pattern.compile("lineItems\\[(\\d+)]\\.?(.*)");
    /** The forms' fields by the labels they show, for naming them in the list of problems at the top. */
    private static final Map<String, String> LABELS = Map.of("externalId", "External id", "startDate", "Start date",
            "endDate", "End date", "autoRenew", "Renews automatically", "plan", "Plan", "module", "Module", "seats",
            "Seats", "arr", "ARR", "from", "From", "on", "Ends on");

    /** The contract form's fields as typed: the term, and for a new contract its first line item. */
    record ContractForm(String externalId, String startDate, String endDate, String autoRenew, String plan,
            String module, String seats, String arr) {

        static ContractForm of(Subscription s) {
            return new ContractForm(s.externalId(), s.startDate().toString(),
                    s.endDate() == null ? null : s.endDate().toString(), s.autoRenew() ? "true" : null, null, null,
                    null, null);
        }

        static ContractForm empty(LocalDate today) {
            return new ContractForm(null, today.toString(), today.plusYears(1).toString(), "true", null, "core", null,
                    null);
        }

        public boolean renews() {
            return autoRenew != null && !autoRenew.isBlank() && !"false".equalsIgnoreCase(autoRenew.trim());
        }
    }

    /** The line item form's fields as typed; {@code from} is the day a change takes effect. */
    record LineItemForm(String plan, String module, String seats, String arr, String startDate, String endDate,
            String from, String on) {

        static LineItemForm of(LineItem item, LocalDate today) {
            LocalDate from = today.isAfter(item.startDate())
                    && (item.endDate() == null || today.isBefore(item.endDate())) ? today : item.startDate();
            return new LineItemForm(item.plan(), item.module(), String.valueOf(item.seats()), item.arr().toPlainString(),
                    null, null, from.toString(), null);
        }

        static LineItemForm empty(Subscription contract, LocalDate today) {
            LocalDate start = today.isAfter(contract.startDate())
                    && (contract.endDate() == null || today.isBefore(contract.endDate())) ? today : contract.startDate();
            return new LineItemForm(null, "core", null, null, start.toString(),
                    contract.endDate() == null ? null : contract.endDate().toString(), null, null);
        }

        SubscriptionDraft.Item item(InvalidInput.Collector problems) {
            return new SubscriptionDraft.Item(plan, module, ContractForms.seats(seats, problems),
                    ContractForms.amount(arr, problems),
                    date("startDate", startDate, problems), date("endDate", endDate, problems));
        }
    }

    private final Accounts accounts;
    private final Subscriptions subscriptions;

    ContractForms(Accounts accounts, Subscriptions subscriptions) {
        this.accounts = accounts;
        this.subscriptions = subscriptions;
    }

    @GetMapping("/accounts/{id}/contracts/new")
    String newContract(@PathVariable long id, Model model) {
        return contractForm(accounts.get(id), null, ContractForm.empty(subscriptions.today()), null, model);
    }

    @PostMapping("/accounts/{id}/contracts/new")
    String create(@PathVariable long id, @ModelAttribute ContractForm form, Model model, RedirectAttributes redirect) {
        Account account = accounts.get(id);
        try {
            Subscription created = subscriptions.create(id, newDraft(account, form));
            redirect.addFlashAttribute("contractNotice", "Added contract " + SubscriptionsPanel.title(created) + " ("
                    + created.externalId() + ").");
            return "redirect:/accounts/" + id + "?tab=contracts";
        } catch (InvalidInput e) {
            return contractForm(account, null, form, itemErrors(e), model);
        } catch (Conflict e) {
            return contractForm(account, null, form, FormErrors.of(e.getMessage()), model);
        }
    }

    @GetMapping("/accounts/{id}/contracts/{subscriptionId}/edit")
    String edit(@PathVariable long id, @PathVariable long subscriptionId, Model model) {
        Subscription contract = subscriptions.getForAccount(id, subscriptionId);
        return contractForm(accounts.get(id), contract, ContractForm.of(contract), null, model);
    }

    @PostMapping("/accounts/{id}/contracts/{subscriptionId}/edit")
    String update(@PathVariable long id, @PathVariable long subscriptionId, @ModelAttribute ContractForm form, Model model,
            RedirectAttributes redirect) {
        Account account = accounts.get(id);
        Subscription contract = subscriptions.getForAccount(id, subscriptionId);
        try {
            var problems = new InvalidInput.Collector();
            LocalDate start = date("startDate", form.startDate(), problems);
            LocalDate end = date("endDate", form.endDate(), problems);
            checkWith(() -> ContractEdits.withTerm(contract, start, end, form.renews()), problems);
            Subscription saved = subscriptions.changeTerm(subscriptionId, start, end, form.renews());
            redirect.addFlashAttribute("contractNotice", unchanged(contract, saved)
                    ? "Nothing changed: contract " + saved.externalId() + " already has that term."
                    : "Saved contract " + saved.externalId() + ".");
            return "redirect:/accounts/" + id + "?tab=contracts";
        } catch (InvalidInput e) {
            return contractForm(account, contract, form, termErrors(e, contract), model);
        }
    }

    @GetMapping("/accounts/{id}/contracts/{subscriptionId}/items/new")
    String newItem(@PathVariable long id, @PathVariable long subscriptionId, Model model) {
        Subscription contract = subscriptions.getForAccount(id, subscriptionId);
        return itemForm(accounts.get(id), contract, null, "add", LineItemForm.empty(contract, subscriptions.today()),
                null, model);
    }

    @PostMapping("/accounts/{id}/contracts/{subscriptionId}/items/new")
    String addItem(@PathVariable long id, @PathVariable long subscriptionId, @ModelAttribute LineItemForm form, Model model,
            RedirectAttributes redirect) {
        Account account = accounts.get(id);
        Subscription contract = subscriptions.getForAccount(id, subscriptionId);
        try {
            var problems = new InvalidInput.Collector();
            SubscriptionDraft.Item item = form.item(problems);
            checkWith(() -> ContractEdits.withItem(contract, item), problems);
            subscriptions.addLineItem(subscriptionId, item);
            redirect.addFlashAttribute("contractNotice", "Added " + item.plan().trim() + " to contract "
                    + contract.externalId() + ".");
            return "redirect:/accounts/" + id + "?tab=contracts";
        } catch (InvalidInput e) {
            return itemForm(account, contract, null, "add", form, itemErrors(e), model);
        }
    }

    @GetMapping("/accounts/{id}/contracts/{subscriptionId}/items/{itemId}/edit")
    String editItem(@PathVariable long id, @PathVariable long subscriptionId, @PathVariable long itemId, Model model) {
        Subscription contract = subscriptions.getForAccount(id, subscriptionId);
        LineItem item = ContractEdits.item(contract, itemId);
        return itemForm(accounts.get(id), contract, item, "edit", LineItemForm.of(item, subscriptions.today()), null,
                model);
    }

    @PostMapping("/accounts/{id}/contracts/{subscriptionId}/items/{itemId}/edit")
    String changeItem(@PathVariable long id, @PathVariable long subscriptionId, @PathVariable long itemId,
            @ModelAttribute LineItemForm form, Model model, RedirectAttributes redirect) {
        Account account = accounts.get(id);
        Subscription contract = subscriptions.getForAccount(id, subscriptionId);
        LineItem item = ContractEdits.item(contract, itemId);
        try {
            var problems = new InvalidInput.Collector();
            SubscriptionDraft.Item changed = new SubscriptionDraft.Item(form.plan(), form.module(),
                    seats(form.seats(), problems), amount(form.arr(), problems), null, null);
            LocalDate from = date("from", form.from(), problems);
            if (form.from() == null || form.from().isBlank()) {
                problems.add("from", "required: the day the change takes effect, as YYYY-MM-DD");
            }
            LocalDate checkedFrom = from;
            if (from != null) {
                try {
                    ContractEdits.withItemChanged(contract, itemId, changed, from);
                } catch (InvalidInput e) {
                    problems.problems().addAll(e.problems());
                    checkedFrom = null;
                }
            }
            // A day the change cannot take effect is named already; the values are checked as of the item's start.
            LocalDate day = checkedFrom != null ? checkedFrom : item.startDate();
            checkWith(() -> ContractEdits.withItemChanged(contract, itemId, changed, day), problems);
            Subscription saved = subscriptions.changeLineItem(subscriptionId, itemId, changed, from);
            redirect.addFlashAttribute("contractNotice", unchanged(contract, saved)
                    ? "Nothing changed: " + item.plan() + " · " + item.module() + " of contract "
                            + contract.externalId() + " already has these values."
                    : "Changed " + item.plan() + " · " + item.module() + " of contract " + contract.externalId()
                            + " from " + from + ".");
            return "redirect:/accounts/" + id + "?tab=contracts";
        } catch (InvalidInput e) {
            return itemForm(account, contract, item, "edit", form, itemErrors(e), model);
        }
    }

    @GetMapping("/accounts/{id}/contracts/{subscriptionId}/items/{itemId}/end")
    String endItemForm(@PathVariable long id, @PathVariable long subscriptionId, @PathVariable long itemId, Model model) {
        Subscription contract = subscriptions.getForAccount(id, subscriptionId);
        LineItem item = ContractEdits.item(contract, itemId);
        LineItemForm form = new LineItemForm(item.plan(), item.module(), null, null, null, null, null,
                subscriptions.today().toString());
        return itemForm(accounts.get(id), contract, item, "end", form, null, model);
    }

    /** Ends a line item on a day: its ARR leaves the account's ARR then, as a contraction or a churn. */
    @PostMapping("/accounts/{id}/contracts/{subscriptionId}/items/{itemId}/end")
    String endItem(@PathVariable long id, @PathVariable long subscriptionId, @PathVariable long itemId,
            @ModelAttribute LineItemForm form, Model model, RedirectAttributes redirect) {
        Account account = accounts.get(id);
        Subscription contract = subscriptions.getForAccount(id, subscriptionId);
        LineItem item = ContractEdits.item(contract, itemId);
        try {
            var problems = new InvalidInput.Collector();
            LocalDate on = date("on", form.on(), problems);
            if (form.on() == null || form.on().isBlank()) {
                problems.add("on", "required: the day it ends (its last day is the one before), as YYYY-MM-DD");
            }
            problems.throwIfAny();
            subscriptions.endLineItem(subscriptionId, itemId, on);
            redirect.addFlashAttribute("contractNotice", "Ended " + item.plan() + " · " + item.module()
                    + " of contract " + contract.externalId() + " on " + on + ".");
            return "redirect:/accounts/" + id + "?tab=contracts";
        } catch (InvalidInput e) {
            return itemForm(account, contract, item, "end", form, itemErrors(e), model);
        }
    }

    /**
     * The draft a new-contract form says: the external id as typed, or one made from the account's and the start
     * day; one line item for the whole term. Problems of the form and the service's come back together.
     */
    private SubscriptionDraft newDraft(Account account, ContractForm form) {
        var problems = new InvalidInput.Collector();
        LocalDate start = date("startDate", form.startDate(), problems);
        LocalDate end = date("endDate", form.endDate(), problems);
        String externalId = form.externalId() == null || form.externalId().isBlank()
                ? subscriptions.freeExternalId(account.externalId() + "-" + (start != null ? start : subscriptions.today()))
                : form.externalId().trim();
        if (subscriptions.findByExternalId(externalId).isPresent()) {
            problems.add("externalId", "a contract with external id " + externalId
                    + " already exists; expected a new id, or leave it empty for one to be made");
        }
        SubscriptionDraft draft = new SubscriptionDraft(externalId, start, end, form.renews(), List.of(
                new SubscriptionDraft.Item(form.plan(), form.module(), seats(form.seats(), problems),
                        amount(form.arr(), problems), null, null)));
        checkWith(() -> draft, problems);
        return draft;
    }

    /**
     * When the form has problems of its own, adds the service's problems with the draft it says (one per field,
     * the form's first) and throws them all; otherwise leaves the checking to the service.
     */
    private void checkWith(Supplier<SubscriptionDraft> draft, InvalidInput.Collector problems) {
        if (problems.isEmpty()) {
            return;
        }
        try {
            subscriptions.validate(draft.get());
        } catch (InvalidInput e) {
            e.problems().stream().filter(p -> problems.problems().stream().noneMatch(q -> q.field() != null
                    && p.field() != null && q.field().equals(named(p.field())))).forEach(problems.problems()::add);
        }
        problems.throwIfAny();
    }

    /**
     * Whether a save left the contract as it was: the service then writes and audits nothing and answers the
     * contract as it stood.
     */
    private static boolean unchanged(Subscription before, Subscription after) {
        return ContractEdits.draftOf(before).equals(ContractEdits.draftOf(after));
    }

    /**
     * The problems of a form about one line item, as the form names its fields: the service names them by the
     * draft's line item ({@code lineItems[2].seats}); the other line items are as stored, so every such problem
     * is about the one being worked on. A field named twice (a contract's end and its one item's) keeps the first.
     */
    private static FormErrors itemErrors(InvalidInput e) {
        Set<String> seen = new HashSet<>();
        return FormErrors.of(new InvalidInput(e.problems().stream()
                .map(p -> new InvalidInput.Problem(p.field() == null ? null : named(p.field()), p.reason()))
                .filter(p -> p.field() == null || seen.add(p.field())).toList()), LABELS);
    }

    /** The problems of the term form: a line item that no longer fits the term is told by plan and module. */
    private static FormErrors termErrors(InvalidInput e, Subscription contract) {
        return FormErrors.of(new InvalidInput(e.problems().stream().map(p -> {
            Matcher m = p.field() == null ? null : ITEM_FIELD.matcher(p.field());
            if (m == null || !m.matches()) {
                return p;
            }
            int index = Integer.parseInt(m.group(1));
            List<LineItem> items = contract.lineItems();
            String which = index < items.size() ? items.get(index).plan() + " · " + items.get(index).module()
                    + " from " + items.get(index).startDate() : "a line item";
            return new InvalidInput.Problem(null, "line item " + which + ": " + m.group(2) + " " + p.reason());
        }).toList()), LABELS);
    }

    /** A problem's field as a form shows it: a line item's own field without the draft's index. */
    private static String named(String field) {
        Matcher m = ITEM_FIELD.matcher(field);
        return m.matches() && !m.group(2).isEmpty() ? m.group(2) : field;
    }

    private String contractForm(Account account, Subscription contract, ContractForm form, FormErrors errors,
            Model model) {
        model.addAttribute("account", account);
        model.addAttribute("contract", contract);
        model.addAttribute("contractTitle", contract == null ? null : SubscriptionsPanel.title(contract));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "contract-form";
    }

    private String itemForm(Account account, Subscription contract, LineItem item, String mode, LineItemForm form,
            FormErrors errors, Model model) {
        model.addAttribute("account", account);
        model.addAttribute("contract", contract);
        model.addAttribute("contractTitle", SubscriptionsPanel.title(contract));
        model.addAttribute("item", item);
        model.addAttribute("mode", mode);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "line-item-form";
    }

    private static LocalDate date(String field, String text, InvalidInput.Collector problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return StrictValues.date(text);
        } catch (IllegalArgumentException e) {
            problems.add(field, e.getMessage());
            return null;
        }
    }

    private static Integer seats(String text, InvalidInput.Collector problems) {
        if (text == null || text.isBlank()) {
            problems.add("seats", "expected a whole number of 0 or more, got nothing");
            return null;
        }
        try {
            int seats = Integer.parseInt(text.trim());
            if (seats < 0) {
                problems.add("seats", "expected a whole number of 0 or more, got " + seats);
            }
            return seats;
        } catch (NumberFormatException e) {
            problems.add("seats", "expected a whole number of 0 or more, got '" + text + "'");
            return null;
        }
    }

    /** An amount as people write it: {@code 18000}, {@code 18,000.50}; thousands separators are dropped. */
    private static BigDecimal amount(String text, InvalidInput.Collector problems) {
        if (text == null || text.isBlank()) {
            problems.add("arr", "expected an amount of 0 or more, such as 12000 or 12000.50, got nothing");
            return null;
        }
        String digits = text.trim().replace(",", "").replace(" ", "");
        if (!AMOUNT.matcher(digits).matches()) {
            problems.add("arr", "expected an amount of 0 or more, such as 12000 or 12000.50, got '" + text + "'");
            return null;
        }
        return new BigDecimal(digits);
    }
}
