package org.lodestar.accounts;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A note or activity a CSM logs: a meeting names its type (kickoff, check-in, QBR, EBR); {@code durationMinutes}, when
 * given, is how long it took (whole minutes, 1 to 1440), counted in where the CSM's time goes under {@code category}, the
 * work it was (when not said: its meeting type's, else other).
 */
@Schema(example = """
        {"kind": "meeting", "meetingType": "check-in", "occurredAt": "2026-12-02T14:00:00Z", "subject": "Monthly check-in", "body": "Reviewed adoption; they want SSO for the EU team.", "durationMinutes": 30}""")
public record ActivityDraft(TimelineKind kind, MeetingType meetingType, Instant occurredAt, String subject,
        String body, Integer durationMinutes, TimeCategory category) {

    /** An activity without a duration. */
    public ActivityDraft(TimelineKind kind, MeetingType meetingType, Instant occurredAt, String subject, String body) {
        this(kind, meetingType, occurredAt, subject, body, null, null);
    }
}
