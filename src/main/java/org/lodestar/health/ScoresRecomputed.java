package org.lodestar.health;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * These accounts were rescored: after their inputs changed, or in a whole-book recompute that moved their
 * score. Stored with the scores in one transaction (a durable event), so what reads scores (signals)
 * evaluates each change once, after the rescore it depends on.
 */
public record ScoresRecomputed(Set<Long> accountIds) {

    /** Accounts per event, so a stored event stays small (a recompute of a large book publishes several). */
    static final int MOST_ACCOUNTS = 10_000;

    static List<ScoresRecomputed> of(Collection<Long> accountIds) {
        List<ScoresRecomputed> events = new ArrayList<>();
        List<Long> sorted = List.copyOf(new TreeSet<>(accountIds));
        for (int from = 0; from < sorted.size(); from += MOST_ACCOUNTS) {
            events.add(new ScoresRecomputed(Set.copyOf(sorted.subList(from, Math.min(sorted.size(), from + MOST_ACCOUNTS)))));
        }
        return events;
    }
}
