package org.lodestar.health;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lodestar.infrastructure.Labels;

/**
 * The raw inputs a current score was computed from, kept beside it as text ({@code nps/180=7.5;open-tickets/0=;…},
 * blank for no data) so that a change rescores from the facts that changed and takes every other input as it was.
 */
final class StoredInputs {

    private static final Comparator<MeasureInput.Key> ORDER = Comparator.comparing((MeasureInput.Key k) -> k.input())
            .thenComparingInt(MeasureInput.Key::windowDays);

    private StoredInputs() {
    }

    /** The keys in the order they are encoded in, so equal inputs encode equally. */
    static List<MeasureInput.Key> order(Collection<MeasureInput.Key> keys) {
        return keys.stream().sorted(ORDER).toList();
    }

    /** Every key's value for the account, the keys in {@link #order}. */
    static String encode(List<MeasureInput.Key> ordered, InputValues values, long accountId) {
        StringBuilder text = new StringBuilder();
        for (MeasureInput.Key key : ordered) {
            BigDecimal value = values.get(accountId, key);
            text.append(text.isEmpty() ? "" : ";").append(key.input().label()).append('/').append(key.windowDays()).append('=')
                    .append(value == null ? "" : value.toPlainString());
        }
        return text.toString();
    }

    /**
     * The values of {@code keys} (a key without data maps to null), or null when the text does not hold every one of
     * them (no text, or written for other scorecards): then nothing can be taken as it was.
     */
    static Map<MeasureInput.Key, BigDecimal> decode(String text, Collection<MeasureInput.Key> keys) {
        if (text == null) {
            return null;
        }
        Map<MeasureInput.Key, BigDecimal> stored = new HashMap<>();
        if (!text.isEmpty()) {
            for (String part : text.split(";")) {
                int slash = part.indexOf('/');
                int equals = part.indexOf('=');
                if (slash < 0 || equals < slash) {
                    return null;
                }
                MeasureInput input;
                try {
                    input = Labels.parse(MeasureInput.class, part.substring(0, slash));
                } catch (IllegalArgumentException e) {
                    return null;
                }
                String value = part.substring(equals + 1);
                stored.put(new MeasureInput.Key(input, Integer.parseInt(part.substring(slash + 1, equals))),
                        value.isEmpty() ? null : new BigDecimal(value));
            }
        }
        List<MeasureInput.Key> missing = keys.stream().filter(k -> !stored.containsKey(k)).toList();
        return missing.isEmpty() ? stored : null;
    }
}
