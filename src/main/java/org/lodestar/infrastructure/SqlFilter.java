package org.lodestar.infrastructure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The where clause of a list query built from optional filters, with its parameters in order. */
public final class SqlFilter {

    private final StringBuilder where = new StringBuilder(" where 1 = 1");
    private final List<Object> params = new ArrayList<>();

    /** Adds {@code condition} (with one ? per value) when {@code applies}. */
    public SqlFilter and(boolean applies, String condition, Object... values) {
        if (applies) {
            where.append(" and ").append(condition);
            params.addAll(Arrays.asList(values));
        }
        return this;
    }

    public String where() {
        return where.toString();
    }

    public List<Object> params() {
        return params;
    }

    /** {@code " limit n"} for a requested page size of 1 to {@code most}; otherwise a 400 naming {@code limit}. */
    public static String limit(int requested, int most) {
        return " limit " + Paging.limit(requested, most);
    }
}
