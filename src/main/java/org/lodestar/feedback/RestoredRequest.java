package org.lodestar.feedback;

import java.time.Instant;

/**
 * A feature request read back from a whole-book export: its title, description and status, and, for one merged into
 * another, the title of the request that stands for it now; who opened it and last changed it, and when.
 */
public record RestoredRequest(String title, String description, RequestStatus status, String mergedInto,
        Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {
}
