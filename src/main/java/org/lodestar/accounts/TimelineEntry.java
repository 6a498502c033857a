package org.lodestar.accounts;

import java.time.Instant;

/** One item in an account's chronological feed. */
public record TimelineEntry(long id, long accountId, TimelineKind kind, MeetingType meetingType, Instant occurredAt,
        String subject, String body, String author) {
}
