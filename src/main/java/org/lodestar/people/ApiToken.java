package org.lodestar.people;

import java.time.Instant;

/**
 * A personal API token as stored: only its hash and a short prefix for recognising it. It allows
 * what its scope, its owner's role now and its owner's role when it was issued all allow.
 */
public record ApiToken(long id, long userId, String userEmail, String name, TokenScope scope, Role issuedRole,
        String prefix, Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {

    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
