package org.lodestar.revenue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Builds contracts for ledger tests: {@code aSubscription("S-1").from("2024-01-01").to("2025-01-01").item("growth", 10, "12000")}. */
final class Contracts {

    private final String externalId;
    private LocalDate start;
    private LocalDate end;
    private final List<LineItem> items = new ArrayList<>();

    private Contracts(String externalId) {
        this.externalId = externalId;
    }

    static Contracts aSubscription(String externalId) {
        return new Contracts(externalId);
    }

    Contracts from(String day) {
        start = LocalDate.parse(day);
        return this;
    }

    Contracts to(String day) {
        end = LocalDate.parse(day);
        return this;
    }

    /** A line item for the whole term. */
    Contracts item(String plan, int seats, String arr) {
        return item(plan, "core", seats, arr, start, end);
    }

    Contracts item(String plan, String module, int seats, String arr, LocalDate from, LocalDate to) {
        items.add(new LineItem(items.size() + 1, plan, module, seats, new BigDecimal(arr).setScale(2), from, to));
        return this;
    }

    Contracts addOn(String module, String arr, String from) {
        return item("add-on", module, 0, arr, LocalDate.parse(from), end);
    }

    Subscription build() {
        return new Subscription(externalId.hashCode(), externalId, 1, false, start, end, List.copyOf(items));
    }
}
