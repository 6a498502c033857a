package org.lodestar.worklist;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.lodestar.errors.InvalidInput;
import org.lodestar.health.ChurnRisks;
import org.lodestar.people.User;
import org.lodestar.people.Users;
import org.lodestar.signals.SignalCategory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Builds a CSM's worklist: their open tasks (snoozed ones from the day they wake) and their accounts
 * with open signals or a red score, each ranked by {@link WorklistRanking}. Reads the tasks, signals,
 * accounts and health tables together in a few queries.
 */
@Service
public class Worklist {

    /** The churn model's horizon that feeds the worklist's risk. */
    static final int MODEL_HORIZON = 90;

    private final JdbcClient jdbc;
    private final Users users;
    private final Clock clock;
    private final ChurnRisks churn;
    private final WorklistRanking.RiskSource riskSource;

    Worklist(JdbcClient jdbc, Users users, Clock clock, ChurnRisks churn,
            @Value("${lodestar.worklist.risk:scorecard}") String riskSource) {
        this.jdbc = jdbc;
        this.users = users;
        this.clock = clock;
        this.churn = churn;
        try {
            this.riskSource = WorklistRanking.RiskSource.valueOf(riskSource.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("lodestar.worklist.risk: expected scorecard, model or both, got '" + riskSource + "'");
        }
    }

    /** Per account, the churn model's risk level, when the worklist reads the model. */
    private Map<Long, Double> modelRisks() {
        if (riskSource == WorklistRanking.RiskSource.SCORECARD) {
            return Map.of();
        }
        double bookRate = churn.inForce(MODEL_HORIZON).map(v -> (double) v.positives() / v.examples()).orElse(0.0);
        Map<Long, Double> risks = new HashMap<>();
        churn.probabilities(MODEL_HORIZON).forEach((account, p) -> risks.put(account, WorklistRanking.modelRisk(p, bookRate)));
        return risks;
    }

    private record Signals(String worstSeverity, String reason, SignalCategory category, int count) {
    }

    public WorklistView forOwner(String email) {
        if (email == null || email.isBlank()) {
            throw new InvalidInput("owner", "is required: the email of the CSM whose worklist to show");
        }
        User owner = users.findByEmail(email.trim())
                .orElseThrow(() -> new InvalidInput("owner", "no user has the email " + email.trim()));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<Long, Signals> signals = openSignals(owner.id());
        Map<Long, Double> modelRisks = modelRisks();
        List<WorkItem> items = new ArrayList<>();
        long overdue = 0;
        for (Map<String, Object> row : jdbc.sql("""
                select t.id, t.title, t.category, t.priority, t.due_on, t.outreach, a.id as account_id, a.name, a.arr,
                    a.renewal_date, h.band, p.reason as play_reason
                from task t join account a on a.id = t.account_id
                left join account_health h on h.account_id = a.id
                left join play p on p.id = t.play_id
                where t.owner_id = ? and t.status = 'open' and (t.snoozed_until is null or t.snoozed_until <= ?)""")
                .params(owner.id(), Date.valueOf(today)).query().listOfRows()) {
            long accountId = ((Number) row.get("account_id")).longValue();
            LocalDate due = toDate(row.get("due_on"));
            String band = band(row.get("band"));
            BigDecimal arr = (BigDecimal) row.get("arr");
            LocalDate renewal = toDate(row.get("renewal_date"));
            Signals open = signals.get(accountId);
            long late = ChronoUnit.DAYS.between(due, today);
            overdue += late > 0 ? 1 : 0;
            String when = late > 0 ? "Overdue by " + late + (late == 1 ? " day" : " days") : late == 0 ? "Due today"
                    : "Due " + due;
            String why = row.get("play_reason") != null ? (String) row.get("play_reason") : open != null ? open.reason() : null;
            WorklistRanking.Priority priority = WorklistRanking.priority(new WorklistRanking.Input(band, modelRisks.get(accountId),
                    open == null ? null : open.worstSeverity(), arr, renewal, due, "high".equals(row.get("priority"))), today,
                    riskSource);
            items.add(new WorkItem("task", accountId, (String) row.get("name"), ((Number) row.get("id")).longValue(),
                    (String) row.get("title"), when + (why == null ? "" : " · " + why),
                    SignalCategory.parse((String) row.get("category")), band, arr, renewal, due, (String) row.get("outreach"),
                    priority));
        }
        long attention = 0;
        for (Map<String, Object> row : jdbc.sql("""
                select a.id, a.name, a.arr, a.renewal_date, h.band, h.score from account a
                left join account_health h on h.account_id = a.id
                where a.owner_id = ? and a.lifecycle_stage <> 'CHURNED'""").param(owner.id()).query().listOfRows()) {
            long accountId = ((Number) row.get("id")).longValue();
            Signals open = signals.get(accountId);
            String band = band(row.get("band"));
            boolean modelHigh = Double.valueOf(1.0).equals(modelRisks.get(accountId));
            if (open == null && !"red".equals(band) && !modelHigh) {
                continue;
            }
            attention++;
            BigDecimal arr = (BigDecimal) row.get("arr");
            LocalDate renewal = toDate(row.get("renewal_date"));
            String reason = open != null ? open.reason() + (open.count() > 1 ? " (+" + (open.count() - 1) + " more)" : "")
                    : "red".equals(band) ? "Health is " + ((BigDecimal) row.get("score")).stripTrailingZeros().toPlainString() + " (red)."
                    : "The churn model puts it at twice the book's rate of churn or contraction within " + MODEL_HORIZON + " days.";
            WorklistRanking.Priority priority = WorklistRanking.priority(new WorklistRanking.Input(band, modelRisks.get(accountId),
                    open == null ? null : open.worstSeverity(), arr, renewal, null, false), today, riskSource);
            items.add(new WorkItem("account", accountId, (String) row.get("name"), null, "Needs attention", reason,
                    open != null ? open.category() : SignalCategory.RESCUE, band, arr, renewal, null, null, priority));
        }
        long tasks = items.stream().filter(i -> i.kind().equals("task")).count();
        return new WorklistView(owner.email(), owner.name(), today, WorklistRanking.order(items), tasks, attention, overdue);
    }

    /** Per account of this owner: the most severe open signal (newest first among equals) and how many are open. */
    private Map<Long, Signals> openSignals(long ownerId) {
        Map<Long, Signals> found = new HashMap<>();
        jdbc.sql("""
                select s.account_id, s.severity, s.summary, s.category from signal s join account a on a.id = s.account_id
                where a.owner_id = ? and s.resolved_at is null
                order by s.account_id, case s.severity when 'high' then 0 when 'medium' then 1 else 2 end, s.fired_at desc, s.id desc""")
                .param(ownerId).query(rs -> {
                    long account = rs.getLong(1);
                    Signals first = found.get(account);
                    if (first == null) {
                        found.put(account, new Signals(rs.getString(2), rs.getString(3), SignalCategory.parse(rs.getString(4)), 1));
                    } else {
                        found.put(account, new Signals(first.worstSeverity(), first.reason(), first.category(), first.count() + 1));
                    }
                });
        return found;
    }

    private static String band(Object stored) {
        return stored == null ? null : stored.toString().toLowerCase(Locale.ROOT);
    }

    private static LocalDate toDate(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Date d ? d.toLocalDate() : value instanceof LocalDate l ? l : LocalDate.parse(value.toString());
    }
}
