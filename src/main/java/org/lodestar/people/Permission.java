package org.lodestar.people;

/** What an actor may do. Roles grant a set; a token's scope caps it. */
public enum Permission {
    READ, WRITE, CONFIGURE, MANAGE_USERS;

    public String authority() {
        return "PERM_" + name();
    }
}
