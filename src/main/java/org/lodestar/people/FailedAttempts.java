package org.lodestar.people;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failures counted per key (an account, an address) over a sliding window. A key with {@code limit}
 * failures inside the window is refused until the oldest of them leaves it, so a guesser gets at most
 * {@code limit} tries a window. Plain Java; the caller passes the time.
 */
final class FailedAttempts {

    /** Beyond this many keys, keys without a failure in the window are dropped. */
    private static final int PRUNE_ABOVE = 10_000;

    private final int limit;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    FailedAttempts(int limit, Duration window) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a throttle needs a limit of 1 or more and a positive window");
        }
        this.limit = limit;
        this.window = window;
    }

    /** How long this key must wait before its next try, if it must. */
    Optional<Duration> waitFor(String key, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            expire(times, now);
            if (times.size() < limit) {
                return Optional.empty();
            }
            return Optional.of(Duration.between(now, times.peekFirst().plus(window)));
        }
    }

    /** Counts a failure; true when this one reached the limit (the moment worth logging). */
    boolean fail(String key, Instant now) {
        if (failures.size() > PRUNE_ABOVE) {
            failures.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    expire(e.getValue(), now);
                    return e.getValue().isEmpty();
                }
            });
        }
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            expire(times, now);
            times.addLast(now);
            return times.size() == limit;
        }
    }

    /** Forgets a key's failures (a correct password, a password reset). */
    void forget(String key) {
        failures.remove(key);
    }

    int limit() {
        return limit;
    }

    Duration window() {
        return window;
    }

    private void expire(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
            times.removeFirst();
        }
    }
}
