package org.lodestar.revenue;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.lodestar.accounts.Stakeholder;
import org.lodestar.accounts.StakeholderRole;
import org.lodestar.accounts.StakeholderStatus;
import org.lodestar.accounts.Stakeholders;
import org.lodestar.audit.Actors;
import org.lodestar.audit.AuditLog;
import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.lodestar.infrastructure.IdLists;
import org.lodestar.infrastructure.Labels;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The renewal calendar: every subscription's end date is a renewal, with the ARR due then. CSMs record
 * a forecast before it closes and the outcome after; an outcome nobody recorded is read from the
 * contracts once the date has passed.
 */
@Service
public class Renewals {

    public static final int MAX_DAYS = 365;
    private static final int NOTE_LIMIT = 500;

    private final JdbcClient jdbc;
    private final Subscriptions subscriptions;
    private final Stakeholders stakeholders;
    private final AuditLog audit;
    private final Clock clock;

    Renewals(JdbcClient jdbc, Subscriptions subscriptions, Stakeholders stakeholders, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.subscriptions = subscriptions;
        this.stakeholders = stakeholders;
        this.audit = audit;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** Renewals due from today through {@code days} days ahead, soonest first; {@code owner} is an email or null. */
    public List<Renewal> upcoming(int days, String owner) {
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidInput("days", "expected 1 to " + MAX_DAYS + ", got " + days);
        }
        LocalDate today = today();
        return between(today, today.plusDays(days), owner);
    }

    /** Renewals whose date falls in {@code [from, to]}, with risk, forecast and outcome. */
    public List<Renewal> between(LocalDate from, LocalDate to, String owner) {
        RetentionReports.checkPeriod(from, to);
        LocalDate today = today();
        List<Row> rows = jdbc.sql("""
                select s.id, s.external_id, s.account_id, s.auto_renew, s.end_date, a.name, a.segment, u.email,
                    (select coalesce(sum(li.arr), 0) from line_item li where li.subscription_id = s.id
                        and li.start_date < s.end_date and (li.end_date is null or li.end_date >= s.end_date)) as arr_due,
                    rc.forecast_arr, rc.forecast_note, rc.forecast_at, rc.outcome, rc.outcome_arr, rc.outcome_note,
                    h.band as health_band
                from subscription s
                join account a on a.id = s.account_id
                left join app_user u on u.id = a.owner_id
                left join renewal_call rc on rc.subscription_id = s.id
                left join account_health h on h.account_id = a.id
                where s.end_date >= ? and s.end_date <= ? and (cast(? as varchar(200)) is null or u.email = ?)
                order by s.end_date, a.name, s.id""")
                .params(Date.valueOf(from), Date.valueOf(to), owner, owner)
                .query((rs, n) -> Row.read(rs)).list();
        rows = rows.stream().filter(row -> row.arrDue().signum() != 0).toList();
        if (rows.isEmpty()) {
            return List.of();
        }
        Set<Long> accounts = rows.stream().map(Row::accountId).collect(Collectors.toSet());
        Map<Long, List<Stakeholder>> contacts = stakeholders.listByAccount(accounts);
        Set<Long> contracted = contractedLastYear(today, accounts);
        Map<String, BigDecimal> changes = arrChangesByDay(from, to.isAfter(today) ? today : to, accounts);
        List<Renewal> renewals = new ArrayList<>();
        for (Row row : rows) {
            RenewalRisk.Signs signs = signs(contacts.getOrDefault(row.accountId(), List.of()), row.autoRenew(),
                    contracted.contains(row.accountId()), today);
            renewals.add(renewal(row, signs, changes, today));
        }
        return renewals;
    }

    public Renewal get(long subscriptionId) {
        Subscription subscription = subscriptions.get(subscriptionId);
        if (subscription.endDate() == null) {
            throw new NotFound("Renewal of subscription " + subscriptionId + " (it has no end date)");
        }
        return between(subscription.endDate(), subscription.endDate(), null).stream()
                .filter(r -> r.subscriptionId() == subscriptionId).findFirst()
                .orElseThrow(() -> new NotFound("Renewal of subscription " + subscriptionId + " (nothing is due at its end)"));
    }

    /** A CSM's forecast of what the renewal will close at. */
    @Transactional
    public Renewal recordForecast(long subscriptionId, BigDecimal arr, String note) {
        return recordForecast(subscriptionId, arr, note, clock.instant());
    }

