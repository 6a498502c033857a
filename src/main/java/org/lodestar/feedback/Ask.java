package org.lodestar.feedback;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One account asking for a product request: who (the contact, when known), in their words, where it came from
 * ({@code sourceRef} is the ticket or timeline entry id for tagged ones), the day they asked and who recorded it.
 */
public record Ask(long id, long accountId, String accountName, long requestId, Long contactId, String contactName,
        String words, AskSource source, Long sourceRef, LocalDate askedOn, Instant recordedAt, String recordedBy) {
}
