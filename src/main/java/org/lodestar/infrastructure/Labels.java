package org.lodestar.infrastructure;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Enum constants as people write them: {@code HIGH_TOUCH} reads and parses as {@code high-touch}
 * (underscores and any case accepted on input).
 */
public final class Labels {

    /** Each enum's labels by ordinal, made once per type: scoring a book asks for them millions of times. */
    private static final ClassValue<String[]> LABELS = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            return Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .toArray(String[]::new);
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
            String normal = text.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
            for (E constant : type.getEnumConstants()) {
                if (of(constant).equals(normal)) {
                    return constant;
                }
            }
        }
        throw new IllegalArgumentException("expected one of " + choices(type) + ", got '" + text + "'");
    }

    public static <E extends Enum<E>> String choices(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Labels::of).collect(Collectors.joining(", "));
    }
}
