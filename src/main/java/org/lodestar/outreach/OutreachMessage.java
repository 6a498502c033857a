package org.lodestar.outreach;

import java.time.Instant;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonValue;

/** A message sent to or about an account, or stopped before it went out (then {@code reason} says why). */
public record OutreachMessage(long id, long accountId, Long contactId, String template, Channel channel,
        String recipient, String subject, String body, Status status, String reason, String actor, Instant at) {

    public enum Status {
        SENT, BLOCKED;

        @JsonValue
        public String label() {
            return Labels.of(this);
        }
    }
}
