package org.lodestar.health;

/** What a recompute did: accounts scored, scores that changed, bands that changed, and how long it took. */
public record Recompute(int accounts, int changed, int bandChanges, long millis) {
}
