package org.lodestar.people;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What an API token may do at most; the owner's role still applies on top. A metrics token reads
 * {@code /actuator/prometheus} alone (for Prometheus to scrape), held by CS leaders and admins.
 */
public enum TokenScope {
    READ(EnumSet.of(Permission.READ)),
    WRITE(EnumSet.of(Permission.READ, Permission.WRITE)),
    ADMIN(EnumSet.allOf(Permission.class)),
    METRICS(EnumSet.of(Permission.METRICS));

    private final Set<Permission> permissions;

    TokenScope(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    /** Whether this scope allows nothing that {@code other} does not. */
    public boolean atMost(TokenScope other) {
        return other.permissions.containsAll(permissions);
    }

    /**
     * The strongest scope a user with this role may hold: read for read-only users, write for CSMs,
     * admin for CS leaders (whose configuration rights only the admin scope carries) and admins.
     */
    public static TokenScope strongestFor(Role role) {
        for (TokenScope scope : values()) {
            if (scope.permissions.containsAll(role.permissions())) {
                return scope;
            }
        }
        return ADMIN;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scopes as written, for messages: "read, write, admin, metrics". */
    public static String labels() {
        return String.join(", ", java.util.Arrays.stream(values()).map(TokenScope::label).toList());
    }

    public static TokenScope parse(String text) {
        if (text == null) {
            return null;
        }
        for (TokenScope scope : values()) {
            if (scope.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return scope;
            }
        }
        return null;
    }
}
