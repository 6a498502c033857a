package org.lodestar.people;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A user's role (§9). CS leaders change configuration; only admins manage people. */
public enum Role {
    ADMIN(EnumSet.allOf(Permission.class)),
    LEADER(EnumSet.of(Permission.READ, Permission.WRITE, Permission.CONFIGURE, Permission.METRICS)),
    CSM(EnumSet.of(Permission.READ, Permission.WRITE)),
    READ_ONLY(EnumSet.of(Permission.READ));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    /** The role of the two that allows less (roles are nested: each allows all a weaker one does). */
    public static Role weaker(Role a, Role b) {
        return a.permissions.size() <= b.permissions.size() ? a : b;
    }

    public String label() {
        return switch (this) {
            case ADMIN -> "admin";
            case LEADER -> "cs-leader";
            case CSM -> "csm";
            case READ_ONLY -> "read-only";
        };
    }

    /** Parses a label such as {@code cs-leader} or {@code read_only}; null when unknown. */
    public static Role parse(String text) {
        if (text == null) {
            return null;
        }
        String normal = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Role role : values()) {
            if (role.label().equals(normal) || role.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(normal)) {
                return role;
            }
        }
        return null;
    }

    public static String labels() {
        return "admin, cs-leader, csm, read-only";
    }
}
