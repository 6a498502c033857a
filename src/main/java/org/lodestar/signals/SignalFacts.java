package org.lodestar.signals;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.lodestar.web.IdLists;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the facts the rules need for many accounts at once, as of a day, straight from the tables of
 * the modules that own them (accounts, contracts, usage, health, tickets, surveys, invoices): a few
 * grouped queries per batch of accounts instead of a call per account and fact.
 */
@Repository
class SignalFacts {

    private final JdbcClient jdbc;

    SignalFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Facts of these accounts (null: every account that is not churned), in id order. */
    List<AccountFacts> read(Collection<Long> accountIds, LocalDate today, List<SignalRule> rules) {
        List<Long> ids = new ArrayList<>(accountIds == null ? jdbc.sql(
                "select id from account where lifecycle_stage <> 'CHURNED' order by id").query(Long.class).list()
                : new java.util.TreeSet<>(accountIds));
        List<AccountFacts> facts = new ArrayList<>();
        IdLists.inChunks(ids, (in, params) -> facts.addAll(readChunk(in, params, today, rules)));
        return facts;
    }

    private record Base(long id, String name, String segment, String stage, String coverage, BigDecimal arr) {
    }

    private List<AccountFacts> readChunk(String in, List<Object> idParams, LocalDate today, List<SignalRule> rules) {
        Date day = Date.valueOf(today);
        Timestamp end = Timestamp.from(today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));

        Map<Long, Base> bases = new LinkedHashMap<>();
        jdbc.sql("select id, name, segment, lifecycle_stage, coverage_model, arr from account where lifecycle_stage <> 'CHURNED' "
                + "and id" + in + " order by id").params(idParams).query(rs -> {
                    bases.put(rs.getLong(1), new Base(rs.getLong(1), rs.getString(2), rs.getString(3),
                            label(rs.getString(4)), label(rs.getString(5)), rs.getBigDecimal(6)));
                });

        Map<Long, BigDecimal> scores = new HashMap<>();
        Map<Long, String> bands = new HashMap<>();
        jdbc.sql("select account_id, score, band from account_health where account_id" + in).params(idParams).query(rs -> {
            scores.put(rs.getLong(1), rs.getBigDecimal(2));
            bands.put(rs.getLong(1), label(rs.getString(3)));
        });

        Map<Long, Map<Integer, String>> bandsAgo = new HashMap<>();
        for (int days : windows(rules, SignalKind.BAND_DROP)) {
            // The last snapshot on or before that day (within a month of it).
            Map<Long, Object[]> latest = new HashMap<>();
            jdbc.sql("select account_id, as_of, id, band from health_snapshot where as_of <= ? and as_of > ? and account_id" + in)
                    .params(concat(List.of(Date.valueOf(today.minusDays(days)), Date.valueOf(today.minusDays(days + 30L))),
                            idParams))
                    .query(rs -> {
                        Object[] row = { rs.getDate(2).toLocalDate(), rs.getLong(3), label(rs.getString(4)) };
                        latest.merge(rs.getLong(1), row, (a, b) -> later(a, b) ? a : b);
                    });
            latest.forEach((account, row) -> bandsAgo.computeIfAbsent(account, a -> new HashMap<>()).put(days, (String) row[2]));
        }

        Map<Long, Map<Integer, AccountFacts.Usage>> usage = new HashMap<>();
        for (int days : windows(rules, SignalKind.USAGE_DROP)) {
            jdbc.sql("select account_id, sum(case when on_date > ? then events else 0 end), "
                    + "sum(case when on_date <= ? then events else 0 end) from usage_day where on_date > ? and on_date <= ? "
                    + "and account_id" + in + " group by account_id")
                    .params(concat(List.of(Date.valueOf(today.minusDays(days)), Date.valueOf(today.minusDays(days)),
                            Date.valueOf(today.minusDays(2L * days)), day), idParams))
                    .query(rs -> {
                        usage.computeIfAbsent(rs.getLong(1), a -> new HashMap<>())
                                .put(days, new AccountFacts.Usage(rs.getLong(2), rs.getLong(3)));
                    });
        }

