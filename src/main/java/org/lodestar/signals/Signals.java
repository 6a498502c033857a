package org.lodestar.signals;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lodestar.cluster.ClusterLocks;
import org.lodestar.cluster.SerialSection;
import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.lodestar.infrastructure.AfterCommit;
import org.lodestar.infrastructure.IdLists;
import org.lodestar.infrastructure.SqlFilter;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evaluates the rules on accounts and keeps the signals: a finding whose cause has no open signal
 * fires one; an open signal whose cause no longer holds is resolved. One evaluation at a time across
 * nodes, so a cause never fires twice.
 */
@Service
public class Signals {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SELECT = "select s.*, a.name as account_name from signal s join account a on a.id = s.account_id";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final SignalFacts facts;
    private final SignalConfiguration configuration;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ClusterLocks locks;
    private final Map<SignalKind, Counter> fired = new EnumMap<>(SignalKind.class);

    Signals(JdbcClient jdbc, JdbcTemplate template, SignalFacts facts, SignalConfiguration configuration, ApplicationEventPublisher events,
            TransactionTemplate transactions, Clock clock, ClusterLocks locks, MeterRegistry meters) {
        for (SignalKind kind : SignalKind.values()) {
            fired.put(kind, Counter.builder("lodestar.signals.fired").tag("kind", kind.label())
                    .description("Signals fired, by the kind of their rule").register(meters));
        }
        this.jdbc = jdbc;
        this.template = template;
        this.facts = facts;
        this.configuration = configuration;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.locks = locks;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** What the rules find today on these accounts (null: the whole book), without storing anything. */
    public Map<Long, List<Detected>> detect(Collection<Long> accountIds) {
        return detect(accountIds, today());
    }

    /** How far back and ahead a preview may look. */
    public static final int PREVIEW_DAYS_BACK = 730;
    public static final int PREVIEW_DAYS_AHEAD = 365;

    /**
     * What the rules would find on a day, without storing anything. On a past day, the facts as they stood then (the
     * same point-in-time reads as the backtest). On a future day, the facts as they stand today with the dates counted to
     * that day (renewal windows, onboarding deadlines, reviews due), and the account's use carried forward: it keeps
     * using the product as it does today, so a week ahead does not make every account a week quieter.
     */
    public Map<Long, List<Detected>> detect(Collection<Long> accountIds, LocalDate asOf) {
        LocalDate today = today();
        if (asOf == null || asOf.isBefore(today.minusDays(PREVIEW_DAYS_BACK)) || asOf.isAfter(today.plusDays(PREVIEW_DAYS_AHEAD))) {
            throw new InvalidInput("asOf", "expected a day from " + today.minusDays(PREVIEW_DAYS_BACK) + " to "
                    + today.plusDays(PREVIEW_DAYS_AHEAD) + ", got " + asOf);
        }
        List<SignalRule> rules = configuration.rules();
        Map<Long, List<Detected>> found = new HashMap<>();
        LocalDate factsDay = asOf.isAfter(today) ? today : asOf;
        for (AccountFacts account : facts.read(accountIds, factsDay, rules)) {
            found.put(account.accountId(), SignalRules.evaluate(rules, account, asOf, factsDay));
        }
        return found;
    }

    /** A finding that would fire on an account: a cause without an open signal. */
    public record WouldFire(long accountId, Detected finding) {
    }

    // Named apart from the other Preview types: springdoc names a schema by the simple name.
    /** What evaluating on a day would change, stored nowhere: findings that would fire, open signals that would resolve. */
    @Schema(name = "SignalsPreview")
    public record Preview(LocalDate asOf, List<WouldFire> wouldFire, List<Signal> wouldResolve) {
    }

    /** What {@link #evaluate} would fire and resolve on that day ({@link #detect(Collection, LocalDate)}); nothing is stored. */
    public Preview preview(Collection<Long> accountIds, LocalDate asOf) {
        Map<Long, List<Detected>> found = detect(accountIds, asOf);
        Map<Long, Set<String>> open = new HashMap<>();
        List<Signal> openSignals = openSignals(accountIds);
        openSignals.forEach(s -> open.computeIfAbsent(s.accountId(), a -> new HashSet<>()).add(s.causeKey()));
        List<WouldFire> fire = new ArrayList<>();
        Map<Long, Set<String>> stillFound = new HashMap<>();
        new java.util.TreeMap<>(found).forEach((account, findings) -> {
            for (Detected d : findings) {
                stillFound.computeIfAbsent(account, a -> new HashSet<>()).add(d.causeKey());
                if (!open.getOrDefault(account, Set.of()).contains(d.causeKey())) {
                    fire.add(new WouldFire(account, d));
                }
            }
        });
        List<Signal> resolve = openSignals.stream()
                .filter(s -> !stillFound.getOrDefault(s.accountId(), Set.of()).contains(s.causeKey())).toList();
        return new Preview(asOf, fire, resolve);
    }

    /**
     * Evaluates these accounts (null: the whole book): fires new causes, resolves cleared ones. One
     * evaluation at a time on any node, so a cause never fires twice; what reacts to signals (plays)
     * does so in the same transaction.
     */
    public SignalsChanged evaluate(Collection<Long> accountIds) {
        return transactions.execute(tx -> {
            locks.hold(SerialSection.SIGNALS);
            SignalsChanged changed = store(accountIds, detect(accountIds));
            if (!changed.fired().isEmpty() || !changed.resolved().isEmpty()) {
                events.publishEvent(changed);
            }
            // Counted once committed: a rolled-back evaluation fired nothing.
            AfterCommit.run(() -> changed.fired().forEach(signal -> fired.get(signal.kind()).increment()));
            return changed;
        });
    }

    /**
     * Every account evaluated or with open signals: findings whose cause has no open signal fire one;
     * open signals whose cause was not found are resolved (an account no longer evaluated, such as a
     * churned one, finds nothing).
     */
    private SignalsChanged store(Collection<Long> accountIds, Map<Long, List<Detected>> found) {
        Timestamp now = Timestamp.from(clock.instant());
        Map<Long, Map<String, Signal>> open = new HashMap<>();
        for (Signal s : openSignals(accountIds)) {
            open.computeIfAbsent(s.accountId(), a -> new HashMap<>()).put(s.causeKey(), s);
        }
        Set<Long> accounts = new java.util.TreeSet<>(found.keySet());
        accounts.addAll(open.keySet());
        List<Long> firedIds = new ArrayList<>();
        List<Signal> resolved = new ArrayList<>();
        List<Object[]> refreshed = new ArrayList<>();
        Set<Long> touched = new HashSet<>();
        for (long account : accounts) {
            Map<String, Signal> stillOpen = new HashMap<>(open.getOrDefault(account, Map.of()));
            Set<String> causes = new HashSet<>(stillOpen.keySet());
            for (Detected d : found.getOrDefault(account, List.of())) {
                Signal same = stillOpen.remove(d.causeKey());
                // Still open: its sentence and figures follow the facts (the score moved, another ticket opened).
                if (same != null && !same.summary().equals(limit(d.summary(), 500))) {
                    refreshed.add(new Object[] { limit(d.summary(), 500), JSON.writeValueAsString(d.data()), same.id() });
                }
                if (causes.add(d.causeKey())) {
                    firedIds.add(insert(account, d, now));
                    touched.add(account);
                }
            }
            for (Signal gone : stillOpen.values()) {
                resolved.add(new Signal(gone.id(), gone.accountId(), gone.accountName(), gone.rule(), gone.kind(),
                        gone.category(), gone.severity(), gone.causeKey(), gone.summary(), gone.data(), gone.firedAt(),
                        now.toInstant()));
                touched.add(account);
            }
        }
        if (!refreshed.isEmpty()) {
            template.batchUpdate("update signal set summary = ?, data = ? where id = ?", refreshed);
        }
        if (!resolved.isEmpty()) {
            template.batchUpdate("update signal set resolved_at = ? where id = ?",
                    resolved.stream().map(r -> new Object[] { now, r.id() }).toList());
        }
        return new SignalsChanged(touched, byIds(firedIds), resolved);
    }

    private long insert(long accountId, Detected d, Timestamp now) {
        var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into signal (account_id, rule, kind, category, severity, cause_key, summary, data, fired_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(accountId, d.rule(), d.kind().label(), d.category().label(), d.severity().label(),
                        limit(d.causeKey(), 200), limit(d.summary(), 500), JSON.writeValueAsString(d.data()), now)
                .update(key, "id");
        return key.getKey().longValue();
    }

    private List<Signal> byIds(List<Long> ids) {
        List<Signal> signals = new ArrayList<>();
        IdLists.inChunks(ids, (in, params) -> signals.addAll(jdbc.sql(SELECT + " where s.id" + in).params(params).query(ROW).list()));
        signals.sort(java.util.Comparator.comparing(Signal::id));
        return signals;
    }

    public Signal get(long id) {
        return jdbc.sql(SELECT + " where s.id = ?").param(id).query(ROW).optional()
                .orElseThrow(() -> new NotFound("Signal " + id));
    }

    public long openCount() {
        return jdbc.sql("select count(*) from signal where resolved_at is null").query(Long.class).single();
    }

    /** Open signals of these accounts (null: all), oldest first. */
    public List<Signal> openSignals(Collection<Long> accountIds) {
        if (accountIds == null) {
            return jdbc.sql(SELECT + " where s.resolved_at is null order by s.fired_at, s.id").query(ROW).list();
        }
        List<Signal> found = new ArrayList<>();
        IdLists.inChunks(accountIds, (in, params) -> found.addAll(jdbc.sql(SELECT + " where s.resolved_at is null "
                + "and s.account_id" + in).params(params).query(ROW).list()));
        found.sort(java.util.Comparator.comparing(Signal::firedAt).thenComparing(Signal::id));
        return found;
    }

    /** Signals of these accounts fired, or resolved, after an instant, oldest first. */
    public List<Signal> changedSince(Collection<Long> accountIds, java.time.Instant since) {
        List<Signal> found = new ArrayList<>();
        Timestamp from = Timestamp.from(since);
        IdLists.inChunks(accountIds, (in, params) -> {
            List<Object> all = new ArrayList<>(params);
            all.add(from);
            all.add(from);
            found.addAll(jdbc.sql(SELECT + " where s.account_id" + in + " and (s.fired_at > ? or s.resolved_at > ?)")
                    .params(all).query(ROW).list());
        });
        found.sort(java.util.Comparator.comparing(Signal::firedAt).thenComparing(Signal::id));
        return found;
    }

    /** Signals by account, rule and state (open: true for open only, false for resolved only), newest first. */
    public List<Signal> find(Long accountId, String rule, Boolean open, int limit) {
        SqlFilter where = new SqlFilter().and(accountId != null, "s.account_id = ?", accountId)
                .and(rule != null, "s.rule = ?", rule)
                .and(Boolean.TRUE.equals(open), "s.resolved_at is null")
                .and(Boolean.FALSE.equals(open), "s.resolved_at is not null");
        return jdbc.sql(SELECT + where.where() + " order by s.fired_at desc, s.id desc" + SqlFilter.limit(limit, 1000))
                .params(where.params()).query(ROW).list();
    }

    private static String limit(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }

    private static final RowMapper<Signal> ROW = (rs, n) -> {
        Timestamp resolved = rs.getTimestamp("resolved_at");
        return new Signal(rs.getLong("id"), rs.getLong("account_id"), rs.getString("account_name"), rs.getString("rule"),
                org.lodestar.infrastructure.Labels.parse(SignalKind.class, rs.getString("kind")),
                SignalCategory.parse(rs.getString("category")), Severity.parse(rs.getString("severity")),
                rs.getString("cause_key"), rs.getString("summary"),
                JSON.readValue(rs.getString("data"), new TypeReference<Map<String, Object>>() { }),
                rs.getTimestamp("fired_at").toInstant(), resolved == null ? null : resolved.toInstant());
    };
}
