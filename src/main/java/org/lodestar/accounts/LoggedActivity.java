package org.lodestar.accounts;

import java.time.Instant;

/**
 * An activity a person logged (note, call, meeting, email), as the time split reads it: who logged it ({@code author},
 * an email, or a token's name with its owner's email in brackets), what it was, the work its author said it was (null:
 * not said) and how long it took (null: not said).
 */
public record LoggedActivity(long accountId, String author, TimelineKind kind, MeetingType meetingType, TimeCategory category,
        Instant occurredAt, Integer durationMinutes) {
}
