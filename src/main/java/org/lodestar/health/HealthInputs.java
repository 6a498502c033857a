package org.lodestar.health;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads every scorecard input for a set of accounts as of a date, a handful of grouped queries
 * whatever the number of accounts, so the whole book, one account, or a date years back all cost
 * the same few statements. Rules per input: {@link MeasureInput} and docs/health.md.
 *
 * <p>It reads the tables of the modules the inputs come from (usage rollups, tickets, surveys,
 * invoices, stakeholders, timeline, contract lines) directly: scoring a book needs them joined by
 * account in bulk, which no per-account API could do in time.
 */
@Repository
class HealthInputs {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int CHUNK = 1000;
    /**
     * From this many accounts on, when they are also a twentieth of the book or more, the whole book is
     * read and the others ignored: reading by id lists costs about twenty times more per account than
     * one pass over everything (measured on PostgreSQL with 100,000 accounts; on H2 a long id list
     * also costs a comparison per row and id). A few accounts of a large book are read by their ids.
     */
    private static final int READ_ALL_FROM = 100;
    static final String CORE_MODULE = "core";

    private final JdbcClient jdbc;

    HealthInputs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param accountIds the accounts, or null for every account (faster than listing them all)
     */
    InputValues read(LocalDate asOf, Set<MeasureInput.Key> keys, Collection<Long> accountIds) {
        InputValues values = new InputValues();
        List<Long> ids = accountIds == null ? null : List.copyOf(accountIds);
        Reader reader = new Reader(asOf, keys, values);
        if (ids == null || ids.size() >= READ_ALL_FROM && ids.size() * 20L >= bookSize()) {
            reader.readAll(null);
        } else {
            for (int i = 0; i < ids.size(); i += CHUNK) {
                reader.readAll(ids.subList(i, Math.min(ids.size(), i + CHUNK)));
            }
        }
        return values;
    }

    private long bookSize() {
        return jdbc.sql("select count(*) from account").query(Long.class).single();
    }

    private final class Reader {

        private final LocalDate asOf;
        private final Set<MeasureInput.Key> keys;
        private final InputValues values;
        /** The first instant after the date: everything before it happened by then. */
        private final OffsetDateTime end;

        Reader(LocalDate asOf, Set<MeasureInput.Key> keys, InputValues values) {
            this.asOf = asOf;
            this.keys = keys;
            this.values = values;
            this.end = asOf.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        }

        private boolean needs(MeasureGroup... groups) {
            return keys.stream().anyMatch(k -> List.of(groups).contains(k.input().group()));
        }

        private List<MeasureInput.Key> keysOf(MeasureInput... inputs) {
            return keys.stream().filter(k -> List.of(inputs).contains(k.input())).toList();
        }

        /** The window's first day: a 30-day window as of the 30th starts on the 1st. */
        private LocalDate start(int days) {
            return asOf.minusDays(days - 1L);
        }

        void readAll(List<Long> ids) {
            Scope scope = new Scope(ids);
            if (needs(MeasureGroup.USAGE, MeasureGroup.ADOPTION)) {
                usage(scope);
            }
            if (needs(MeasureGroup.SENTIMENT)) {
                surveys(scope);
            }
            if (needs(MeasureGroup.RELATIONSHIP)) {
                relationship(scope);
            }
            if (needs(MeasureGroup.SUPPORT)) {
                tickets(scope);
            }
            if (needs(MeasureGroup.COMMERCIAL)) {
                invoices(scope);
            }
        }