        Map<Long, LocalDate> lastActive = new HashMap<>();
        Set<Long> tracked = new HashSet<>();
        jdbc.sql("select account_id, max(case when events > 0 then on_date end) from usage_day where on_date <= ? and account_id"
                + in + " group by account_id").params(concat(List.of(day), idParams)).query(rs -> {
                    tracked.add(rs.getLong(1));
                    Date last = rs.getDate(2);
                    if (last != null) {
                        lastActive.put(rs.getLong(1), last.toLocalDate());
                    }
                });

        Map<Long, List<AccountFacts.Contact>> contacts = new HashMap<>();
        // A contact recorded within a week of the account itself came with it (an import, the account's set-up):
        // it has no "added on" day, so only contacts added later can be new.
        jdbc.sql("select c.id, c.account_id, c.name, c.role, c.status, c.left_on, c.created_at, a.created_at from stakeholder c "
                + "join account a on a.id = c.account_id where c.account_id" + in + " order by c.id").params(idParams).query(rs -> {
                    Date left = rs.getDate(6);
                    LocalDate added = dayOf(rs.getTimestamp(7));
                    LocalDate accountAdded = dayOf(rs.getTimestamp(8));
                    contacts.computeIfAbsent(rs.getLong(2), a -> new ArrayList<>()).add(new AccountFacts.Contact(rs.getLong(1),
                            rs.getString(3), label(rs.getString(4)), "ACTIVE".equals(rs.getString(5)),
                            left == null ? null : left.toLocalDate(), added.isAfter(accountAdded.plusDays(7)) ? added : null));
                });

        int answerDays = windows(rules, SignalKind.NPS_DETRACTOR).stream().max(Integer::compare).orElse(0);
        Map<Long, List<AccountFacts.Answer>> answers = new HashMap<>();
        if (answerDays > 0) {
            jdbc.sql("select id, account_id, score, responded_at, respondent_email, comment from survey_response "
                    + "where kind = 'NPS' and responded_at >= ? and responded_at < ? and account_id" + in + " order by responded_at, id")
                    .params(concat(List.of(Timestamp.from(today.minusDays(answerDays).atStartOfDay().toInstant(ZoneOffset.UTC)),
                            end), idParams))
                    .query(rs -> {
                        answers.computeIfAbsent(rs.getLong(2), a -> new ArrayList<>()).add(new AccountFacts.Answer(
                                rs.getLong(1), rs.getInt(3), dayOf(rs.getTimestamp(4)), rs.getString(5), rs.getString(6)));
                    });
        }

        Map<Long, List<AccountFacts.Ticket>> tickets = new HashMap<>();
        jdbc.sql("select id, account_id, external_id, subject, priority, created_at from support_ticket "
                + "where status in ('OPEN', 'PENDING') and created_at < ? and account_id" + in + " order by created_at, id")
                .params(concat(List.of(end), idParams)).query(rs -> {
                    tickets.computeIfAbsent(rs.getLong(2), a -> new ArrayList<>()).add(new AccountFacts.Ticket(rs.getLong(1),
                            rs.getString(3), rs.getString(4), label(rs.getString(5)), dayOf(rs.getTimestamp(6))));
                });

        Map<Long, List<AccountFacts.Bill>> bills = new HashMap<>();
        jdbc.sql("select id, account_id, coalesce(number, external_id), due_on, amount_due - amount_paid, currency from invoice "
                + "where status = 'OPEN' and due_on < ? and amount_due > amount_paid and account_id" + in + " order by due_on, id")
                .params(concat(List.of(day), idParams)).query(rs -> {
                    bills.computeIfAbsent(rs.getLong(2), a -> new ArrayList<>()).add(new AccountFacts.Bill(rs.getLong(1),
                            rs.getString(3), rs.getDate(4).toLocalDate(), rs.getBigDecimal(5), rs.getString(6)));
                });

