package org.lodestar.infrastructure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A page's query parameters read leniently, as a bookmark or a hand-edited link may carry values the page no longer
 * knows: such a value is left out (the page shows what it would without it) and a notice names the parameter, what
 * was expected and what the page shows instead. An API refuses the same values with a 400.
 */
public final class PageParameters {

    private final List<String> notices = new ArrayList<>();

    /** The constant with this label; null (and a notice) for text that is none, null for no text. */
    public <E extends Enum<E>> E choice(String parameter, Class<E> type, String text, String otherwise) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Labels.parse(type, text);
        } catch (IllegalArgumentException e) {
            notices.add(parameter + ": " + e.getMessage() + "; showing " + otherwise);
            return null;
        }
    }

    /** One of the allowed whole numbers; the fallback (and a notice) for anything else, the fallback for no text. */
    public int oneOf(String parameter, String text, List<Integer> allowed, int fallback, String otherwise) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (allowed.contains(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        notices.add(parameter + ": expected one of " + allowed.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + ", got '" + text + "'; showing " + otherwise);
        return fallback;
    }

    /** True for {@code true}, {@code on} or {@code 1}; false for no text, {@code false}, {@code off} or {@code 0}. */
    public boolean flag(String parameter, String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("true") || value.equals("on") || value.equals("1")) {
            return true;
        }
        if (!value.equals("false") && !value.equals("off") && !value.equals("0")) {
            notices.add(parameter + ": expected true or false, got '" + text + "'; showing it off");
        }
        return false;
    }

    /** A page number from 1; page 1 (and a notice) for anything else. */
    public int page(String text) {
        if (text == null || text.isBlank()) {
            return 1;
        }
        try {
            int page = Integer.parseInt(text.trim());
            if (page >= 1) {
                return page;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        notices.add("page: expected a whole number from 1, got '" + text + "'; showing page 1");
        return 1;
    }

    /** What was left out and why, in the order the parameters were read. */
    public List<String> notices() {
        return List.copyOf(notices);
    }
}
