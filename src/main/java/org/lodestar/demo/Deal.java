package org.lodestar.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lodestar.revenue.SubscriptionDraft;

/**
 * What a customer pays for at one time: a plan, a number of seats, add-on modules (each for all
 * seats) and a negotiated discount. Prices are whole dollars per seat per year, so every amount is
 * exact.
 */
record Deal(String plan, int seats, List<String> addOns, int discountPercent) {

    static final String CORE = "core";
    /** Add-on modules in the order customers usually buy them. */
    static final List<String> ADD_ONS = List.of("analytics", "automation", "integrations");
    /** List price of the core module per seat per year, by plan. */
    private static final Map<String, Long> CORE_PRICES = Map.of("starter", 300L, "growth", 540L, "enterprise", 840L);
    /** List price of each add-on per seat per year, whatever the plan. */
    private static final Map<String, Long> ADD_ON_PRICES = Map.of("analytics", 120L, "automation", 180L,
            "integrations", 96L);

    Deal {
        List<String> given = List.copyOf(addOns);
        addOns = ADD_ONS.stream().filter(given::contains).toList();
        seats = Math.max(1, seats);
    }

    /** Core first, then the add-ons. */
    List<String> modules() {
        List<String> modules = new ArrayList<>();
        modules.add(CORE);
        modules.addAll(addOns);
        return modules;
    }

    /** The discounted price of one seat of one module for a year, in whole dollars. */
    long unitPrice(String module) {
        long list = CORE.equals(module) ? CORE_PRICES.get(plan) : ADD_ON_PRICES.get(module);
        return list * (100 - discountPercent) / 100;
    }

    long pricePerSeat() {
        return modules().stream().mapToLong(this::unitPrice).sum();
    }

    long arr() {
        return seats * pricePerSeat();
    }

    Deal withSeats(int newSeats) {
        return new Deal(plan, newSeats, addOns, discountPercent);
    }

    Deal withPlan(String newPlan) {
        return new Deal(newPlan, seats, addOns, discountPercent);
    }

    Deal withAddOn(String module) {
        List<String> more = new ArrayList<>(addOns);
        more.add(module);
        return new Deal(plan, seats, more, discountPercent);
    }

    Deal withoutLastAddOn() {
        return new Deal(plan, seats, addOns.subList(0, addOns.size() - 1), discountPercent);
    }

    /** The next module this customer could buy, if any is left. */
    Optional<String> nextAddOn() {
        return ADD_ONS.stream().filter(module -> !addOns.contains(module)).findFirst();
    }

    boolean fitsIn(Segment segment) {
        long arr = arr();
        return arr >= segment.floorArr() && arr <= segment.ceilingArr();
    }

    /** This deal with as many seats as keep its ARR inside the segment (Lodestar derives the segment from ARR). */
    Deal keptWithin(Segment segment) {
        long perSeat = pricePerSeat();
        int fewest = (int) Math.ceilDiv(segment.floorArr(), perSeat);
        int most = (int) (segment.ceilingArr() / perSeat);
        return withSeats(Math.min(most, Math.max(fewest, seats)));
    }

    /** The line items of this deal, each running for the whole term of its contract. */
    List<SubscriptionDraft.Item> items() {
        return modules().stream().map(module -> item(module, seats, null)).toList();
    }

    /** The line items that take {@code before} to this deal part-way through a term, from {@code from}. */
    List<SubscriptionDraft.Item> itemsAddedTo(Deal before, LocalDate from) {
        List<SubscriptionDraft.Item> items = new ArrayList<>();
        for (String module : modules()) {
            int added = seats - (before.addOns().contains(module) || CORE.equals(module) ? before.seats() : 0);
            if (added > 0) {
                items.add(item(module, added, from));
            }
        }
        return items;
    }

    private SubscriptionDraft.Item item(String module, int itemSeats, LocalDate from) {
        return new SubscriptionDraft.Item(plan, module, itemSeats, dollars(itemSeats * unitPrice(module)), from, null);
    }

    static BigDecimal dollars(long amount) {
        return BigDecimal.valueOf(amount).setScale(2);
    }
}
