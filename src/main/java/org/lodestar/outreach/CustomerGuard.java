package org.lodestar.outreach;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wrong-customer guard: does a message to one customer name another? Each customer is known by its name and its
 * aliases (short names, brands, domains). Names match whole words, ignoring case; a one-word alias ("Apex" for
 * Apex Corp) matches only with its first letter as written, so a capitalised "Apex dashboard" counts and a plain word
 * such as "box" does not count for a customer known as Box. The addressed customer's own names and aliases (itself,
 * its parent, its subsidiaries) are masked first, so "Acme" inside "Acme Corp" is not taken for a customer called
 * Acme. Pure.
 */
final class CustomerGuard {

    private static final int CONTEXT = 30;

    private CustomerGuard() {
    }

    /** A name a customer is known by: {@code text} as written, the {@code customer}'s own name, and whether it is an alias. */
    record KnownName(String text, String customer, boolean alias) {

        static KnownName name(String name) {
            return new KnownName(name, name, false);
        }

        /** @param anyCase whether a one-word name may match in any case (masking the addressed customer's own) */
        private Pattern pattern(boolean anyCase) {
            String trimmed = text.strip();
            String left = "(?<![\\p{L}\\p{N}])";
            String right = "(?![\\p{L}\\p{N}])";
            int first = trimmed.codePointAt(0);
            boolean oneWord = !anyCase && trimmed.chars().noneMatch(c -> Character.isWhitespace(c) || c == '.')
                    && Character.isUpperCase(first);
            if (oneWord) {
                String rest = trimmed.substring(Character.charCount(first));
                return Pattern.compile(left + Pattern.quote(new String(Character.toChars(first))) + "(?iu:"
                        + (rest.isEmpty() ? "" : Pattern.quote(rest)) + ")" + right);
            }
            return Pattern.compile(left + Pattern.quote(trimmed) + right, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        }
    }

    /** Another customer named in a message: who, in which part (subject or body), the words around it, and the alias
     * it was named by (null when by its name). */
    record Named(String customer, String part, String context, String alias) {
    }

    /** Customers known only by their names. */
    static Optional<Named> otherCustomerNamed(String subject, String body, Collection<String> allowed,
            Collection<String> others) {
        return check(subject, body, allowed.stream().filter(CustomerGuard::present).map(KnownName::name).toList(),
                others.stream().filter(CustomerGuard::present).map(KnownName::name).toList());
    }

    static Optional<Named> check(String subject, String body, Collection<KnownName> allowed, Collection<KnownName> others) {
        List<KnownName> own = allowed.stream().filter(n -> present(n.text()))
                .sorted(Comparator.comparingInt((KnownName n) -> n.text().strip().length()).reversed()).toList();
        List<KnownName> candidates = others.stream().filter(n -> present(n.text()))
                .filter(n -> own.stream().noneMatch(o -> o.text().strip().equalsIgnoreCase(n.text().strip())))
                .sorted(Comparator.comparingInt((KnownName n) -> n.text().strip().length()).reversed()).distinct().toList();
        for (String[] part : new String[][] { { "subject", subject }, { "body", body } }) {
            if (part[1] == null) {
                continue;
            }
            String masked = part[1];
            for (KnownName name : own) {
                // Own names are masked whatever their case: "apex" in a message to Apex Corp is never another customer.
                Matcher m = name.pattern(true).matcher(masked);
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    m.appendReplacement(out, " ".repeat(m.group().length()));
                }
                m.appendTail(out);
                masked = out.toString();
            }
            Named earliest = null;
            int at = Integer.MAX_VALUE;
            for (KnownName name : candidates) {
                Matcher m = name.pattern(false).matcher(masked);
                if (m.find() && m.start() < at) {
                    at = m.start();
                    earliest = new Named(name.customer().strip(), part[0], context(part[1], m.start(), m.end()),
                            name.alias() ? name.text().strip() : null);
                }
            }
            if (earliest != null) {
                return Optional.of(earliest);
            }
        }
        return Optional.empty();
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }

    private static String context(String text, int start, int end) {
        int from = Math.max(0, start - CONTEXT);
        int to = Math.min(text.length(), end + CONTEXT);
        // Cut at whole words: drop a word the window split in two.
        while (from > 0 && from < start && !Character.isWhitespace(text.charAt(from - 1))) {
            from++;
        }
        while (to < text.length() && to > end && !Character.isWhitespace(text.charAt(to))) {
            to--;
        }
        String around = text.substring(from, to).replaceAll("\\s+", " ").strip();
        return (from > 0 ? "…" : "") + around + (to < text.length() ? "…" : "");
    }

    /** The reason a blocked message gives. */
    static String reason(String addressedTo, Named named) {
        return "The message to " + addressedTo + " names another customer, " + named.customer()
                + (named.alias() == null ? "" : " (as \"" + named.alias() + "\", one of its aliases)") + " (in the "
                + named.part() + ": \"" + named.context() + "\"). Nothing was sent.";
    }
}
