package org.lodestar.usage;

import java.time.Instant;

/** A write key as listed: never its secret, only the first characters to recognise it by. */
public record WriteKey(long id, String name, String prefix, Instant createdAt, Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