        private void usage(Scope scope) {
            List<MeasureInput.Key> dayKeys = keysOf(MeasureInput.ACTIVE_DAYS, MeasureInput.EVENTS, MeasureInput.USAGE_TREND);
            List<MeasureInput.Key> userKeys = keysOf(MeasureInput.ACTIVE_USERS, MeasureInput.LICENCE_UTILISATION);
            List<MeasureInput.Key> featureKeys = keysOf(MeasureInput.FEATURES_USED, MeasureInput.ADOPTION_DEPTH);
            Set<Long> tracked = new HashSet<>();
            Map<String, Map<Long, Long>> figures = new HashMap<>();
            if (!dayKeys.isEmpty()) {
                StringBuilder columns = new StringBuilder("account_id");
                int span = 1;
                List<Object> params = new ArrayList<>();
                for (MeasureInput.Key key : dayKeys) {
                    int w = key.windowDays();
                    switch (key.input()) {
                        case ACTIVE_DAYS -> columns.append(", count(case when on_date >= ? and events > 0 then 1 end) as c")
                                .append(columns.length());
                        case EVENTS -> columns.append(", sum(case when on_date >= ? then events else 0 end) as c")
                                .append(columns.length());
                        default -> columns.append(", sum(case when on_date >= ? then events else 0 end) as c")
                                .append(columns.length()).append(", sum(case when on_date >= ? and on_date < ? then events else 0 end) as p")
                                .append(columns.length());
                    }
                    params.add(start(w));
                    if (key.input() == MeasureInput.USAGE_TREND) {
                        // The window before: the same number of days, just ahead of this one.
                        params.add(start(2 * w));
                        params.add(start(w));
                        span = Math.max(span, 2 * w);
                    } else {
                        span = Math.max(span, w);
                    }
                }
                params.add(start(span));
                params.add(asOf);
                params.addAll(scope.params());
                jdbc.sql("select " + columns + " from usage_day where on_date >= ? and on_date <= ?" + scope.where("account_id")
                        + " group by account_id").params(params).query(rs -> {
                            long account = rs.getLong(1);
                            tracked.add(account);
                            int column = 2;
                            for (MeasureInput.Key key : dayKeys) {
                                long current = rs.getLong(column++);
                                if (key.input() == MeasureInput.USAGE_TREND) {
                                    long previous = rs.getLong(column++);
                                    values.put(key, account, previous == 0 ? null
                                            : BigDecimal.valueOf(current - previous).multiply(HUNDRED)
                                                    .divide(BigDecimal.valueOf(previous), 1, RoundingMode.HALF_UP));
                                } else {
                                    values.put(key, account, BigDecimal.valueOf(current));
                                }
                            }
                        });
            }
            if (!userKeys.isEmpty()) {
                int span = userKeys.stream().mapToInt(MeasureInput.Key::windowDays).max().orElseThrow();
                for (int w : userKeys.stream().map(MeasureInput.Key::windowDays).distinct().toList()) {
                    Map<Long, Long> users = new HashMap<>();
                    jdbc.sql("select account_id, count(distinct user_key) from usage_user_day where on_date >= ? and on_date <= ?"
                            + scope.where("account_id") + " group by account_id")
                            .params(concat(List.of(start(w), asOf), scope.params()))
                            .query(rs -> {
                                users.put(rs.getLong(1), rs.getLong(2));
                                tracked.add(rs.getLong(1));
                            });
                    figures.put("users" + w, users);
                }
                if (span > 0 && keysOf(MeasureInput.LICENCE_UTILISATION).size() > 0) {
                    figures.put("seats", seats(scope));
                }
            }
            Map<Long, Set<String>> contracted = new HashMap<>();
            Map<Integer, Map<Long, Set<String>>> modulesUsed = new HashMap<>();
            if (!featureKeys.isEmpty()) {
                if (!keysOf(MeasureInput.ADOPTION_DEPTH).isEmpty()) {
                    contracted.putAll(contractedModules(scope));
                }
                for (MeasureInput.Key key : featureKeys) {
                    int w = key.windowDays();
                    if (key.input() == MeasureInput.FEATURES_USED) {
                        jdbc.sql("select account_id, count(distinct feature) from usage_feature_day where on_date >= ? "
                                + "and on_date <= ?" + scope.where("account_id") + " group by account_id")
                                .params(concat(List.of(start(w), asOf), scope.params()))
                                .query(rs -> {
                                    values.put(key, rs.getLong(1), BigDecimal.valueOf(rs.getLong(2)));
                                    tracked.add(rs.getLong(1));
                                });
                    } else if (!modulesUsed.containsKey(w)) {
                        Map<Long, Set<String>> used = new HashMap<>();
                        jdbc.sql("select distinct account_id, module from usage_feature_day where on_date >= ? and on_date <= ?"
                                + " and module is not null" + scope.where("account_id"))
                                .params(concat(List.of(start(w), asOf), scope.params()))
                                .query(rs -> {
                                    used.computeIfAbsent(rs.getLong(1), a -> new HashSet<>()).add(rs.getString(2));
                                });
                        modulesUsed.put(w, used);
                    }
                }
            }
            Set<Long> candidates = new TreeSet<>(scope.ids == null ? accountIds() : scope.ids);
            candidates.removeAll(tracked);
            tracked.addAll(trackedBefore(candidates));
            for (long account : tracked) {
                for (MeasureInput.Key key : dayKeys) {
                    if (key.input() != MeasureInput.USAGE_TREND && values.get(account, key) == null) {
                        values.put(key, account, BigDecimal.ZERO);
                    }
                }
                for (MeasureInput.Key key : userKeys) {
                    long users = figures.get("users" + key.windowDays()).getOrDefault(account, 0L);
                    if (key.input() == MeasureInput.ACTIVE_USERS) {
                        values.put(key, account, BigDecimal.valueOf(users));
                    } else {
                        long seats = figures.get("seats").getOrDefault(account, 0L);
                        values.put(key, account, seats == 0 ? null : BigDecimal.valueOf(users).multiply(HUNDRED)
                                .divide(BigDecimal.valueOf(seats), 1, RoundingMode.HALF_UP));
                    }
                }
                for (MeasureInput.Key key : featureKeys) {
                    if (key.input() == MeasureInput.FEATURES_USED) {
                        if (values.get(account, key) == null) {
                            values.put(key, account, BigDecimal.ZERO);
                        }
                    } else {
                        Set<String> modules = contracted.get(account);
                        if (modules != null && !modules.isEmpty()) {
                            Set<String> inUse = new HashSet<>(modulesUsed.get(key.windowDays()).getOrDefault(account, Set.of()));
                            inUse.retainAll(modules);
                            values.put(key, account, BigDecimal.valueOf(inUse.size()).multiply(HUNDRED)
                                    .divide(BigDecimal.valueOf(modules.size()), 1, RoundingMode.HALF_UP));
                        }
                    }
                }
            }
        }