    /** As {@link #recordForecast(long, BigDecimal, String)}, made at {@code at} (the demo book's past forecasts). */
    @Transactional
    public Renewal recordForecast(long subscriptionId, BigDecimal arr, String note, Instant at) {
        Renewal before = get(subscriptionId);
        var problems = new InvalidInput.Collector();
        checkAmount(problems, "arr", arr);
        checkNote(problems, note);
        problems.throwIfAny();
        ensureCall(subscriptionId);
        jdbc.sql("update renewal_call set forecast_arr = ?, forecast_note = ?, forecast_by = ?, forecast_at = ? where subscription_id = ?")
                .params(arr.setScale(2), blankToNull(note), Actors.current().toString(), Timestamp.from(at), subscriptionId)
                .update();
        Renewal after = get(subscriptionId);
        audit.updated("renewal", subscriptionId, "Forecast the renewal of " + before.accountName() + " on "
                + before.renewalDate() + " at " + after.forecastArr().toPlainString(), before, after);
        return after;
    }

    /** How the renewal closed. The contracts are not changed: they stay the record of what was signed. */
    @Transactional
    public Renewal recordOutcome(long subscriptionId, RenewalOutcome outcome, BigDecimal arr, String note) {
        Renewal before = get(subscriptionId);
        var problems = new InvalidInput.Collector();
        if (outcome == null) {
            problems.add("outcome", "required: one of " + Labels.choices(RenewalOutcome.class));
        }
        BigDecimal renewedAt = arr;
        if (renewedAt == null && outcome == RenewalOutcome.CHURNED) {
            renewedAt = BigDecimal.ZERO;
        } else if (renewedAt == null && outcome == RenewalOutcome.RENEWED) {
            renewedAt = before.arrDue();
        }
        if (renewedAt == null) {
            problems.add("arr", "required for " + (outcome == null ? "this outcome" : outcome.label()) + ": the ARR it renewed at");
        } else {
            checkAmount(problems, "arr", renewedAt);
            if (outcome != null && renewedAt.signum() >= 0 && RenewalOutcome.of(before.arrDue(), renewedAt) != outcome) {
                problems.add("arr", "an outcome of " + outcome.label() + " does not fit ARR " + renewedAt.toPlainString()
                        + " against " + before.arrDue().toPlainString() + " due (that would be "
                        + RenewalOutcome.of(before.arrDue(), renewedAt).label() + ")");
            }
        }
        checkNote(problems, note);
        problems.throwIfAny();
        ensureCall(subscriptionId);
        jdbc.sql("update renewal_call set outcome = ?, outcome_arr = ?, outcome_note = ?, outcome_by = ?, outcome_at = ? where subscription_id = ?")
                .params(outcome.label(), renewedAt.setScale(2), blankToNull(note), Actors.current().toString(),
                        Timestamp.from(clock.instant()), subscriptionId)
                .update();
        Renewal after = get(subscriptionId);
        audit.updated("renewal", subscriptionId, "Recorded the renewal of " + before.accountName() + " on "
                + before.renewalDate() + " as " + outcome.label(), before, after);
        return after;
    }

    /** Per quarter, the renewals that have come due: ARR due, forecast and what actually renewed. */
    public List<ForecastAccuracy> forecastAccuracy(LocalDate from, LocalDate to) {
        RetentionReports.checkPeriod(from, to);
        LocalDate today = today();
        LocalDate last = to.isAfter(today) ? today : to;
        Map<String, ForecastAccuracy> quarters = new TreeMap<>();
        if (last.isBefore(from)) {
            return List.of();
        }
        for (Renewal renewal : between(from, last, null)) {
            String quarter = RetentionReports.quarterOf(renewal.renewalDate());
            ForecastAccuracy one = new ForecastAccuracy(quarter, 1, "csm".equals(renewal.forecastSource()) ? 1 : 0,
                    renewal.arrDue(), renewal.forecastArr(), renewal.outcomeArr());
            quarters.merge(quarter, one, ForecastAccuracy::plus);
        }
        return List.copyOf(quarters.values());
    }

    /**
     * Forecast against actual for the renewals of one quarter. {@code csmForecasts} of the
     * {@code renewals} had a forecast recorded by a person; the rest use the risk-weighted forecast.
     */
    public record ForecastAccuracy(String quarter, int renewals, int csmForecasts, BigDecimal arrDue,
            BigDecimal forecastArr, BigDecimal actualArr) {

        ForecastAccuracy plus(ForecastAccuracy other) {
            return new ForecastAccuracy(quarter, renewals + other.renewals, csmForecasts + other.csmForecasts,
                    arrDue.add(other.arrDue), forecastArr.add(other.forecastArr), actualArr.add(other.actualArr));
        }

        /** Actual minus forecast. */
        @com.fasterxml.jackson.annotation.JsonProperty("variance")
        public BigDecimal variance() {
            return actualArr.subtract(forecastArr);
        }
    }

