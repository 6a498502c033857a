package org.lodestar.usage;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Answers remembered for a short time (which account a group id or a user belongs to), so a busy
 * tracking API does not look up the same few thousand ids for every request. Bounded: it forgets
 * everything when full.
 */
final class RecentLookups {

    private record Remembered(long value, long until) {
    }

    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    private final long lifetimeNanos;
    private final int capacity;

    RecentLookups(long lifetimeMillis, int capacity) {
        this.lifetimeNanos = lifetimeMillis * 1_000_000;
        this.capacity = capacity;
    }

    /** The answers for these keys: remembered ones, and the rest from {@code lookUp} (which may omit keys). */
    Map<String, Long> get(Collection<String> keys, Function<Set<String>, Map<String, Long>> lookUp) {
        long now = System.nanoTime();
        Map<String, Long> answers = new HashMap<>();
        Set<String> missing = new java.util.LinkedHashSet<>();
        for (String key : keys) {
            Remembered found = remembered.get(key);
            if (found != null && found.until() - now > 0) {
                answers.put(key, found.value());
            } else {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            Map<String, Long> looked = lookUp.apply(missing);
            looked.forEach((key, value) -> remember(key, value, now));
            answers.putAll(looked);
        }
        return answers;
    }

    void remember(String key, long value) {
        remember(key, value, System.nanoTime());
    }

    private void remember(String key, long value, long now) {
        if (remembered.size() >= capacity) {
            remembered.clear();
        }
        remembered.put(key, new Remembered(value, now + lifetimeNanos));
    }

    void forget(String key) {
        remembered.remove(key);
    }
}
