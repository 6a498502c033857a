package org.lodestar.revenue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Retention over {@code [from, to]} (both days included), per group and for the whole book. */
public record RetentionReport(LocalDate from, LocalDate to, RetentionGrouping by, List<RetentionFigures> groups,
        RetentionFigures total) {

    public static RetentionReport of(LocalDate from, LocalDate to, RetentionGrouping by, List<AccountPeriod> accounts,
            Function<AccountPeriod, String> groupOf) {
        List<RetentionFigures> groups = new ArrayList<>();
        if (by != null) {
            Map<String, List<AccountPeriod>> split = new TreeMap<>();
            accounts.forEach(a -> split.computeIfAbsent(groupOf.apply(a), g -> new ArrayList<>()).add(a));
            split.forEach((group, members) -> groups.add(RetentionFigures.of(group, members)));
        }
        return new RetentionReport(from, to, by, groups, RetentionFigures.of("total", accounts));
    }
}
