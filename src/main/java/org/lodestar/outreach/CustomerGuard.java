package org.lodestar.outreach;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wrong-customer guard: does a message to one customer name another? Names match whole words,
 * ignoring case. The addressed customer's own names (itself, its parent, its subsidiaries) are
 * masked first, so "Acme" inside "Acme Corp" is not taken for a customer called Acme. Pure.
 */
final class CustomerGuard {

    private static final int CONTEXT = 30;

    private CustomerGuard() {
    }

    /** Another customer named in a message: who, in which part (subject or body), and the words around it. */
    record Named(String customer, String part, String context) {
    }

    static Optional<Named> otherCustomerNamed(String subject, String body, Collection<String> allowed,
            Collection<String> others) {
        List<String> own = allowed.stream().filter(n -> n != null && !n.isBlank()).map(String::strip)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        List<String> candidates = others.stream().filter(n -> n != null && !n.isBlank()).map(String::strip)
                .filter(n -> own.stream().noneMatch(o -> o.equalsIgnoreCase(n)))
                .sorted(Comparator.comparingInt(String::length).reversed()).distinct().toList();
        for (String[] part : new String[][] { { "subject", subject }, { "body", body } }) {
            if (part[1] == null) {
                continue;
            }
            String masked = part[1];
            for (String name : own) {
                Matcher m = wholeWord(name).matcher(masked);
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    m.appendReplacement(out, " ".repeat(m.group().length()));
                }
                m.appendTail(out);
                masked = out.toString();
            }
            Named earliest = null;
            int at = Integer.MAX_VALUE;
            for (String name : candidates) {
                Matcher m = wholeWord(name).matcher(masked);
                if (m.find() && m.start() < at) {
                    at = m.start();
                    earliest = new Named(name, part[0], context(part[1], m.start(), m.end()));
                }
            }
            if (earliest != null) {
                return Optional.of(earliest);
            }
        }
        return Optional.empty();
    }

    private static Pattern wholeWord(String name) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(name) + "(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
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
        return "The message to " + addressedTo + " names another customer, " + named.customer() + " (in the "
                + named.part() + ": \"" + named.context() + "\"). Nothing was sent.";
    }
}
