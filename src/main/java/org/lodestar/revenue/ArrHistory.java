package org.lodestar.revenue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ledger's policies, as plain arithmetic over an account's contracts (docs/revenue.md):
 * <ul>
 * <li>An account's ARR on a day is the sum of the line items active that day, across all its
 * subscriptions: overlapping line items add up.</li>
 * <li>The ARR changes only on days a line item starts or ends; each such day with a net change is one
 * movement of the net amount, classified by {@link MovementKind#of}. Line items swapped on the same
 * day for the same total (a renewal at the same price) are no movement.</li>
 * <li>A multi-year term carries its annual value throughout: no movement at year boundaries.</li>
 * </ul>
 * {@link #corrections} turns the movements the contracts imply into what must be appended to a
 * ledger that already holds movements, so the ledger never rewrites history yet always sums to the
 * contracts.
 */
public final class ArrHistory {

    private static final int REASON_LIMIT = 1000;

    private ArrHistory() {
    }

    /** A movement the contracts imply, before it is written. */
    public record Planned(LocalDate effectiveDate, MovementKind kind, BigDecimal amount, String reason) {
    }

    /** The movements an account's contracts imply, in date order; their running sum is the account's ARR. */
    public static List<Planned> movements(List<Subscription> subscriptions) {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (Subscription subscription : subscriptions) {
            for (LineItem item : subscription.lineItems()) {
                days.add(item.startDate());
                if (item.endDate() != null) {
                    days.add(item.endDate());
                }
            }
        }
        List<Planned> planned = new ArrayList<>();
        BigDecimal arr = BigDecimal.ZERO.setScale(2);
        boolean hadArr = false;
        for (LocalDate day : days) {
            Map<String, Part> before = parts(subscriptions, day.minusDays(1));
            Map<String, Part> after = parts(subscriptions, day);
            BigDecimal next = total(after);
            if (next.compareTo(arr) != 0) {
                MovementKind kind = MovementKind.of(arr, next, hadArr);
                planned.add(new Planned(day, kind, next.subtract(arr), reason(before, after)));
                hadArr = true;
                arr = next;
            }
        }
        return planned;
    }

    /**
     * What to append to a ledger holding {@code recorded} so that, per effective date and kind, it sums
     * to {@code wanted}: nothing when they already agree (re-importing the same contracts), otherwise
     * one correcting movement per date and kind that differs.
     */
    public static List<Planned> corrections(List<Planned> wanted, List<ArrMovement> recorded) {
        Map<Key, BigDecimal> have = new TreeMap<>();
        for (ArrMovement movement : recorded) {
            have.merge(new Key(movement.effectiveDate(), movement.kind()), movement.amount(), BigDecimal::add);
        }
        Map<Key, Planned> want = new LinkedHashMap<>();
        for (Planned movement : wanted) {
            want.merge(new Key(movement.effectiveDate(), movement.kind()), movement,
                    (a, b) -> new Planned(a.effectiveDate(), a.kind(), a.amount().add(b.amount()), a.reason()));
        }
        TreeSet<Key> keys = new TreeSet<>(have.keySet());
        keys.addAll(want.keySet());
        List<Planned> appended = new ArrayList<>();
        for (Key key : keys) {
            BigDecimal recordedSum = have.getOrDefault(key, BigDecimal.ZERO);
            Planned target = want.get(key);
            BigDecimal wantedSum = target == null ? BigDecimal.ZERO : target.amount();
            BigDecimal difference = wantedSum.subtract(recordedSum).setScale(2);
            if (difference.signum() == 0) {
                continue;
            }
            String reason;
            if (target == null) {
                reason = "Reversed: the contracts no longer change ARR this way on this day";
            } else if (recordedSum.signum() == 0) {
                reason = target.reason();
            } else {
                reason = "Corrected after a contract edit: " + target.reason();
            }
            appended.add(new Planned(key.day(), key.kind(), difference, limit(reason)));
        }
        return appended;
    }

    /**
     * One plan and module of one subscription whose seats or ARR changed on a day: {@code before} is null
     * when it started that day, {@code after} null when it ended.
     */
    public record PartChange(String subscription, String plan, String module, Seats before, Seats after) {
        public boolean started() {
            return before == null;
        }

        public boolean ended() {
            return after == null;
        }
    }

    /** Seats and annual value of a plan and module. */
    public record Seats(int seats, BigDecimal arr) {
    }

    /** What changed on a day, by subscription, plan and module: the parts behind a movement on that day. */
    public static List<PartChange> changesOn(List<Subscription> subscriptions, LocalDate day) {
        Map<List<String>, Seats> before = keyedParts(subscriptions, day.minusDays(1));
        Map<List<String>, Seats> after = keyedParts(subscriptions, day);
        // In the contracts' own order, so a contract's modules read as they were written.
        Set<List<String>> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<PartChange> changes = new ArrayList<>();
        for (List<String> key : keys) {
            Seats was = before.get(key);
            Seats now = after.get(key);
            if (was != null && now != null && was.seats() == now.seats() && was.arr().compareTo(now.arr()) == 0) {
                continue;
            }
            changes.add(new PartChange(key.get(0), key.get(1), key.get(2), was, now));
        }
        return changes;
    }

    private static Map<List<String>, Seats> keyedParts(List<Subscription> subscriptions, LocalDate day) {
        Map<List<String>, Seats> parts = new LinkedHashMap<>();
        for (Subscription subscription : subscriptions) {
            for (LineItem item : subscription.lineItems()) {
                if (item.activeOn(day)) {
                    parts.merge(List.of(subscription.externalId(), item.plan(), item.module()),
                            new Seats(item.seats(), item.arr()), (a, b) -> new Seats(a.seats() + b.seats(), a.arr().add(b.arr())));
                }
            }
        }
        return parts;
    }

    /** The ARR the contracts give an account on a day: the sum of its active line items. */
    public static BigDecimal arrOn(List<Subscription> subscriptions, LocalDate day) {
        return total(parts(subscriptions, day));
    }

    private record Key(LocalDate day, MovementKind kind) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byDay = day.compareTo(other.day);
            return byDay != 0 ? byDay : kind.compareTo(other.kind);
        }
    }

    /** Seats and ARR of one plan and module of one subscription on a day. */
    private record Part(int seats, BigDecimal arr) {
        Part plus(Part other) {
            return new Part(seats + other.seats, arr.add(other.arr));
        }
    }

    private static Map<String, Part> parts(List<Subscription> subscriptions, LocalDate day) {
        Map<String, Part> parts = new TreeMap<>();
        for (Subscription subscription : subscriptions) {
            for (LineItem item : subscription.lineItems()) {
                if (item.activeOn(day)) {
                    parts.merge(subscription.externalId() + " " + item.plan() + "/" + item.module(),
                            new Part(item.seats(), item.arr()), Part::plus);
                }
            }
        }
        return parts;
    }

    private static BigDecimal total(Map<String, Part> parts) {
        return parts.values().stream().map(Part::arr).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    /** Which parts changed, e.g. {@code SUB-1 growth/core 10 → 15 seats, ARR 12000.00 → 18000.00}. */
    private static String reason(Map<String, Part> before, Map<String, Part> after) {
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        List<String> changes = new ArrayList<>();
        for (String name : names) {
            Part was = before.get(name);
            Part now = after.get(name);
            if (was != null && now != null && was.seats() == now.seats() && was.arr().compareTo(now.arr()) == 0) {
                continue;
            }
            if (was == null) {
                changes.add(name + " starts: " + now.seats() + " seats, ARR " + now.arr().toPlainString());
            } else if (now == null) {
                changes.add(name + " ends: " + was.seats() + " seats, ARR " + was.arr().toPlainString());
            } else {
                changes.add(name + " " + was.seats() + " → " + now.seats() + " seats, ARR "
                        + was.arr().toPlainString() + " → " + now.arr().toPlainString());
            }
        }
        return limit(changes.isEmpty() ? "Contracts changed" : String.join("; ", changes));
    }

    private static String limit(String reason) {
        Objects.requireNonNull(reason);
        return reason.length() <= REASON_LIMIT ? reason : reason.substring(0, REASON_LIMIT - 1) + "…";
    }
}