        private List<Long> accountIds() {
            return jdbc.sql("select id from account").query(Long.class).list();
        }

        /** Of the accounts with no usage in any window, those that have sent usage before: theirs is zero, not missing. */
        private Set<Long> trackedBefore(Collection<Long> accounts) {
            Set<Long> found = new HashSet<>();
            List<Long> list = List.copyOf(accounts);
            for (int i = 0; i < list.size(); i += CHUNK) {
                List<Long> chunk = list.subList(i, Math.min(list.size(), i + CHUNK));
                Scope scope = new Scope(chunk);
                jdbc.sql("select a.id from account a where exists (select 1 from usage_day u where u.account_id = a.id "
                        + "and u.on_date <= ?)" + scope.where("a.id")).params(concat(List.of(asOf), scope.params()))
                        .query(Long.class).list().forEach(found::add);
            }
            return found;
        }

        /** Seats per account on the date: per subscription the most seats any active line carries, summed. */
        private Map<Long, Long> seats(Scope scope) {
            Map<Long, Long> seats = new HashMap<>();
            jdbc.sql("select s.account_id, s.id, max(li.seats) from subscription s join line_item li on li.subscription_id = s.id "
                    + "where li.start_date <= ? and (li.end_date is null or li.end_date > ?)" + scope.where("s.account_id")
                    + " group by s.account_id, s.id").params(concat(List.of(asOf, asOf), scope.params()))
                    .query(rs -> {
                        seats.merge(rs.getLong(1), rs.getLong(3), Long::sum);
                    });
            return seats;
        }

