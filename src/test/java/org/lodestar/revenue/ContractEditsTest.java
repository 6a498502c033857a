package org.lodestar.revenue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.lodestar.revenue.Contracts.aSubscription;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lodestar.errors.InvalidInput;

/**
 * A person's change to a contract, as the draft it leads to and the ARR movements that draft implies. The
 * contract: growth · core, 10 seats at 1,200 a seat (12,000 a year) from 2026-01-01 to 2027-01-01.
 */
class ContractEditsTest {

    private static final LocalDate START = LocalDate.of(2026, 1, 1);
    private static final LocalDate END = LocalDate.of(2027, 1, 1);
    private static final LocalDate NOV_16 = LocalDate.of(2026, 11, 16);

    private final Subscription contract = aSubscription("S-1").from("2026-01-01").to("2027-01-01")
            .item("growth", 10, "12000").build();

    @Test
    void moreSeatsFromADayAreAnExpansionThatDayAndTheOldSeatsStayInTheHistory() {
        SubscriptionDraft draft = ContractEdits.withItemChanged(contract, item(), item("growth", 15, "18000"), NOV_16);

        assertThat(draft.lineItems()).containsExactly(
                new SubscriptionDraft.Item("growth", "core", 10, money("12000"), START, NOV_16),
                new SubscriptionDraft.Item("growth", "core", 15, money("18000"), NOV_16, END));
        // 15 − 10 seats at 1,200 = 6,000 more from 2026-11-16; the term's end takes all 18,000 away.
        assertThat(movements(draft)).containsExactly(
                "2026-01-01 NEW 12000.00", "2026-11-16 EXPANSION 6000.00", "2027-01-01 CHURN -18000.00");
    }

    @Test
    void aChangeFromTheFirstDayCorrectsWhatWasRecordedInPlace() {
        SubscriptionDraft draft = ContractEdits.withItemChanged(contract, item(), item("growth", 12, "14400"), START);

        assertThat(draft.lineItems()).containsExactly(
                new SubscriptionDraft.Item("growth", "core", 12, money("14400"), START, END));
        assertThat(movements(draft)).containsExactly("2026-01-01 NEW 14400.00", "2027-01-01 CHURN -14400.00");
    }

    @Test
    void endingOneOfTwoLineItemsIsAContractionEndingTheLastAChurn() {
        Subscription two = aSubscription("S-1").from("2026-01-01").to("2027-01-01").item("growth", 10, "12000")
                .addOn("analytics", "3000", "2026-03-01").build();
        long analytics = two.lineItems().get(1).id();

        SubscriptionDraft ended = ContractEdits.withItemEnded(two, analytics, NOV_16);

        // 12,000 + 3,000 from 2026-03-01; the add-on's 3,000 leaves on 2026-11-16, the rest at the term's end.
        assertThat(movements(ended)).containsExactly("2026-01-01 NEW 12000.00", "2026-03-01 EXPANSION 3000.00",
                "2026-11-16 CONTRACTION -3000.00", "2027-01-01 CHURN -12000.00");
        assertThat(ended.lineItems()).as("kept, with its end").hasSize(2)
                .contains(new SubscriptionDraft.Item("add-on", "analytics", 0, money("3000"), LocalDate.of(2026, 3, 1),
                        NOV_16));

        assertThat(movements(ContractEdits.withItemEnded(contract, item(), NOV_16)))
                .containsExactly("2026-01-01 NEW 12000.00", "2026-11-16 CHURN -12000.00");
    }

    @Test
    void aChangeOrEndOutsideTheLineItemsDaysIsNamed() {
        assertThatThrownBy(() -> ContractEdits.withItemChanged(contract, item(), item("growth", 15, "18000"),
                LocalDate.of(2025, 12, 1))).isInstanceOf(InvalidInput.class)
                .hasMessage("from: must be on or after the line item's start 2026-01-01, got 2025-12-01");
        assertThatThrownBy(() -> ContractEdits.withItemEnded(contract, item(), START)).isInstanceOf(InvalidInput.class)
                .hasMessage("on: must be after the line item's start 2026-01-01, got 2026-01-01");
        assertThatThrownBy(() -> ContractEdits.withItemEnded(contract, item(), LocalDate.of(2027, 2, 1)))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("on: the line item already ends on 2027-01-01; expected an earlier day, got 2027-02-01");
    }

    @Test
    void aChangeToTheSameValuesLeavesTheContractAsItStands() {
        SubscriptionDraft same = ContractEdits.withItemChanged(contract, item(),
                new SubscriptionDraft.Item(" growth ", "", 10, new BigDecimal("12000"), null, null), NOV_16);

        assertThat(same.lineItems()).as("not split in two identical line items").containsExactly(
                new SubscriptionDraft.Item("growth", "core", 10, money("12000"), START, END));
        assertThat(same).isEqualTo(ContractEdits.draftOf(contract));
    }

    @Test
    void aChangeOrEndOnADayNoContractHasIsNamedWithTheRange() {
        Subscription open = aSubscription("S-2").from("2026-01-01").item("growth", 10, "12000").build();
        long growth = open.lineItems().get(0).id();

        assertThatThrownBy(() -> ContractEdits.withItemChanged(open, growth, item("growth", 15, "18000"),
                LocalDate.of(9999, 12, 31))).isInstanceOf(InvalidInput.class)
                .hasMessage("from: must be between 1990-01-01 and 2100-12-31, got 9999-12-31");
        assertThatThrownBy(() -> ContractEdits.withItemEnded(open, growth, LocalDate.of(2101, 1, 1)))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("on: must be between 1990-01-01 and 2100-12-31, got 2101-01-01");
        assertThat(ContractEdits.withItemEnded(open, growth, ContractDays.LAST).lineItems().get(0).endDate())
                .as("the last day is allowed").isEqualTo(LocalDate.of(2100, 12, 31));
    }

    @Test
    void lineItemsOnTheTermFollowANewTermThoseWithTheirOwnDaysKeepThem() {
        Subscription two = aSubscription("S-1").from("2026-01-01").to("2027-01-01").item("growth", 10, "12000")
                .item("add-on", "analytics", 0, "3000", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 9, 1)).build();

        SubscriptionDraft longer = ContractEdits.withTerm(two, START, LocalDate.of(2028, 1, 1), true);

        assertThat(longer.autoRenew()).isTrue();
        assertThat(longer.lineItems()).extracting(SubscriptionDraft.Item::startDate, SubscriptionDraft.Item::endDate)
                .containsExactly(tuple(START, LocalDate.of(2028, 1, 1)),
                        tuple(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 9, 1)));
    }

    private long item() {
        return contract.lineItems().get(0).id();
    }

    private static SubscriptionDraft.Item item(String plan, int seats, String arr) {
        return new SubscriptionDraft.Item(plan, "core", seats, money(arr), null, null);
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount).setScale(2);
    }

    /** The movements the draft's contract implies, as "day KIND amount". */
    private static List<String> movements(SubscriptionDraft draft) {
        List<LineItem> items = new ArrayList<>();
        for (SubscriptionDraft.Item i : draft.lineItems()) {
            items.add(new LineItem(items.size() + 1, i.plan(), i.module(), i.seats(), i.arr(), i.startDate(), i.endDate()));
        }
        Subscription after = new Subscription(1, draft.externalId(), 1, draft.autoRenew(), draft.startDate(),
                draft.endDate(), items);
        return ArrHistory.movements(List.of(after)).stream()
                .map(m -> m.effectiveDate() + " " + m.kind() + " " + m.amount().toPlainString()).toList();
    }
}
