package org.lodestar.health;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/** The raw input values of a set of accounts on one date; null where an input has no data. */
public final class InputValues {

    private final Map<MeasureInput.Key, Map<Long, BigDecimal>> values = new HashMap<>();

    void put(MeasureInput.Key key, long accountId, BigDecimal value) {
        if (value != null) {
            values.computeIfAbsent(key, k -> new HashMap<>()).put(accountId, value);
        }
    }

    /** Adds the other's values (of other accounts, or other inputs). */
    void putAll(InputValues other) {
        other.values.forEach((key, byAccount) -> values.computeIfAbsent(key, k -> new HashMap<>()).putAll(byAccount));
    }

    public BigDecimal get(long accountId, MeasureInput.Key key) {
        Map<Long, BigDecimal> byAccount = values.get(key);
        return byAccount == null ? null : byAccount.get(accountId);
    }

    /** For tests and crafted cases: values set by hand. */
    public static InputValues of(long accountId, Map<MeasureInput.Key, BigDecimal> values) {
        InputValues inputs = new InputValues();
        values.forEach((key, value) -> inputs.put(key, accountId, value));
        return inputs;
    }
}
