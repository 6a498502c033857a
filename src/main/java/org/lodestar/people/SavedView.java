package org.lodestar.people;

import java.time.Instant;

/** A view of a page a user saved: its name and the page's query string (filters and sort, no leading '?'). */
public record SavedView(long id, long userId, String page, String name, String query, Instant createdAt) {
}
