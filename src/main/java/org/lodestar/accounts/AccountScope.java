package org.lodestar.accounts;

import org.lodestar.infrastructure.Labels;
import org.lodestar.people.Role;

/**
 * Whose accounts a book-wide list covers: MINE, those the signed-in user owns (churned ones too), or ALL of the book.
 * A CSM starts on their own; leaders, admins and read-only users, who own few or none, start on the whole book.
 */
public enum AccountScope {
    MINE, ALL;

    public String label() {
        return Labels.of(this);
    }

    public static AccountScope defaultFor(Role role) {
        return role == Role.CSM ? MINE : ALL;
    }
}
