package org.lodestar.health.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.lodestar.accounts.AccountSet;
import org.lodestar.accounts.BookFacts;
import org.lodestar.infrastructure.CopyText;
import org.lodestar.infrastructure.Databases;
import org.lodestar.infrastructure.IdLists;
import org.lodestar.usage.UsageFacts;
import org.lodestar.usage.UsageFacts.Days;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Rescoring from what changed, for usage: a change to today's usage moves only today's rollup rows, so an
 * account's usage inputs are its summary of the days before today (kept in {@code health_usage_summary}, read
 * once a day) plus today's rows, a handful of rows however long the windows. The summary holds each window's
 * totals over its earlier days and each person, feature and module with the last of those days they were active
 * (so "distinct people in 30 days" is those seen in the last 29 days plus today's new ones). A summary is read
 * again when the day turns, when the scorecards' windows change, and when usage of an earlier day changes (a
 * late event, an import or a recount). The figures it gives equal a read of the windows ({@code ClosedUsageTest}).
 */
@Component
public class ClosedUsage {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ClosedUsage.class);

    private final UsageFacts usage;
    private final BookFacts book;
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final DataSource dataSource;
    /**
     * Summaries name people, features and modules as JSON keys, a different set in each: the parser does not keep
     * property names in a shared symbol table (canonicalizing tens of thousands of people's keys cost more than the
     * rest of reading a summary).
     */
    private static final JsonMapper JSON = JsonMapper.builder(tools.jackson.core.json.JsonFactory.builder()
            .disable(tools.jackson.core.TokenStreamFactory.Feature.CANONICALIZE_PROPERTY_NAMES).build()).build();
    private final boolean postgres;

    ClosedUsage(UsageFacts usage, BookFacts book, JdbcClient jdbc, JdbcTemplate template, DataSource dataSource) {
        this.usage = usage;
        this.book = book;
        this.jdbc = jdbc;
        this.template = template;
        this.dataSource = dataSource;
        this.postgres = Databases.isPostgres(dataSource);
    }

    /**
     * One account's usage before the plan's day. Days are epoch days.
     *
     * @param events events over the earlier days of each of the plan's distinct ranges, in order
     * @param activeDays days with events over the same
     */
    public record Summary(boolean tracked, long[] events, long[] activeDays, Map<String, Long> users, Map<String, Long> features,
            Map<String, Long> modules) {
    }

    /**
     * The plan's figures for these accounts as of its day, from their summaries and today's rollups. A summary that
     * is missing, of another day or windows, or of an account in {@code earlierChanged} (usage of a day before the
     * plan's changed since it was kept) is read from the rollups and kept first. In the caller's transaction, which
     * holds the scoring section: nothing else writes summaries meanwhile.
     */
    public UsagePlan.Figures figures(UsagePlan plan, Collection<Long> accountIds, Set<Long> earlierChanged) {
        long started = System.nanoTime();
        Map<Long, Summary> summaries = load(plan, accountIds, earlierChanged);
        long loaded = System.nanoTime();
        Set<Long> missing = new HashSet<>(accountIds);
        missing.removeAll(summaries.keySet());
        if (!missing.isEmpty()) {
            Map<Long, Summary> read = read(plan, missing);
            store(plan, read);
            summaries.putAll(read);
        }
        long kept = System.nanoTime();
        // By id even for many accounts: today's rows of the whole book grow with the day (a busy afternoon holds
        // several people a day for most of the book), those of the accounts rescored stay a handful each.
        Map<Long, Summary> today = today(plan, AccountSet.of(accountIds));
        long todayRead = System.nanoTime();
        UsagePlan.Figures figures = add(plan, summaries, today);
        log.debug("Usage of {} accounts from summaries: {} loaded in {} ms, {} read and kept in {} ms, today's rows in {} ms, "
                + "added in {} ms", accountIds.size(), accountIds.size() - missing.size(), (loaded - started) / 1_000_000,
                missing.size(), (kept - loaded) / 1_000_000, (todayRead - kept) / 1_000_000,
                (System.nanoTime() - todayRead) / 1_000_000);
        return figures;
    }

    /**
     * Reads and keeps every account's summary for the plan's day (after the daily recompute, so the day's first
     * changes find them); returns how many it kept.
     */
    public int prepareAll(UsagePlan plan) {
        Map<Long, Summary> read = read(plan, null);
        store(plan, read);
        return read.size();
    }

    private Map<Long, Summary> load(UsagePlan plan, Collection<Long> accountIds, Set<Long> earlierChanged) {
        Map<Long, Summary> kept = new HashMap<>();
        String signature = plan.signature();
        Set<Long> wanted = new HashSet<>(accountIds);
        wanted.removeAll(earlierChanged);
        AccountSet.toRead(wanted, book.size()).inParts(part -> jdbc.sql("select account_id, summary from health_usage_summary "
                + "where on_date = ? and signature = ?" + part.where("account_id")).params(part.params(plan.asOf(), signature))
                .query(rs -> {
                    long account = rs.getLong(1);
                    if (wanted.contains(account)) {
                        kept.put(account, JSON.readValue(rs.getString(2), Summary.class));
                    }
                }));
        return kept;
    }

    /** Summaries read from the rollups, for these accounts or (null) every account. */
    private Map<Long, Summary> read(UsagePlan plan, Collection<Long> accountIds) {
        LocalDate yesterday = plan.asOf().minusDays(1);
        AccountSet scope = AccountSet.toRead(accountIds, accountIds == null ? 0 : book.size());
        Collection<Long> ids = accountIds == null ? book.ids() : accountIds;
        List<Days> ranges = plan.distinctRanges();
        List<Days> earlier = ranges.stream().map(r -> new Days(r.from(), r.to().isAfter(yesterday) ? yesterday : r.to()))
                .toList();
        Map<Long, List<UsageFacts.Totals>> totals = plan.dayKeys().isEmpty() ? Map.of() : usage.totals(scope, earlier);
        Map<Long, Map<String, LocalDate>> users = lastDays(plan.userWindows(), plan, w -> usage.usersLastActive(scope, w));
        Map<Long, Map<String, LocalDate>> features = lastDays(plan.featureWindows(), plan,
                w -> usage.featuresLastUsed(scope, w));
        Map<Long, Map<String, LocalDate>> modules = lastDays(plan.depthWindows(), plan, w -> usage.modulesLastUsed(scope, w));
        Set<Long> tracked = new HashSet<>(totals.keySet());
        tracked.addAll(users.keySet());
        tracked.addAll(features.keySet());
        tracked.addAll(modules.keySet());
        Set<Long> quiet = new HashSet<>(ids);
        quiet.removeAll(tracked);
        if (!quiet.isEmpty()) {
            tracked.addAll(usage.trackedBy(AccountSet.of(quiet), yesterday));
        }
        Map<Long, Summary> summaries = new HashMap<>();
        for (long account : ids) {
            List<UsageFacts.Totals> row = totals.get(account);
            long[] events = new long[ranges.size()];
            long[] activeDays = new long[ranges.size()];
            for (int i = 0; row != null && i < ranges.size(); i++) {
                events[i] = row.get(i).events();
                activeDays[i] = row.get(i).activeDays();
            }
            summaries.put(account, new Summary(tracked.contains(account), events, activeDays, epochDays(users.get(account)),
                    epochDays(features.get(account)), epochDays(modules.get(account))));
        }
        return summaries;
    }

    /** The last day before the plan's day within the longest of the windows, per account and name (none: empty). */
    private static Map<Long, Map<String, LocalDate>> lastDays(Set<Integer> windows, UsagePlan plan,
            java.util.function.Function<Days, Map<Long, Map<String, LocalDate>>> read) {
        if (windows.isEmpty()) {
            return Map.of();
        }
        int longest = windows.stream().mapToInt(Integer::intValue).max().orElseThrow();
        return read.apply(new Days(plan.asOf().minusDays(longest - 1L), plan.asOf().minusDays(1)));
    }

    private static Map<String, Long> epochDays(Map<String, LocalDate> days) {
        Map<String, Long> epoch = new HashMap<>();
        if (days != null) {
            days.forEach((name, day) -> epoch.put(name, day.toEpochDay()));
        }
        return epoch;
    }

    /** Today's rollups of these accounts, as a summary of one day (events, people, features and modules). */
    private Map<Long, Summary> today(UsagePlan plan, AccountSet scope) {
        Days today = new Days(plan.asOf(), plan.asOf());
        Map<Long, List<UsageFacts.Totals>> totals = usage.totals(scope, List.of(today));
        Map<Long, Map<String, LocalDate>> users = plan.userWindows().isEmpty() ? Map.of() : usage.usersLastActive(scope, today);
        Map<Long, Map<String, LocalDate>> features = plan.featureWindows().isEmpty() ? Map.of()
                : usage.featuresLastUsed(scope, today);
        Map<Long, Map<String, LocalDate>> modules = plan.depthWindows().isEmpty() ? Map.of()
                : usage.modulesLastUsed(scope, today);
        Set<Long> active = new HashSet<>(totals.keySet());
        active.addAll(users.keySet());
        active.addAll(features.keySet());
        active.addAll(modules.keySet());
        Map<Long, Summary> rows = new HashMap<>();
        for (long account : active) {
            List<UsageFacts.Totals> row = totals.get(account);
            rows.put(account, new Summary(true, new long[] { row == null ? 0 : row.get(0).events() },
                    new long[] { row == null ? 0 : row.get(0).activeDays() }, epochDays(users.get(account)),
                    epochDays(features.get(account)), epochDays(modules.get(account))));
        }
        return rows;
    }

    /** Each account's summary of earlier days with today's rows added: the plan's figures, as a read of the windows gives. */
    private static UsagePlan.Figures add(UsagePlan plan, Map<Long, Summary> summaries, Map<Long, Summary> today) {
        long day = plan.asOf().toEpochDay();
        List<Days> distinct = plan.distinctRanges();
        int[] column = plan.ranges().stream().mapToInt(distinct::indexOf).toArray();
        boolean[] endsToday = new boolean[distinct.size()];
        for (int i = 0; i < endsToday.length; i++) {
            endsToday[i] = !distinct.get(i).to().isBefore(plan.asOf());
        }
        Map<Long, List<UsageFacts.Totals>> totals = new HashMap<>();
        Map<Integer, Map<Long, Long>> users = new HashMap<>();
        Map<Integer, Map<Long, Long>> features = new HashMap<>();
        Map<Integer, Map<Long, Set<String>>> modules = new HashMap<>();
        plan.userWindows().forEach(w -> users.put(w, new HashMap<>()));
        plan.featureWindows().forEach(w -> features.put(w, new HashMap<>()));
        plan.depthWindows().forEach(w -> modules.put(w, new HashMap<>()));
        Set<Long> tracked = new HashSet<>();
        summaries.forEach((account, earlier) -> {
            Summary now = today.get(account);
            if (!earlier.tracked() && now == null) {
                return;
            }
            tracked.add(account);
            if (!plan.dayKeys().isEmpty()) {
                List<UsageFacts.Totals> row = new ArrayList<>(column.length);
                for (int c : column) {
                    boolean withToday = endsToday[c] && now != null;
                    row.add(new UsageFacts.Totals(earlier.events()[c] + (withToday ? now.events()[0] : 0),
                            earlier.activeDays()[c] + (withToday ? now.activeDays()[0] : 0)));
                }
                totals.put(account, row);
            }
            users.forEach((w, counts) -> put(counts, account, distinct(earlier.users(), now == null ? null : now.users(), day, w)));
            features.forEach((w, counts) -> put(counts, account,
                    distinct(earlier.features(), now == null ? null : now.features(), day, w)));
            modules.forEach((w, used) -> {
                Set<String> names = new HashSet<>();
                earlier.modules().forEach((name, last) -> {
                    if (last > day - w) {
                        names.add(name);
                    }
                });
                if (now != null) {
                    names.addAll(now.modules().keySet());
                }
                if (!names.isEmpty()) {
                    used.put(account, names);
                }
            });
        });
        return new UsagePlan.Figures(totals, users, features, modules, tracked);
    }

    private static void put(Map<Long, Long> counts, long account, long count) {
        if (count > 0) {
            counts.put(account, count);
        }
    }

    /** Names active in the {@code window} days ending on {@code day}: those last seen within it before, and today's new ones. */
    private static long distinct(Map<String, Long> earlier, Map<String, Long> today, long day, int window) {
        long count = 0;
        for (long last : earlier.values()) {
            if (last > day - window) {
                count++;
            }
        }
        if (today != null) {
            for (String name : today.keySet()) {
                Long last = earlier.get(name);
                if (last == null || last <= day - window) {
                    count++;
                }
            }
        }
        return count;
    }

    private void store(UsagePlan plan, Map<Long, Summary> summaries) {
        if (summaries.size() >= book.size()) {
            jdbc.sql("delete from health_usage_summary").update();
            insert(plan, summaries);
            return;
        }
        IdLists.inChunks(summaries.keySet().stream().sorted().toList(), (in, ids) -> jdbc
                .sql("delete from health_usage_summary where account_id" + in).params(ids).update());
        insert(plan, summaries);
    }

    private void insert(UsagePlan plan, Map<Long, Summary> summaries) {
        String signature = plan.signature();
        List<Map.Entry<Long, Summary>> rows = summaries.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList();
        if (postgres) {
            CopyText.copyIn(dataSource, "copy health_usage_summary (account_id, on_date, signature, summary) from stdin", rows,
                    (line, row) -> {
                        line.append(row.getKey()).append('\t').append(plan.asOf()).append('\t');
                        CopyText.field(line, signature).append('\t');
                        CopyText.field(line, JSON.writeValueAsString(row.getValue())).append('\n');
                        return true;
                    }, "keep " + rows.size() + " usage summaries");
            return;
        }
        template.batchUpdate("insert into health_usage_summary (account_id, on_date, signature, summary) values (?, ?, ?, ?)",
                rows.stream().map(row -> new Object[] { row.getKey(), plan.asOf(), signature,
                        JSON.writeValueAsString(row.getValue()) }).toList());
    }
}
