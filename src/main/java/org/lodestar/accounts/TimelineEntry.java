package org.lodestar.accounts;

import java.time.Instant;

/**
 * One item in an account's chronological feed; {@code durationMinutes} is how long a logged activity took and
 * {@code category} the work it was, each when said.
 */
public record TimelineEntry(long id, long accountId, TimelineKind kind, MeetingType meetingType, Instant occurredAt,
        String subject, String body, String author, Integer durationMinutes, TimeCategory category) {
}
