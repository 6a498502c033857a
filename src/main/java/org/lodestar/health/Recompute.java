package org.lodestar.health;

/**
 * What a recompute did: accounts scored, scores that changed, bands that changed, how long it took,
 * and of that how long reading the inputs, scoring, and writing took.
 */
public record Recompute(int accounts, int changed, int bandChanges, long millis, long readMillis, long scoreMillis,
        long writeMillis) {
}
