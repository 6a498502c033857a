package org.lodestar.outreach;

import org.lodestar.errors.UpstreamFailed;

/**
 * The mail server or Slack did not take a message; nothing was recorded as sent. Answered as 502.
 * {@link #recipientRefused()} tells a refused address (the contact's problem) from a server that could not be reached
 * or refused everything (the setup's).
 */
public class DeliveryFailed extends UpstreamFailed {

    private final boolean recipientRefused;

    DeliveryFailed(String message, Throwable cause) {
        this(message, cause, false);
    }

    DeliveryFailed(String message, Throwable cause, boolean recipientRefused) {
        super(message, cause);
        this.recipientRefused = recipientRefused;
    }

    public boolean recipientRefused() {
        return recipientRefused;
    }
}
