package org.lodestar.audit;

/** Who is acting: a person through the UI, an API token, a customer's contact through a shared link, an import, or automation. */
public record Actor(Kind kind, String name) {

    /** The longest name the audit log and the timeline store (their columns hold 400 characters). */
    public static final int NAME_LIMIT = 400;

    public Actor {
        if (name.length() > NAME_LIMIT) {
            name = name.substring(0, NAME_LIMIT - 1) + "…";
        }
    }

    public enum Kind { USER, TOKEN, CUSTOMER, IMPORT, AUTOMATION, SYSTEM }

    public static Actor user(String email) {
        return new Actor(Kind.USER, email);
    }

    public static Actor token(String tokenName, String ownerEmail) {
        return new Actor(Kind.TOKEN, tokenName + " (" + ownerEmail + ")");
    }

    /** One of the customer's people, acting through a link shared with them (no login). */
    public static Actor customer(String name, String email, String through) {
        return new Actor(Kind.CUSTOMER, name + (email == null || email.isBlank() ? "" : " <" + email + ">")
                + " (customer, " + through + ")");
    }

    public static Actor importOf(String source, Actor by) {
        return new Actor(Kind.IMPORT, source + " by " + by.name());
    }

    public static Actor automation(String what) {
        return new Actor(Kind.AUTOMATION, what);
    }

    /** Someone at the machine running {@code ./lodestar}, named by their operating-system login. */
    public static Actor commandLine() {
        return new Actor(Kind.USER, "command line (" + System.getProperty("user.name", "unknown") + ")");
    }

    public static Actor system() {
        return new Actor(Kind.SYSTEM, "lodestar");
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + ":" + name;
    }
}
