package org.lodestar.accounts;

import java.util.Locale;
import java.util.Map;

/**
 * Which accounts to list and in what order. Owner is an email, or {@code none} for unowned accounts; health is the
 * current band (unscored included) and risk one of {@link BookRisk}. Sort keys: name, arr, segment, stage, owner,
 * renewal, health (the score; unscored accounts last either way); prefix {@code -} for descending.
 */
public record AccountFilter(String owner, String segment, LifecycleStage stage, CoverageModel coverage, HealthBand health,
        BookRisk risk, String search, String sort, int page, int size) {

    public static final int MAX_SIZE = 1000;

    static final Map<String, String> SORT_COLUMNS = Map.of(
            "name", "lower(a.name)",
            "arr", "a.arr",
            "segment", "a.segment",
            "stage", "a.lifecycle_stage",
            "owner", "lower(u.name)",
            "renewal", "a.renewal_date",
            "health", "h.score",
            "id", "a.id");

    public AccountFilter {
        if (page < 0) {
            page = 0;
        }
        if (size <= 0 || size > MAX_SIZE) {
            size = size > MAX_SIZE ? MAX_SIZE : 50;
        }
        if (sort == null || sort.isBlank()) {
            sort = "name";
        }
        if (!SORT_COLUMNS.containsKey(sortKey(sort))) {
            throw new org.lodestar.errors.InvalidInput("sort", "expected one of "
                    + String.join(", ", new java.util.TreeSet<>(SORT_COLUMNS.keySet()))
                    + " (prefix '-' for descending), got '" + sort + "'");
        }
    }

    public static AccountFilter all() {
        return new AccountFilter(null, null, null, null, null, null, null, "name", 0, MAX_SIZE);
    }

    public boolean descending() {
        return sort.startsWith("-");
    }

    String orderBy() {
        // Unscored accounts go last whichever way the score is sorted; H2 and PostgreSQL disagree on nulls otherwise.
        String nulls = sortKey(sort).equals("health") ? " nulls last" : "";
        return SORT_COLUMNS.get(sortKey(sort)) + (descending() ? " desc" : " asc") + nulls + ", a.id asc";
    }

    private static String sortKey(String sort) {
        return sort.replaceFirst("^[-+]", "").toLowerCase(Locale.ROOT);
    }
}
