package org.lodestar.audit;

import java.time.Instant;

/** Filters for reading the audit log; null means "any". */
public record AuditQuery(String entityType, String entityId, String actor, Instant from, Instant to, int limit) {

    public static final int MAX_LIMIT = 10_000;

    public AuditQuery {
        if (limit <= 0 || limit > MAX_LIMIT) {
            limit = MAX_LIMIT;
        }
    }
}
