package org.lodestar.revenue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;

/**
 * A change a person makes to a contract, as the draft of the whole contract afterwards. A line item that
 * changes or ends from a day is ended on that day (and, for a change, followed by one with the new seats and
 * ARR), so the ledger sees an expansion, contraction or churn on that day instead of a rewritten past. The
 * line item a person worked on is the draft's last, so that the service's problems about it can be told apart.
 */
public final class ContractEdits {

    private ContractEdits() {
    }

    /** The contract as it stands, each line item with its own dates. */
    public static SubscriptionDraft draftOf(Subscription contract) {
        return new SubscriptionDraft(contract.externalId(), contract.startDate(), contract.endDate(),
                contract.autoRenew(), contract.lineItems().stream().map(ContractEdits::itemOf).toList());
    }

    /** The contract with one more line item. */
    public static SubscriptionDraft withItem(Subscription contract, SubscriptionDraft.Item added) {
        List<SubscriptionDraft.Item> items = new ArrayList<>(draftOf(contract).lineItems());
        items.add(added);
        return withItems(contract, items);
    }

    /**
     * The line item with other plan, module, seats or ARR from a day on. From its first day, that is a
     * correction of what was recorded, made in place; from a later day, the line item ends the day before and
     * the changed one runs from that day to where it would have ended. The same plan, module, seats and ARR
     * change nothing: the contract as it stands, not a line item split in two identical ones.
     */
    public static SubscriptionDraft withItemChanged(Subscription contract, long itemId, SubscriptionDraft.Item changed,
            LocalDate from) {
        LineItem item = item(contract, itemId);
        withinContractDays("from", from);
        if (from.isBefore(item.startDate())) {
            throw new InvalidInput("from", "must be on or after the line item's start " + item.startDate() + ", got " + from);
        }
        if (item.endDate() != null && !from.isBefore(item.endDate())) {
            throw new InvalidInput("from", "must be before the line item's end " + item.endDate() + ", got " + from);
        }
        if (sameValues(item, changed)) {
            return draftOf(contract);
        }
        List<SubscriptionDraft.Item> items = others(contract, itemId);
        if (from.isAfter(item.startDate())) {
            items.add(new SubscriptionDraft.Item(item.plan(), item.module(), item.seats(), item.arr(), item.startDate(), from));
        }
        items.add(new SubscriptionDraft.Item(changed.plan(), changed.module(), changed.seats(), changed.arr(), from,
                item.endDate()));
        return withItems(contract, items);
    }

    /** The line item ended on a day (its last day is the one before), kept so that its ARR stays in the history. */
    public static SubscriptionDraft withItemEnded(Subscription contract, long itemId, LocalDate on) {
        LineItem item = item(contract, itemId);
        withinContractDays("on", on);
        if (!on.isAfter(item.startDate())) {
            throw new InvalidInput("on", "must be after the line item's start " + item.startDate() + ", got " + on);
        }
        if (item.endDate() != null && !on.isBefore(item.endDate())) {
            throw new InvalidInput("on", "the line item already ends on " + item.endDate()
                    + "; expected an earlier day, got " + on);
        }
        List<SubscriptionDraft.Item> items = others(contract, itemId);
        items.add(new SubscriptionDraft.Item(item.plan(), item.module(), item.seats(), item.arr(), item.startDate(), on));
        return withItems(contract, items);
    }

    /**
     * The contract over another term. Line items that ran from its start or to its end (open or dated) follow
     * the new start and end; those with their own days keep them.
     */
    public static SubscriptionDraft withTerm(Subscription contract, LocalDate start, LocalDate end, boolean autoRenew) {
        List<SubscriptionDraft.Item> items = contract.lineItems().stream().map(i -> new SubscriptionDraft.Item(
                i.plan(), i.module(), i.seats(), i.arr(), i.startDate().equals(contract.startDate()) ? start : i.startDate(),
                Objects.equals(i.endDate(), contract.endDate()) ? end : i.endDate())).toList();
        return new SubscriptionDraft(contract.externalId(), start, end, autoRenew, items);
    }

    public static LineItem item(Subscription contract, long itemId) {
        return contract.lineItems().stream().filter(i -> i.id() == itemId).findFirst()
                .orElseThrow(() -> new NotFound("Line item " + itemId + " of contract " + contract.externalId()));
    }

    private static void withinContractDays(String field, LocalDate day) {
        String problem = ContractDays.problem(day);
        if (problem != null) {
            throw new InvalidInput(field, problem);
        }
    }

    /** Whether a change says what the line item says already, as the service would store it. */
    private static boolean sameValues(LineItem item, SubscriptionDraft.Item changed) {
        String module = changed.module() == null || changed.module().isBlank() ? Subscriptions.DEFAULT_MODULE
                : changed.module().trim();
        return changed.plan() != null && changed.plan().trim().equals(item.plan()) && module.equals(item.module())
                && Objects.equals(changed.seats(), item.seats()) && changed.arr() != null
                && changed.arr().compareTo(item.arr()) == 0;
    }

    private static List<SubscriptionDraft.Item> others(Subscription contract, long itemId) {
        return new ArrayList<>(contract.lineItems().stream().filter(i -> i.id() != itemId).map(ContractEdits::itemOf).toList());
    }

    private static SubscriptionDraft withItems(Subscription contract, List<SubscriptionDraft.Item> items) {
        return new SubscriptionDraft(contract.externalId(), contract.startDate(), contract.endDate(), contract.autoRenew(),
                List.copyOf(items));
    }

    private static SubscriptionDraft.Item itemOf(LineItem item) {
        return new SubscriptionDraft.Item(item.plan(), item.module(), item.seats(), item.arr(), item.startDate(),
                item.endDate());
    }
}
