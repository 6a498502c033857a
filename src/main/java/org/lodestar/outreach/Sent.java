package org.lodestar.outreach;

import java.time.Instant;

/** A message that went out, as recorded: the outreach message id and the timeline entry it made. */
public record Sent(long id, String template, Channel channel, long accountId, Long contactId, String to,
        String subject, String body, String sentBy, Instant sentAt, long timelineEntryId) {
}
