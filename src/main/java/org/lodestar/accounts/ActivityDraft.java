package org.lodestar.accounts;

import java.time.Instant;

/** A note or activity a CSM logs: a meeting names its type (kickoff, check-in, QBR, EBR). */
public record ActivityDraft(TimelineKind kind, MeetingType meetingType, Instant occurredAt, String subject,
        String body) {
}
