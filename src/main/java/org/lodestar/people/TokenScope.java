package org.lodestar.people;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What an API token may do at most; the owner's role still applies on top. */
public enum TokenScope {
    READ(EnumSet.of(Permission.READ)),
    WRITE(EnumSet.of(Permission.READ, Permission.WRITE)),
    ADMIN(EnumSet.allOf(Permission.class));

    private final Set<Permission> permissions;

    TokenScope(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
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
