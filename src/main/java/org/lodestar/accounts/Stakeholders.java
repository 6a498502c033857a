package org.lodestar.accounts;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.lodestar.audit.AuditLog;
import org.lodestar.errors.Conflict;
import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The contacts at each account. When an economic sponsor or champion leaves, the date is kept and
 * the account's timeline says so: losing them is a risk the CSM must see.
 */
@Service
public class Stakeholders {

    /** Accounts per query when many are read at once: well inside every database's parameter limit. */
    private static final int IN_LIST_LIMIT = 1000;

    private static final RowMapper<Stakeholder> ROW = (rs, n) -> {
        Date leftOn = rs.getDate("left_on");
        return new Stakeholder(rs.getLong("id"), rs.getLong("account_id"), rs.getString("email"),
                rs.getString("name"), rs.getString("title"), StakeholderRole.valueOf(rs.getString("role")),
                StakeholderStatus.valueOf(rs.getString("status")), leftOn == null ? null : leftOn.toLocalDate());
    };

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Accounts accounts;
    private final Timeline timeline;
    private final Clock clock;

    private final ApplicationEventPublisher events;

    Stakeholders(JdbcClient jdbc, AuditLog audit, Accounts accounts, Timeline timeline, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.audit = audit;
        this.accounts = accounts;
        this.timeline = timeline;
        this.clock = clock;
    }

    public List<Stakeholder> list(long accountId) {
        accounts.get(accountId);
        return jdbc.sql("select * from stakeholder where account_id = ? order by status, role, name, id")
                .param(accountId).query(ROW).list();
    }

    /**
     * The contacts of the whole book by account, each account's in the order of {@link #list(long)}: what a whole-book
     * export reads, in one query.
     */
    public Map<Long, List<Stakeholder>> byAccount() {
        Map<Long, List<Stakeholder>> byAccount = new LinkedHashMap<>();
        jdbc.sql("select * from stakeholder order by account_id, status, role, name, id").query(ROW).list()
                .forEach(s -> byAccount.computeIfAbsent(s.accountId(), k -> new ArrayList<>()).add(s));
        return byAccount;
    }

    /** The contacts of many accounts in a few queries, by account; accounts without contacts are absent. */
    public Map<Long, List<Stakeholder>> listByAccount(Collection<Long> accountIds) {
        Map<Long, List<Stakeholder>> byAccount = new HashMap<>();
        List<Long> ids = List.copyOf(new LinkedHashSet<>(accountIds));
        for (int i = 0; i < ids.size(); i += IN_LIST_LIMIT) {
            jdbc.sql("select * from stakeholder where account_id in (:ids) order by status, role, name, id")
                    .param("ids", ids.subList(i, Math.min(ids.size(), i + IN_LIST_LIMIT))).query(ROW).list()
                    .forEach(s -> byAccount.computeIfAbsent(s.accountId(), k -> new ArrayList<>()).add(s));
        }
        return byAccount;
    }

    public Stakeholder get(long accountId, long id) {
        return jdbc.sql("select * from stakeholder where account_id = ? and id = ?").params(accountId, id)
                .query(ROW).optional().orElseThrow(() -> new NotFound("Stakeholder " + id + " of account " + accountId));
    }

    private Optional<Stakeholder> findByEmail(long accountId, String email) {
        return jdbc.sql("select * from stakeholder where account_id = ? and email = ?")
                .params(accountId, email.trim().toLowerCase()).query(ROW).optional();
    }

