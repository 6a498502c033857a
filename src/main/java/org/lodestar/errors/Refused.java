package org.lodestar.errors;

import java.util.Map;

/**
 * The request was understood but Lodestar will not carry it out, for a reason the caller can act on (a message the
 * wrong-customer guard stopped, a channel not set up); answered as 422 with {@link #title()} and {@link #details()}.
 */
public abstract class Refused extends RuntimeException {

    protected Refused(String reason) {
        super(reason);
    }

    /** The problem's title, such as "Message blocked". */
    public abstract String title();

    /** Further properties of the problem, by name. */
    public Map<String, Object> details() {
        return Map.of();
    }
}
