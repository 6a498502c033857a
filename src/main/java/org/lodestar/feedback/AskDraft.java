package org.lodestar.feedback;

import java.time.LocalDate;

/**
 * An ask to record: for an existing request ({@code requestId}) or a new one ({@code title}); the contact who asked
 * (optional), their words, the day (today when missing), and where it came from. A ticket ({@code ticketId}) or
 * timeline note ({@code timelineEntryId}) of the account makes the source ticket or note and gives the words when
 * none are given.
 */
public record AskDraft(Long requestId, String title, Long contactId, String words, LocalDate askedOn, AskSource source,
        Long ticketId, Long timelineEntryId) {
}