        private Map<Long, Set<String>> contractedModules(Scope scope) {
            Map<Long, Set<String>> modules = new HashMap<>();
            jdbc.sql("select distinct s.account_id, li.module from subscription s join line_item li on li.subscription_id = s.id "
                    + "where li.start_date <= ? and (li.end_date is null or li.end_date > ?)" + scope.where("s.account_id"))
                    .params(concat(List.of(asOf, asOf), scope.params()))
                    .query(rs -> {
                        String module = rs.getString(2);
                        modules.computeIfAbsent(rs.getLong(1), a -> new HashSet<>())
                                .add(module == null || module.isBlank() ? CORE_MODULE : module);
                    });
            return modules;
        }

        private void surveys(Scope scope) {
            for (MeasureInput.Key key : keysOf(MeasureInput.NPS, MeasureInput.CSAT)) {
                OffsetDateTime from = start(key.windowDays()).atStartOfDay().atOffset(ZoneOffset.UTC);
                jdbc.sql("select account_id, sum(score), count(*) from survey_response where kind = ? and responded_at >= ? "
                        + "and responded_at < ?" + scope.where("account_id") + " group by account_id")
                        .params(concat(List.of(key.input().name(), from, end), scope.params()))
                        .query(rs -> {
                            values.put(key, rs.getLong(1), BigDecimal.valueOf(rs.getLong(2))
                                    .divide(BigDecimal.valueOf(rs.getLong(3)), 2, RoundingMode.HALF_UP));
                        });
            }
        }

