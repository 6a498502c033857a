package org.lodestar.people;

import java.time.Instant;

/** A person who signs in to Lodestar. The password hash never leaves this module. */
public record User(long id, String email, String name, Role role, boolean enabled, Instant createdAt) {
}
