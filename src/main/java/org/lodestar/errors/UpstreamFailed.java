package org.lodestar.errors;

/**
 * A service Lodestar hands work to (a mail server, Slack) did not take it, so nothing was done; answered as 502
 * "Delivery failed" with what the service said.
 */
public abstract class UpstreamFailed extends RuntimeException {

    protected UpstreamFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