    private Renewal renewal(Row row, RenewalRisk.Signs signs, Map<String, BigDecimal> changes, LocalDate today) {
        RenewalRisk.Assessment risk = RenewalRisk.assess(signs);
        BigDecimal forecast = row.forecastArr() != null ? row.forecastArr() : risk.risk().forecast(row.arrDue());
        String forecastSource = row.forecastArr() != null ? "csm" : "risk-weighted";
        RenewalOutcome outcome = row.outcome();
        BigDecimal outcomeArr = row.outcomeArr();
        String outcomeSource = outcome == null ? null : "recorded";
        if (outcome == null && !row.renewalDate().isAfter(today)) {
            // What the due ARR became: plus the account's net ARR change that day (the successor contract
            // starting as this one ends), never below zero.
            BigDecimal renewed = row.arrDue().add(changes.getOrDefault(row.accountId() + " " + row.renewalDate(), BigDecimal.ZERO));
            outcomeArr = renewed.signum() < 0 ? BigDecimal.ZERO.setScale(2) : renewed.setScale(2);
            outcome = RenewalOutcome.of(row.arrDue(), outcomeArr);
            outcomeSource = "contracts";
        }
        return new Renewal(row.subscriptionId(), row.externalId(), row.accountId(), row.accountName(), row.owner(),
                row.segment(), row.renewalDate(), ChronoUnit.DAYS.between(today, row.renewalDate()), row.arrDue(),
                row.autoRenew(), row.healthBand(), risk.risk(), risk.reasons(), forecast, forecastSource, row.forecastNote(), outcome,
                outcomeArr, outcomeSource, row.outcomeNote());
    }

    /** Each account's net ARR change per day in {@code [from, to]}, from the ledger, keyed {@code "id day"}. */
    private Map<String, BigDecimal> arrChangesByDay(LocalDate from, LocalDate to, Set<Long> accounts) {
        Map<String, BigDecimal> changes = new HashMap<>();
        if (to.isBefore(from)) {
            return changes;
        }
        ofAccounts(accounts, (in, ids) -> {
            List<Object> params = new ArrayList<Object>(List.of(Date.valueOf(from), Date.valueOf(to)));
            params.addAll(ids);
            jdbc.sql("select account_id, effective_date, sum(amount) as change from arr_movement where effective_date >= ? "
                    + "and effective_date <= ?" + in + " group by account_id, effective_date").params(params).query(rs -> {
                        changes.put(rs.getLong("account_id") + " " + rs.getDate("effective_date").toLocalDate(),
                                rs.getBigDecimal("change"));
                    });
        });
        return changes;
    }

    /** Of these accounts, those whose ARR contracted, net, in the year up to today. */
    private Set<Long> contractedLastYear(LocalDate today, Set<Long> accounts) {
        Set<Long> contracted = new HashSet<>();
        ofAccounts(accounts, (in, ids) -> {
            List<Object> params = new ArrayList<Object>(List.of(Date.valueOf(today.minusYears(1)), Date.valueOf(today)));
            params.addAll(ids);
            contracted.addAll(jdbc.sql("select account_id from arr_movement where kind = 'contraction' and effective_date > ? "
                    + "and effective_date <= ?" + in + " group by account_id having sum(amount) < 0").params(params)
                    .query(Long.class).list());
        });
        return contracted;
    }

    /**
     * Runs a ledger query for these accounts: in chunks of ids for a few thousand (a renewal calendar), once over the
     * whole ledger for more (a year of renewals on a large book), where reading it all is cheaper than thousands of ids.
     */
    private static void ofAccounts(Set<Long> accounts, java.util.function.BiConsumer<String, List<Object>> query) {
        if (accounts.size() > WHOLE_LEDGER_ABOVE) {
            query.accept("", List.of());
        } else {
            IdLists.inChunks(accounts, (in, ids) -> query.accept(" and account_id" + in, ids));
        }
    }

    private static final int WHOLE_LEDGER_ABOVE = 5000;

    private static RenewalRisk.Signs signs(List<Stakeholder> contacts, boolean autoRenew, boolean contracted,
            LocalDate today) {
        boolean key = false;
        boolean gone = false;
        for (Stakeholder contact : contacts) {
            if (contact.role() != StakeholderRole.ECONOMIC_SPONSOR && contact.role() != StakeholderRole.CHAMPION) {
                continue;
            }
            if (contact.status() == StakeholderStatus.ACTIVE) {
                key = true;
            } else if (contact.leftOn() == null || contact.leftOn().isAfter(today.minusYears(1))) {
                gone = true;
            }
        }
        return new RenewalRisk.Signs(autoRenew, gone, contracted, !key && !gone);
    }

