package org.lodestar.usage;

/** A newly created write key with its secret, which is shown this once and never again. */
public record IssuedWriteKey(WriteKey key, String secret) {
}
