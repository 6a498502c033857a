package org.lodestar.infrastructure;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Enum constants as people write them: {@code HIGH_TOUCH} reads and parses as {@code high-touch}
 * (underscores and any case accepted on input).
 */
public final class Labels {

    /** Words a key spells in lower case that people write in capitals. */
    private static final Set<String> ACRONYMS = Set.of("qbr", "ebr", "nps", "csat", "arr", "mrr", "csm", "sso", "api",
            "crm", "sla", "roi", "kpi");

    /** Each enum's labels by ordinal, made once per type: scoring a book asks for them millions of times. */
    private static final ClassValue<String[]> LABELS = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            return Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .toArray(String[]::new);
        }
    };

    /** Each enum's constants by label, made once per type. */
    private static final ClassValue<java.util.Map<String, Enum<?>>> BY_LABEL = new ClassValue<>() {
        @Override
        protected java.util.Map<String, Enum<?>> computeValue(Class<?> type) {
            java.util.Map<String, Enum<?>> byLabel = new java.util.HashMap<>();
            for (Object constant : type.getEnumConstants()) {
                byLabel.put(of((Enum<?>) constant), (Enum<?>) constant);
            }
            return java.util.Map.copyOf(byLabel);
        }
    };

    private Labels() {
    }

    public static String of(Enum<?> value) {
        return LABELS.get(value.getDeclaringClass())[value.ordinal()];
    }

    /** The constant with this label; an {@link IllegalArgumentException} naming the choices otherwise. */
    public static <E extends Enum<E>> E parse(Class<E> type, String text) {
        if (text != null) {
            Enum<?> constant = BY_LABEL.get(type).get(text);
            if (constant == null) {
                constant = BY_LABEL.get(type).get(text.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-'));
            }
            if (constant != null) {
                return type.cast(constant);
            }
        }
        throw new IllegalArgumentException("expected one of " + choices(type) + ", got '" + text + "'");
    }

    public static <E extends Enum<E>> String choices(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Labels::of).collect(Collectors.joining(", "));
    }

    /**
     * A key as a person reads it: {@code usage-drop} becomes "Usage drop", {@code vars.bug} becomes "Bug",
     * {@code new_date} becomes "New date". Keys are written by the config, so this never loses a word.
     */
    public static String readable(String key) {
        if (key == null || key.isBlank()) {
            return "";
        }
        String last = key.substring(key.lastIndexOf('.') + 1);
        String words = last.replace('-', ' ').replace('_', ' ').trim().replaceAll("\\s+", " ");
        if (words.isEmpty()) {
            return key;
        }
        StringBuilder readable = new StringBuilder();
        for (String word : words.split(" ")) {
            String lower = word.toLowerCase(Locale.ROOT);
            readable.append(readable.isEmpty() ? "" : " ").append(ACRONYMS.contains(lower) ? lower.toUpperCase(Locale.ROOT)
                    : lower.matches("t\\d+") ? "T-" + lower.substring(1) : word);
        }
        return Character.toUpperCase(readable.charAt(0)) + readable.substring(1);
    }

}
