package org.lodestar.usage;

/** A tracking call Lodestar cannot take, with where in the body the problem is and what was expected. */
public class TrackingRejected extends RuntimeException {

    private final String where;

    public TrackingRejected(String where, String reason) {
        super(where == null ? reason : where + ": " + reason);
        this.where = where;
    }

    public String where() {
        return where;
    }
}