    /** Every renewal call recorded (a forecast, an outcome or both), by subscription. */
    public List<RenewalCall> calls() {
        return jdbc.sql("""
                select * from renewal_call where forecast_arr is not null or outcome is not null order by subscription_id""")
                .query((rs, n) -> new RenewalCall(rs.getLong("subscription_id"), rs.getBigDecimal("forecast_arr"),
                        rs.getString("forecast_note"), rs.getString("forecast_by"), instant(rs.getTimestamp("forecast_at")),
                        rs.getString("outcome") == null ? null : RenewalOutcome.of(rs.getString("outcome")),
                        rs.getBigDecimal("outcome_arr"), rs.getString("outcome_note"), rs.getString("outcome_by"),
                        instant(rs.getTimestamp("outcome_at"))))
                .list();
    }

    /**
     * Writes a renewal call read back from an export, as it was recorded, unless its subscription has one already;
     * audited. Whether it was written.
     */
    @Transactional
    public boolean restoreOnce(RenewalCall call) {
        Subscription subscription = subscriptions.get(call.subscriptionId());
        if (jdbc.sql("select count(*) from renewal_call where subscription_id = ? and (forecast_arr is not null or outcome is not null)")
                .param(call.subscriptionId()).query(Long.class).single() > 0) {
            return false;
        }
        ensureCall(call.subscriptionId());
        jdbc.sql("""
                update renewal_call set forecast_arr = ?, forecast_note = ?, forecast_by = ?, forecast_at = ?, outcome = ?,
                       outcome_arr = ?, outcome_note = ?, outcome_by = ?, outcome_at = ? where subscription_id = ?""")
                .params(call.forecastArr(), call.forecastNote(), call.forecastBy(), timestamp(call.forecastAt()),
                        call.outcome() == null ? null : call.outcome().label(), call.outcomeArr(), call.outcomeNote(),
                        call.outcomeBy(), timestamp(call.outcomeAt()), call.subscriptionId())
                .update();
        audit.created("renewal", call.subscriptionId(), "Restored the renewal call of the subscription "
                + subscription.externalId(), call);
        return true;
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private void ensureCall(long subscriptionId) {
        if (jdbc.sql("select count(*) from renewal_call where subscription_id = ?").param(subscriptionId)
                .query(Long.class).single() == 0) {
            jdbc.sql("insert into renewal_call (subscription_id) values (?)").param(subscriptionId).update();
        }
    }

    private static void checkAmount(InvalidInput.Collector problems, String field, BigDecimal amount) {
        if (amount == null || amount.signum() < 0) {
            problems.add(field, "expected an amount of 0 or more, got " + amount);
        } else if (amount.stripTrailingZeros().scale() > 2) {
            problems.add(field, "expected at most 2 decimals (cents), got " + amount.toPlainString());
        } else if (amount.compareTo(new BigDecimal("999999999999")) > 0) {
            problems.add(field, "is larger than any contract Lodestar accepts (999,999,999,999)");
        }
    }

    private static void checkNote(InvalidInput.Collector problems, String note) {
        if (note != null && note.length() > NOTE_LIMIT) {
            problems.add("note", "must be at most " + NOTE_LIMIT + " characters, got " + note.length());
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private record Row(long subscriptionId, String externalId, long accountId, boolean autoRenew, LocalDate renewalDate,
            String accountName, String segment, String owner, BigDecimal arrDue, BigDecimal forecastArr, String forecastNote,
            Instant forecastAt, RenewalOutcome outcome, BigDecimal outcomeArr, String outcomeNote, String healthBand) {

        static Row read(ResultSet rs) throws SQLException {
            Timestamp forecastAt = rs.getTimestamp("forecast_at");
            String outcome = rs.getString("outcome");
            BigDecimal forecast = rs.getBigDecimal("forecast_arr");
            BigDecimal outcomeArr = rs.getBigDecimal("outcome_arr");
            return new Row(rs.getLong("id"), rs.getString("external_id"), rs.getLong("account_id"),
                    rs.getBoolean("auto_renew"), rs.getDate("end_date").toLocalDate(), rs.getString("name"),
                    rs.getString("segment"), rs.getString("email"), rs.getBigDecimal("arr_due").setScale(2),
                    forecast == null ? null : forecast.setScale(2), rs.getString("forecast_note"),
                    forecastAt == null ? null : forecastAt.toInstant(),
                    outcome == null ? null : RenewalOutcome.of(outcome),
                    outcomeArr == null ? null : outcomeArr.setScale(2), rs.getString("outcome_note"),
                    rs.getString("health_band") == null ? null : rs.getString("health_band").toLowerCase(java.util.Locale.ROOT));
        }
    }
}