        Map<Long, Long> activeUsers = new HashMap<>();
        jdbc.sql("select account_id, count(distinct user_key) from usage_user_day where on_date > ? and on_date <= ? "
                + "and account_id" + in + " group by account_id")
                .params(concat(List.of(Date.valueOf(today.minusDays(30)), day), idParams))
                .query(rs -> {
                    activeUsers.put(rs.getLong(1), rs.getLong(2));
                });

        // Seats: per contract the most any running line carries, summed; modules: what running lines name.
        Map<Long, Long> seats = new HashMap<>();
        Map<Long, Set<String>> contracted = new HashMap<>();
        jdbc.sql("select s.account_id, s.id, max(li.seats) from subscription s join line_item li on li.subscription_id = s.id "
                + "where li.start_date <= ? and (li.end_date is null or li.end_date > ?) and s.account_id" + in
                + " group by s.account_id, s.id").params(concat(List.of(day, day), idParams)).query(rs -> {
                    seats.merge(rs.getLong(1), rs.getLong(3), Long::sum);
                });
        jdbc.sql("select distinct s.account_id, coalesce(li.module, 'core') from subscription s join line_item li "
                + "on li.subscription_id = s.id where li.start_date <= ? and (li.end_date is null or li.end_date > ?) "
                + "and s.account_id" + in).params(concat(List.of(day, day), idParams)).query(rs -> {
                    contracted.computeIfAbsent(rs.getLong(1), a -> new HashSet<>()).add(rs.getString(2));
                });
        Map<Long, Set<String>> used = new HashMap<>();
        Map<Long, Set<String>> usedBefore = new HashMap<>();
        jdbc.sql("select distinct account_id, module, case when on_date > ? then 1 else 0 end from usage_feature_day "
                + "where on_date > ? and on_date <= ? and module is not null and account_id" + in)
                .params(concat(List.of(Date.valueOf(today.minusDays(30)), Date.valueOf(today.minusDays(60)), day), idParams))
                .query(rs -> {
                    (rs.getInt(3) == 1 ? used : usedBefore).computeIfAbsent(rs.getLong(1), a -> new HashSet<>())
                            .add(rs.getString(2));
                });

        Map<Long, AccountFacts.Renewal> renewals = new HashMap<>();
        jdbc.sql("select s.account_id, s.external_id, s.end_date, (select coalesce(sum(li.arr), 0) from line_item li "
                + "where li.subscription_id = s.id and li.start_date < s.end_date and (li.end_date is null "
                + "or li.end_date >= s.end_date)) from subscription s where s.start_date <= ? and s.end_date > ? "
                + "and s.account_id" + in + " order by s.end_date, s.id").params(concat(List.of(day, day), idParams))
                .query(rs -> {
                    BigDecimal due = rs.getBigDecimal(4);
                    if (due.signum() > 0) {
                        renewals.putIfAbsent(rs.getLong(1), new AccountFacts.Renewal(rs.getString(2),
                                rs.getDate(3).toLocalDate(), due));
                    }
                });

        Map<Long, LocalDate> since = new HashMap<>();
        jdbc.sql("select account_id, min(start_date) from subscription where account_id" + in + " group by account_id")
                .params(idParams).query(rs -> {
                    since.put(rs.getLong(1), rs.getDate(2).toLocalDate());
                });
        Set<Long> kickoff = new HashSet<>(jdbc.sql("select distinct account_id from timeline_entry where kind = 'MEETING' "
                + "and meeting_type = 'KICKOFF' and occurred_at < ? and account_id" + in)
                .params(concat(List.of(end), idParams)).query(Long.class).list());

