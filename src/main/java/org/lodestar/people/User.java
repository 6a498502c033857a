package org.lodestar.people;

import java.time.Instant;

/** A person who signs in to Lodestar. The password hash never leaves this module. */
public record User(long id, String email, String name, Role role, boolean enabled, Instant createdAt) {

    /** Whether accounts and tasks may be given to this user: enabled, and allowed to do the work (not read-only). */
    public boolean canOwnWork() {
        return enabled && role.permissions().contains(Permission.WRITE);
    }

    /**
     * Why this user cannot be given {@code what} ("accounts", "tasks"), as a problem with an owner field says it;
     * null when they can.
     */
    public String cannotOwn(String what) {
        if (!enabled) {
            return email + " is disabled and cannot own " + what;
        }
        if (!canOwnWork()) {
            return email + " is a " + role.label() + " user and cannot own " + what;
        }
        return null;
    }
}
