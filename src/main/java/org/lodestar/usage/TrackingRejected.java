package org.lodestar.usage;

/** A tracking call Lodestar cannot take, with where in the body the problem is and what was expected. */
public class TrackingRejected extends RuntimeException {

    private final String where;
    private final boolean tooLarge;

    public TrackingRejected(String where, String reason) {
        this(where, reason, false);
    }

    private TrackingRejected(String where, String reason, boolean tooLarge) {
        super(where == null ? reason : where + ": " + reason);
        this.where = where;
        this.tooLarge = tooLarge;
    }

    /** A body or an event over its size limit. */
    public static TrackingRejected tooLarge(String where, String reason) {
        return new TrackingRejected(where, reason, true);
    }

    public String where() {
        return where;
    }

    /** Whether it was refused for its size rather than for what it says. */
    public boolean tooLarge() {
        return tooLarge;
    }
}
