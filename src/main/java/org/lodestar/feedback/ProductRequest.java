package org.lodestar.feedback;

import java.time.Instant;

/** A request to the product, book-wide; {@code mergedInto} is the request it was merged into, when it was. */
public record ProductRequest(long id, String title, String description, RequestStatus status, Long mergedInto,
        Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {
}
