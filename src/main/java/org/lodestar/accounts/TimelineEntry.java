package org.lodestar.accounts;

import java.time.Instant;

/** One item in an account's chronological feed; {@code durationMinutes} is how long a logged activity took, if said. */
public record TimelineEntry(long id, long accountId, TimelineKind kind, MeetingType meetingType, Instant occurredAt,
        String subject, String body, String author, Integer durationMinutes) {
}