        private void relationship(Scope scope) {
            List<MeasureInput.Key> present = keysOf(MeasureInput.SPONSOR_PRESENT, MeasureInput.CHAMPION_PRESENT);
            if (!present.isEmpty()) {
                Map<Long, Set<String>> roles = new HashMap<>();
                // Who joined when is not known (stakeholders are recorded when entered), so a contact counts until they leave.
                jdbc.sql("select distinct account_id, role from stakeholder where role in ('ECONOMIC_SPONSOR', 'CHAMPION') "
                        + "and (left_on is null and status = 'ACTIVE' or left_on > ?)" + scope.where("account_id"))
                        .params(concat(List.of(asOf), scope.params()))
                        .query(rs -> {
                            roles.computeIfAbsent(rs.getLong(1), a -> new HashSet<>()).add(rs.getString(2));
                        });
                forEachAccount(scope, account -> {
                    Set<String> held = roles.getOrDefault(account, Set.of());
                    for (MeasureInput.Key key : present) {
                        String role = key.input() == MeasureInput.SPONSOR_PRESENT ? "ECONOMIC_SPONSOR" : "CHAMPION";
                        values.put(key, account, held.contains(role) ? BigDecimal.ONE : BigDecimal.ZERO);
                    }
                });
            }
            for (MeasureInput.Key key : keysOf(MeasureInput.DAYS_SINCE_ENGAGEMENT)) {
                jdbc.sql("select account_id, max(occurred_at) from timeline_entry where kind in ('CALL', 'MEETING', 'EMAIL') "
                        + "and occurred_at < ?" + scope.where("account_id") + " group by account_id")
                        .params(concat(List.of(end), scope.params()))
                        .query(rs -> {
                            LocalDate last = rs.getObject(2, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
                            values.put(key, rs.getLong(1), BigDecimal.valueOf(ChronoUnit.DAYS.between(last, asOf)));
                        });
            }
        }

        private void tickets(Scope scope) {
            List<MeasureInput.Key> state = keysOf(MeasureInput.OPEN_TICKETS, MeasureInput.URGENT_OPEN_TICKETS,
                    MeasureInput.OLDEST_OPEN_TICKET_DAYS);
            if (!state.isEmpty()) {
                Map<Long, long[]> open = new HashMap<>();
                Map<Long, LocalDate> oldest = new HashMap<>();
                // Open on the date: raised by then, and solved after it or not solved (and not marked resolved without a date).
                jdbc.sql("select account_id, count(*), sum(case when priority = 'URGENT' then 1 else 0 end), min(created_at) "
                        + "from support_ticket where created_at < ? and (solved_at >= ? or solved_at is null and status in "
                        + "('OPEN', 'PENDING'))" + scope.where("account_id") + " group by account_id")
                        .params(concat(List.of(end, end), scope.params()))
                        .query(rs -> {
                            open.put(rs.getLong(1), new long[] { rs.getLong(2), rs.getLong(3) });
                            oldest.put(rs.getLong(1), rs.getObject(4, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC)
                                    .toLocalDate());
                        });
                forEachAccount(scope, account -> {
                    long[] counts = open.getOrDefault(account, new long[2]);
                    for (MeasureInput.Key key : state) {
                        long value = switch (key.input()) {
                            case OPEN_TICKETS -> counts[0];
                            case URGENT_OPEN_TICKETS -> counts[1];
                            default -> oldest.containsKey(account) ? ChronoUnit.DAYS.between(oldest.get(account), asOf) : 0;
                        };
                        values.put(key, account, BigDecimal.valueOf(value));
                    }
                });
            }
            for (MeasureInput.Key key : keysOf(MeasureInput.TICKETS_OPENED)) {
                Map<Long, Long> raised = new HashMap<>();
                jdbc.sql("select account_id, count(*) from support_ticket where created_at >= ? and created_at < ?"
                        + scope.where("account_id") + " group by account_id")
                        .params(concat(List.of(start(key.windowDays()).atStartOfDay().atOffset(ZoneOffset.UTC), end),
                                scope.params()))
                        .query(rs -> {
                            raised.put(rs.getLong(1), rs.getLong(2));
                        });
                forEachAccount(scope, account -> values.put(key, account, BigDecimal.valueOf(raised.getOrDefault(account, 0L))));
            }
        }

        private void invoices(Scope scope) {
            for (MeasureInput.Key key : keysOf(MeasureInput.DAYS_OVERDUE)) {
                // Owed on the date: issued by then, not void or draft, and paid after it or not paid (and still owed).
                jdbc.sql("select account_id, min(case when due_on < ? and (paid_on > ? or paid_on is null and status in "
                        + "('OPEN', 'UNCOLLECTIBLE')) then due_on end) from invoice where issued_on <= ? and status not in "
                        + "('VOID', 'DRAFT')" + scope.where("account_id") + " group by account_id")
                        .params(concat(List.of(asOf, asOf, asOf), scope.params()))
                        .query(rs -> {
                            LocalDate due = rs.getObject(2, LocalDate.class);
                            values.put(key, rs.getLong(1), BigDecimal.valueOf(due == null ? 0 : ChronoUnit.DAYS.between(due, asOf)));
                        });
            }
        }

        private void forEachAccount(Scope scope, Consumer<Long> action) {
            (scope.ids == null ? accountIdsCached() : scope.ids).forEach(action);
        }

        private List<Long> allIds;

        private List<Long> accountIdsCached() {
            if (allIds == null) {
                allIds = accountIds();
            }
            return allIds;
        }
    }

    private static List<Object> concat(List<Object> head, List<Object> tail) {
        List<Object> all = new ArrayList<>(head);
        all.addAll(tail);
        return all;
    }

    /** All accounts (no condition) or a list of them ({@code and column in (...)}). */
    private record Scope(List<Long> ids) {

        String where(String column) {
            if (ids == null) {
                return "";
            }
            if (ids.isEmpty()) {
                return " and 1 = 0";
            }
            return " and " + column + " in (" + String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + ")";
        }

        List<Object> params() {
            return ids == null ? List.of() : List.copyOf(ids);
        }
    }
}