    @Transactional
    public Stakeholder add(long accountId, StakeholderDraft draft) {
        Account account = accounts.get(accountId);
        StakeholderDraft clean = validate(draft);
        if (findByEmail(accountId, clean.email()).isPresent()) {
            throw new Conflict("Account " + account.name() + " already has a stakeholder " + clean.email());
        }
        jdbc.sql("""
                insert into stakeholder (account_id, email, name, title, role, status, left_on, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(accountId, clean.email(), clean.name(), clean.title(), clean.role().name(),
                        clean.status().name(), date(clean.leftOn()), Timestamp.from(clock.instant()))
                .update();
        Stakeholder created = findByEmail(accountId, clean.email()).orElseThrow();
        events.publishEvent(AccountDataChanged.of(AccountFact.RELATIONSHIP, accountId));
        audit.created("stakeholder", created.id(),
                "Added " + clean.role().label() + " " + clean.name() + " to " + account.name(), created);
        noteDeparture(account, null, created);
        return created;
    }

    @Transactional
    public Stakeholder update(long accountId, long id, StakeholderDraft draft) {
        Account account = accounts.get(accountId);
        Stakeholder before = get(accountId, id);
        StakeholderDraft clean = validate(draft, before);
        if (!clean.email().equals(before.email()) && findByEmail(accountId, clean.email()).isPresent()) {
            throw new Conflict("Account " + account.name() + " already has a stakeholder " + clean.email());
        }
        jdbc.sql("""
                update stakeholder set email = ?, name = ?, title = ?, role = ?, status = ?, left_on = ?
                where id = ?""")
                .params(clean.email(), clean.name(), clean.title(), clean.role().name(), clean.status().name(),
                        date(clean.leftOn()), id)
                .update();
        Stakeholder after = get(accountId, id);
        events.publishEvent(AccountDataChanged.of(AccountFact.RELATIONSHIP, accountId));
        audit.updated("stakeholder", id, "Updated " + after.name() + " at " + account.name(), before, after);
        noteDeparture(account, before, after);
        return after;
    }

    /** Adds or updates the contact with this email at the account; an identical draft changes nothing. */
    @Transactional
    public UpsertOutcome upsert(long accountId, StakeholderDraft draft) {
        StakeholderDraft clean = validate(draft);
        Optional<Stakeholder> existing = findByEmail(accountId, clean.email());
        if (existing.isEmpty()) {
            add(accountId, clean);
            return UpsertOutcome.CREATED;
        }
        Stakeholder s = existing.get();
        clean = validate(draft, s);
        if (Objects.equals(s.name(), clean.name()) && Objects.equals(s.title(), clean.title())
                && s.role() == clean.role() && s.status() == clean.status()
                && Objects.equals(s.leftOn(), clean.leftOn())) {
            return UpsertOutcome.UNCHANGED;
        }
        update(accountId, s.id(), clean);
        return UpsertOutcome.UPDATED;
    }

    @Transactional
    public void remove(long accountId, long id) {
        Stakeholder before = get(accountId, id);
        jdbc.sql("delete from stakeholder where id = ?").param(id).update();
        events.publishEvent(AccountDataChanged.of(AccountFact.RELATIONSHIP, accountId));
        audit.deleted("stakeholder", id, "Removed " + before.name() + " from account " + accountId, before);
    }

    /** Checks a draft and returns it normalised: trimmed, lower-case email, status and leaving date settled. */
    public StakeholderDraft validate(StakeholderDraft draft) {
        return validate(draft, null);
    }

    /**
     * As {@link #validate(StakeholderDraft)}; a contact marked as left without a date left today, unless
     * {@code stored} already left: then they keep the date they left.
     */
    private StakeholderDraft validate(StakeholderDraft draft, Stakeholder stored) {
        var problems = new InvalidInput.Collector();
        if (draft.email() == null) {
            problems.add("email", "expected an email address such as ana@example.com, got 'null'");
        }
        problems.email("email", draft.email());
        if (draft.name() == null || draft.name().isBlank()) {
            problems.add("name", "must not be empty");
        }
        problems.maxLength("name", draft.name(), 200);
        problems.maxLength("title", draft.title(), 200);
        problems.maxLength("email", draft.email(), 320);
        if (draft.role() == null) {
            problems.add("role", "expected one of " + org.lodestar.infrastructure.Labels.choices(StakeholderRole.class));
        }
        StakeholderStatus status = Objects.requireNonNullElse(draft.status(), StakeholderStatus.ACTIVE);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (status == StakeholderStatus.ACTIVE && draft.leftOn() != null) {
            problems.add("leftOn", "only a stakeholder with status 'left' has a leaving date");
        }
        if (draft.leftOn() != null && draft.leftOn().isAfter(today)) {
            problems.add("leftOn", "must not be in the future, got " + draft.leftOn());
        }
        problems.throwIfAny();
        LocalDate leftSince = stored != null && stored.status() == StakeholderStatus.LEFT && stored.leftOn() != null
                ? stored.leftOn() : today;
        LocalDate leftOn = status == StakeholderStatus.LEFT ? Objects.requireNonNullElse(draft.leftOn(), leftSince) : null;
        return new StakeholderDraft(draft.email().trim().toLowerCase(), draft.name().trim(),
                Accounts.blankToNull(draft.title()), draft.role(), status, leftOn);
    }

    private void noteDeparture(Account account, Stakeholder before, Stakeholder after) {
        boolean key = after.role() == StakeholderRole.ECONOMIC_SPONSOR || after.role() == StakeholderRole.CHAMPION;
        boolean justLeft = after.status() == StakeholderStatus.LEFT
                && (before == null || before.status() != StakeholderStatus.LEFT);
        if (key && justLeft) {
            String role = after.role() == StakeholderRole.ECONOMIC_SPONSOR ? "Economic sponsor" : "Champion";
            timeline.record(account.id(), TimelineKind.CHANGE, null,
                    after.leftOn().atStartOfDay(ZoneOffset.UTC).toInstant(),
                    role + " " + after.name() + " left " + account.name(), after.email());
        }
    }

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }
}
