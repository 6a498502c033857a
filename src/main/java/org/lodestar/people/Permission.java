package org.lodestar.people;

/**
 * What an actor may do. Roles grant a set; a token's scope caps it. METRICS reads the operational metrics
 * ({@code /actuator/prometheus}) and nothing of the book, so a scraper's token reads no customer's data.
 */
public enum Permission {
    READ, WRITE, CONFIGURE, MANAGE_USERS, METRICS;

    public String authority() {
        return "PERM_" + name();
    }
}
