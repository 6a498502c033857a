package org.lodestar.audit;

import java.time.Instant;

/** One recorded change. States are JSON documents; either may be absent (create, delete). */
public record AuditEvent(long id, Instant occurredAt, Actor.Kind actorKind, String actorName, String action,
        String entityType, String entityId, String summary, String before, String after) {
}
