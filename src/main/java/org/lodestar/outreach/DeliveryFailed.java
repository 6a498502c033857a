package org.lodestar.outreach;

/** The mail server or Slack did not take a message; nothing was recorded as sent. Answered as 502. */
public class DeliveryFailed extends RuntimeException {

    DeliveryFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
