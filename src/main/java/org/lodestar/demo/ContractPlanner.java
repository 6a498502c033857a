package org.lodestar.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plays an account's contracts forward from its first deal to today: each term draws its hidden
 * risk ({@link TermRisk}), and each term that has ended renews flat, expands, contracts or churns by
 * the odds that risk gives; some calm terms gain an expansion part-way through.
 */
final class ContractPlanner {

    /** A mid-term expansion comes once onboarding has settled ... */
    private static final int MID_TERM_EARLIEST_DAYS_IN = 90;
    /** ... and not in the run-up to the renewal, when it would be folded into the renewal instead. */
    private static final int MID_TERM_LATEST_DAYS_BEFORE_END = 60;
    /** SMB customers on the starter plan often expand by moving up to growth. */
    private static final double UPGRADE_CHANCE = 0.35;
    /** Expansions that add a module rather than seats, when a module is left to add. */
    private static final double MODULE_EXPANSION_CHANCE = 0.35;
    /** Contractions that drop an add-on rather than seats. */
    private static final double MODULE_DROP_CHANCE = 0.30;
    /** Mid-term expansions that add a module rather than seats. */
    private static final double MID_TERM_MODULE_CHANCE = 0.5;

    private ContractPlanner() {
    }

    static ContractHistory plan(Dice dice, Segment segment, int accountNumber, LocalDate customerSince,
            LocalDate today) {
        boolean autoRenew = dice.chance(segment.autoRenewShare());
        Deal deal = firstDeal(dice, segment);
        List<ContractPlan> contracts = new ArrayList<>();
        LocalDate start = customerSince;
        boolean keyContactGone = false;
        for (int term = 1; ; term++) {
            LocalDate end = start.plusYears(segment.drawTermYears(dice));
            TermRisk risk = TermRisk.draw(dice, segment, start, end, term == 1, keyContactGone);
            // A customer in trouble buys nothing more part-way through.
            ContractPlan.Expansion expansion = risk.troubled() ? null
                    : midTermExpansion(dice, segment, deal, start, end, today);
            ContractPlan contract = new ContractPlan(subscriptionId(accountNumber, term), start, end, autoRenew, deal,
                    expansion, risk);
            contracts.add(contract);
            if (end.isAfter(today)) {
                return new ContractHistory(customerSince, contracts, null);
            }
            keyContactGone = risk.shows(WarningSign.KEY_CONTACT_GONE);
            RenewalOutcome outcome = risk.outcome(dice, segment);
            if (outcome == RenewalOutcome.CHURN) {
                return new ContractHistory(customerSince, contracts, end);
            }
            deal = renewed(dice, segment, contract.finalDeal(), outcome);
            start = end;
        }
    }

    /** {@code SUB-000123-1} for account 123's first contract, {@code SUB-000123-2} for its first renewal. */
    static String subscriptionId(int accountNumber, int term) {
        return String.format("SUB-%06d-%d", accountNumber, term);
    }

    static Deal firstDeal(Dice dice, Segment segment) {
        String plan = segment.drawPlan(dice);
        List<String> addOns = new ArrayList<>();
        for (String module : Deal.ADD_ONS) {
            if (dice.chance(segment.addOnChance())) {
                addOns.add(module);
            }
        }
        Deal oneSeat = new Deal(plan, 1, addOns, segment.drawDiscountPercent(dice));
        long seats = Math.round(segment.drawFirstDealArr(dice) / oneSeat.pricePerSeat());
        return oneSeat.withSeats((int) seats).keptWithin(segment);
    }

    private static Deal renewed(Dice dice, Segment segment, Deal deal, RenewalOutcome outcome) {
        return switch (outcome) {
            case FLAT, CHURN -> deal;
            case EXPANSION -> expanded(dice, segment, deal);
            case CONTRACTION -> contracted(dice, segment, deal);
        };
    }

    private static Deal expanded(Dice dice, Segment segment, Deal deal) {
        if ("starter".equals(deal.plan()) && dice.chance(UPGRADE_CHANCE)) {
            Deal upgraded = deal.withPlan("growth");
            if (upgraded.fitsIn(segment)) {
                return upgraded;
            }
        }
        Optional<String> module = deal.nextAddOn();
        if (module.isPresent() && dice.chance(MODULE_EXPANSION_CHANCE)) {
            Deal withModule = deal.withAddOn(module.get());
            if (withModule.fitsIn(segment)) {
                return withModule;
            }
        }
        int added = Math.max(1, (int) Math.round(deal.seats() * segment.drawGrowth(dice)));
        return deal.withSeats(deal.seats() + added).keptWithin(segment);
    }

    private static Deal contracted(Dice dice, Segment segment, Deal deal) {
        if (!deal.addOns().isEmpty() && dice.chance(MODULE_DROP_CHANCE)) {
            Deal smaller = deal.withoutLastAddOn();
            if (smaller.fitsIn(segment)) {
                return smaller;
            }
        }
        int removed = Math.max(1, (int) Math.round(deal.seats() * segment.drawShrink(dice)));
        return deal.withSeats(deal.seats() - removed).keptWithin(segment);
    }

    /** An expansion signed part-way through the term, in the past and inside the segment; null for most terms. */
    private static ContractPlan.Expansion midTermExpansion(Dice dice, Segment segment, Deal deal, LocalDate start,
            LocalDate end, LocalDate today) {
        if (!dice.chance(segment.midTermExpansionChance())) {
            return null;
        }
        LocalDate earliest = start.plusDays(MID_TERM_EARLIEST_DAYS_IN);
        LocalDate beforeRenewal = end.minusDays(MID_TERM_LATEST_DAYS_BEFORE_END);
        LocalDate yesterday = today.minusDays(1);
        LocalDate latest = beforeRenewal.isBefore(yesterday) ? beforeRenewal : yesterday;
        if (latest.isBefore(earliest)) {
            return null;
        }
        Optional<String> module = deal.nextAddOn();
        Deal to = module.isPresent() && dice.chance(MID_TERM_MODULE_CHANCE) ? deal.withAddOn(module.get())
                : deal.withSeats(deal.seats() + Math.max(1, (int) Math.round(deal.seats() * dice.uniform(0.10, 0.30))));
        return to.fitsIn(segment) ? new ContractPlan.Expansion(dice.dayBetween(earliest, latest), to) : null;
    }
}