        Map<Long, LocalDate> reviews = new HashMap<>();
        jdbc.sql("select account_id, max(occurred_at) from timeline_entry where kind = 'MEETING' and meeting_type in ('QBR', 'EBR') "
                + "and occurred_at < ? and account_id" + in + " group by account_id").params(concat(List.of(end), idParams))
                .query(rs -> {
                    reviews.put(rs.getLong(1), dayOf(rs.getTimestamp(2)));
                });

        Set<String> features = new java.util.TreeSet<>();
        int featureDays = 0;
        for (SignalRule rule : rules) {
            if (rule.kind() == SignalKind.FEATURE_USED) {
                features.addAll(rule.features());
                featureDays = Math.max(featureDays, rule.days());
            }
        }
        Map<Long, Map<String, LocalDate>> featureUse = new HashMap<>();
        if (!features.isEmpty()) {
            jdbc.sql("select account_id, feature, max(on_date) from usage_feature_day where on_date > ? and on_date <= ? "
                    + "and feature in (" + String.join(", ", Collections.nCopies(features.size(), "?")) + ") and account_id" + in
                    + " group by account_id, feature")
                    .params(concat(concat(List.of(Date.valueOf(today.minusDays(featureDays)), day), new ArrayList<>(features)),
                            idParams))
                    .query(rs -> {
                        featureUse.computeIfAbsent(rs.getLong(1), a -> new TreeMap<>()).put(rs.getString(2),
                                rs.getDate(3).toLocalDate());
                    });
        }

        List<AccountFacts> facts = new ArrayList<>();
        for (Base b : bases.values()) {
            long id = b.id();
            Set<String> modules = contracted.getOrDefault(id, Set.of());
            Set<String> inUse = new HashSet<>(used.getOrDefault(id, Set.of()));
            inUse.retainAll(modules);
            Set<String> inUseBefore = new HashSet<>(usedBefore.getOrDefault(id, Set.of()));
            inUseBefore.retainAll(modules);
            facts.add(new AccountFacts(id, b.name(), b.segment(), b.stage(), b.coverage(), b.arr(), scores.get(id), bands.get(id),
                    bandsAgo.getOrDefault(id, Map.of()), usage.getOrDefault(id, Map.of()), tracked.contains(id),
                    lastActive.get(id), contacts.getOrDefault(id, List.of()), answers.getOrDefault(id, List.of()),
                    tickets.getOrDefault(id, List.of()), bills.getOrDefault(id, List.of()),
                    tracked.contains(id) ? activeUsers.getOrDefault(id, 0L) : null, seats.get(id),
                    tracked.contains(id) && !modules.isEmpty() ? (long) inUse.size() : null,
                    tracked.contains(id) && !modules.isEmpty() ? (long) inUseBefore.size() : null,
                    modules.isEmpty() ? null : (long) modules.size(), renewals.get(id), since.get(id), kickoff.contains(id),
                    reviews.get(id), featureUse.getOrDefault(id, Map.of())));
        }
        return facts;
    }

    private static boolean later(Object[] a, Object[] b) {
        int byDay = ((LocalDate) a[0]).compareTo((LocalDate) b[0]);
        return byDay != 0 ? byDay > 0 : (Long) a[1] > (Long) b[1];
    }

    private static Set<Integer> windows(List<SignalRule> rules, SignalKind kind) {
        Set<Integer> days = new java.util.TreeSet<>();
        rules.stream().filter(r -> r.kind() == kind).forEach(r -> days.add(r.days()));
        return days;
    }

    private static List<Object> concat(List<?> first, List<?> second) {
        List<Object> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static LocalDate dayOf(Timestamp timestamp) {
        return timestamp == null ? null : LocalDate.ofInstant(timestamp.toInstant(), ZoneOffset.UTC);
    }

    /** Enum names as stored (ECONOMIC_SPONSOR) to the labels rules use (economic-sponsor). */
    private static String label(String stored) {
        return stored == null ? null : stored.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
