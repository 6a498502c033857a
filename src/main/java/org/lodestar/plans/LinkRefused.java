package org.lodestar.plans;

/**
 * A shared link that does not open, or a change it does not allow, and why: said to someone without a login, so the
 * reason names no internals.
 */
public class LinkRefused extends RuntimeException {

    public enum Reason {
        /** Tampered with, made with another secret, or never issued: 404. */
        UNKNOWN(404),
        /** Past its expiry: 410. */
        EXPIRED(410),
        /** Revoked by the CSM, or its contact no longer with the customer: 410. */
        WITHDRAWN(410),
        /** A milestone owned by someone else: 403. */
        NOT_YOURS(403);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Reason reason;

    public LinkRefused(Reason reason) {
        super(reason.name().toLowerCase());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
