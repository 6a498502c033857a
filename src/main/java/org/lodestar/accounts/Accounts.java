package org.lodestar.accounts;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.lodestar.audit.AuditLog;
import org.lodestar.errors.Conflict;
import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.lodestar.infrastructure.KeptAnswers;
import org.lodestar.people.User;
import org.lodestar.people.Users;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The accounts of the book: listing, reading and audited changes. */
@Service
public class Accounts {

    private static final String SELECT = """
            select a.*, u.email as owner_email, u.name as owner_name,
                   p.external_id as parent_external_id, p.name as parent_name
            from account a
            left join app_user u on u.id = a.owner_id
            left join account p on p.id = a.parent_id""";

    /** The book's listing: accounts with their current health, which the health module writes and the book only reads. */
    private static final String SELECT_WITH_HEALTH = SELECT.replace("from account a", ", h.score as health_score, h.band as health_band"
            + " from account a") + """

            left join account_health h on h.account_id = a.id""";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Users users;
    private final SegmentBands segments;
    private final Clock clock;

    private final ApplicationEventPublisher events;
    private final KeptAnswers bookTotals = new KeptAnswers(this::bookVersion, 256);

    Accounts(JdbcClient jdbc, AuditLog audit, Users users, SegmentBands segments, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.audit = audit;
        this.users = users;
        this.segments = segments;
        this.clock = clock;
    }

    public AccountList list(AccountFilter filter) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, LocalDate.now(clock), params);
        Map<String, Object> totals = jdbc.sql(FROM_FILTERED.replace("?columns", "count(*) as n, coalesce(sum(a.arr), 0) as arr")
                + where).params(params).query().singleRow();
        return page(filter, where, params, ((Number) totals.get("n")).longValue(), new BigDecimal(totals.get("arr").toString()));
    }

    /**
     * The book page's reading: one page of the filter's accounts, and the accounts and ARR per segment over all it
     * matches. The totals are the segments' sum (accounts of a segment the bands no longer name included), so the matching
     * accounts are counted once, not once for the page and again for the chart.
     */
    public Book book(AccountFilter filter) {
        List<Object> params = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        String where = where(filter, today, params);
        // The totals are the same for every page and sort of a filter: kept between views while the book is unchanged.
        Totals totals = bookTotals.get(java.util.Arrays.asList(filter.owner(), filter.segment(), filter.stage(),
                filter.coverage(), filter.health(), filter.risk(), filter.search(), today, segments.names()), () -> totals(where, params));
        return new Book(page(filter, where, params, totals.accounts(), totals.arr()), totals.segments());
    }

    /** What a filter matches in all: accounts, ARR, and both per segment of the bands (in their order). */
    private record Totals(long accounts, BigDecimal arr, List<SegmentTotal> segments) {
    }

    private Totals totals(String where, List<Object> params) {
        Map<String, SegmentTotal> bySegment = new HashMap<>();
        long count = 0;
        BigDecimal arr = BigDecimal.ZERO;
        for (SegmentTotal t : jdbc.sql(FROM_FILTERED.replace("?columns", "a.segment, count(*) as n, coalesce(sum(a.arr), 0) as arr")
                + where + " group by a.segment").params(params)
                .query((rs, n) -> new SegmentTotal(rs.getString("segment"), rs.getLong("n"), rs.getBigDecimal("arr"))).list()) {
            count += t.accounts();
            arr = arr.add(t.arr());
            if (t.segment() != null) {
                bySegment.put(t.segment(), t);
            }
        }
        List<SegmentTotal> segmentTotals = segments.names().stream()
                .map(name -> bySegment.getOrDefault(name, new SegmentTotal(name, 0, BigDecimal.ZERO))).toList();
        return new Totals(count, arr, segmentTotals);
    }

    /**
     * What the book's totals are computed from, in one query of index reads: accounts added (highest id) or changed
     * ({@code updated_at}, and the audit trail every edit, deletion and contract change writes, which moves even when
     * two changes share an instant); a score that changed band writes a health snapshot; owners are users. The
     * segment bands' names are part of each question.
     */
    private List<Object> bookVersion() {
        return KeptAnswers.row(jdbc.sql("""
                select (select max(id) from account) as added, (select max(updated_at) from account) as changed,
                    (select max(id) from audit_event) as audited, (select max(id) from health_snapshot) as scored,
                    (select count(*) from app_user) as users""").query().singleRow());
    }

    /** A page of the book with the accounts and ARR per segment of everything its filter matched. */
    public record Book(AccountList list, List<SegmentTotal> segments) {
    }

    private AccountList page(AccountFilter filter, String where, List<Object> params, long total, BigDecimal totalArr) {
        List<Account> accounts = new ArrayList<>();
        Map<Long, AccountHealth> health = new java.util.HashMap<>();
        jdbc.sql(SELECT_WITH_HEALTH + where + " order by " + filter.orderBy()
                + " limit " + filter.size() + " offset " + (long) filter.page() * filter.size())
                .params(params).query((RowCallbackHandler) rs -> {
                    Account account = map(rs);
                    accounts.add(account);
                    health.put(account.id(), health(rs));
                });
        return new AccountList(accounts, health, total, totalArr, filter.page(), filter.size());
    }

    /** One matching account with its health, for {@link #forEachMatch}. */
    @FunctionalInterface
    public interface BookRow {
        void accept(Account account, AccountHealth health);
    }

    /** Every account the filter matches, in its order, whatever its page and size say: for exports of the whole book. */
    public void forEachMatch(AccountFilter filter, BookRow row) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, LocalDate.now(clock), params);
        jdbc.sql(SELECT_WITH_HEALTH + where + " order by " + filter.orderBy()).params(params)
                .query((RowCallbackHandler) rs -> row.accept(map(rs), health(rs)));
    }

    private static final String FROM_FILTERED = "select ?columns from account a left join app_user u on u.id = a.owner_id"
            + " left join account_health h on h.account_id = a.id";

    private static String where(AccountFilter filter, LocalDate today, List<Object> params) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (filter.owner() != null && !filter.owner().isBlank()) {
            if (filter.owner().equalsIgnoreCase("none")) {
                where.append(" and a.owner_id is null");
            } else {
                where.append(" and lower(u.email) = ?");
                params.add(filter.owner().trim().toLowerCase());
            }
        }
        if (filter.segment() != null && !filter.segment().isBlank()) {
            where.append(" and a.segment = ?");
            params.add(filter.segment().trim().toLowerCase());
        }
        if (filter.stage() != null) {
            where.append(" and a.lifecycle_stage = ?");
            params.add(filter.stage().name());
        }
        if (filter.coverage() != null) {
            where.append(" and a.coverage_model = ?");
            params.add(filter.coverage().name());
        }
        if (filter.health() != null) {
            if (filter.health() == HealthBand.UNSCORED) {
                where.append(" and (h.band is null or h.band = 'NONE')");
            } else {
                where.append(" and h.band = ?");
                params.add(filter.health().name());
            }
        }
        if (filter.risk() != null && filter.risk().healthAtRisk()) {
            where.append(" and h.band in ('RED', 'YELLOW')");
        }
        if (filter.risk() != null && filter.risk().renewingSoon()) {
            where.append(" and a.renewal_date >= ? and a.renewal_date <= ?");
            params.add(Date.valueOf(today));
            params.add(Date.valueOf(today.plusDays(BookRisk.RENEWAL_DAYS)));
        }
        if (filter.search() != null && !filter.search().isBlank()) {
            where.append(" and (lower(a.name) like ? or lower(a.external_id) like ? or lower(a.domain) like ?)");
            String like = "%" + filter.search().trim().toLowerCase() + "%";
            params.add(like);
            params.add(like);
            params.add(like);
        }
        return where.toString();
    }

    public Optional<Account> find(long id) {
        return jdbc.sql(SELECT + " where a.id = ?").param(id).query((rs, n) -> map(rs)).optional();
    }

    public Account get(long id) {
        return find(id).orElseThrow(() -> new NotFound("Account " + id));
    }

    /** The ids of the customers (not churned) a user owns. */
    public List<Long> idsOwnedBy(long userId) {
        return jdbc.sql("select id from account where owner_id = ? and lifecycle_stage <> 'CHURNED' order by id")
                .param(userId).query(Long.class).list();
    }

    /** How many customers (not churned) each owner has per coverage model: owner email → coverage model → accounts. */
    public Map<String, Map<CoverageModel, Long>> coverageByOwner() {
        Map<String, Map<CoverageModel, Long>> byOwner = new TreeMap<>();
        jdbc.sql("""
                select u.email, a.coverage_model, count(*) as accounts from account a join app_user u on u.id = a.owner_id
                where a.lifecycle_stage <> 'CHURNED' group by u.email, a.coverage_model""").query(rs -> {
                    byOwner.computeIfAbsent(rs.getString("email"), o -> new EnumMap<>(CoverageModel.class))
                            .put(CoverageModel.valueOf(rs.getString("coverage_model")), rs.getLong("accounts"));
                });
        return byOwner;
    }

    /** The accounts a list covers for a user: every account they own, churned ones included, or the whole book. */
    public AccountSet inScope(AccountScope scope, long userId) {
        if (scope == AccountScope.ALL) {
            return AccountSet.all();
        }
        return AccountSet.of(jdbc.sql("select id from account where owner_id = ? order by id").param(userId)
                .query(Long.class).list());
    }

    public Optional<Account> findByExternalId(String externalId) {
        return jdbc.sql(SELECT + " where a.external_id = ?").param(externalId).query((rs, n) -> map(rs)).optional();
    }

    /** The accounts with this billing id (such as a Stripe customer id); more than one is a data problem. */
    public List<Account> findByBillingId(String billingId) {
        return jdbc.sql(SELECT + " where a.billing_id = ? order by a.external_id").param(billingId)
                .query((rs, n) -> map(rs)).list();
    }

    public List<Account> children(long id) {
        return jdbc.sql(SELECT + " where a.parent_id = ? order by a.name").param(id).query((rs, n) -> map(rs)).list();
    }

    /** Every account's name by its id, in one query. */
    public Map<Long, String> names() {
        Map<Long, String> names = new HashMap<>();
        jdbc.sql("select id, name from account").query(rs -> {
            names.put(rs.getLong("id"), rs.getString("name"));
        });
        return names;
    }

    public long count() {
        return jdbc.sql("select count(*) from account").query(Long.class).single();
    }

    /** The people an account can be given to (enabled users who are not read-only), for owner lists. */
    public List<User> possibleOwners() {
        return users.possibleOwners();
    }

    public List<String> segmentNames() {
        return segments.names();
    }

    @Transactional
    public Account create(AccountDraft draft) {
        Resolved resolved = resolve(draft, null);
        if (findByExternalId(draft.externalId().trim()).isPresent()) {
            throw new Conflict("An account with external id " + draft.externalId().trim() + " already exists");
        }
        SegmentBands.Band band = segments.bandFor(BigDecimal.ZERO);
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into account (external_id, billing_id, product_group_id, name, domain, industry, country,
                                     owner_id, parent_id, lifecycle_stage, coverage_model, segment, arr,
                                     created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""")
                .params(resolved.externalId, blankToNull(draft.billingId()), blankToNull(draft.productGroupId()),
                        draft.name().trim(), blankToNull(draft.domain()), blankToNull(draft.industry()),
                        blankToNull(draft.country()), resolved.ownerId, resolved.parentId, resolved.stage.name(),
                        Objects.requireNonNullElse(draft.coverage(), band.coverage()).name(), band.name(), now, now)
                .update();
        Account created = findByExternalId(resolved.externalId).orElseThrow();
        events.publishEvent(AccountDataChanged.of(AccountFact.ACCOUNT, created.id()));
        audit.created("account", created.id(), "Created account " + created.name(), created);
        return created;
    }

    @Transactional
    public Account update(long id, AccountDraft draft) {
        Account before = get(id);
        Resolved resolved = resolve(draft, before);
        if (sameAsDraft(before, draft)) {
            return before;
        }
        if (!resolved.externalId.equals(before.externalId()) && findByExternalId(resolved.externalId).isPresent()) {
            throw new Conflict("An account with external id " + resolved.externalId + " already exists");
        }
        CoverageModel coverage = draft.coverage() != null ? draft.coverage() : before.coverage();
        jdbc.sql("""
                update account set external_id = ?, billing_id = ?, product_group_id = ?, name = ?, domain = ?,
                       industry = ?, country = ?, owner_id = ?, parent_id = ?, lifecycle_stage = ?,
                       coverage_model = ?, updated_at = ?
                where id = ?""")
                .params(resolved.externalId, blankToNull(draft.billingId()), blankToNull(draft.productGroupId()),
                        draft.name().trim(), blankToNull(draft.domain()), blankToNull(draft.industry()),
                        blankToNull(draft.country()), resolved.ownerId, resolved.parentId, resolved.stage.name(),
                        coverage.name(), Timestamp.from(clock.instant()), id)
                .update();
        Account after = get(id);
        events.publishEvent(AccountDataChanged.of(AccountFact.ACCOUNT, id));
        audit.updated("account", id, "Updated account " + after.name(), before, after);
        return after;
    }

    /** Most accounts one reassignment moves. */
    public static final int MOST_REASSIGNED = 500;

    /**
     * Gives several accounts to one owner, all or none: the owner and every account are checked first, and
     * each problem is named (an unknown owner, a missing or repeated account with its place in the list).
     * Each account that changes hands is audited as its own update.
     */
    @Transactional
    public List<Account> reassign(List<Long> accountIds, String ownerEmail) {
        var problems = new InvalidInput.Collector();
        if (ownerEmail == null || ownerEmail.isBlank()) {
            problems.add("owner", "expected the email of the user to give the accounts to");
        } else {
            Optional<User> owner = users.findByEmail(ownerEmail);
            if (owner.isEmpty()) {
                problems.add("owner", "no user with email " + ownerEmail.trim());
            } else if (owner.get().cannotOwn("accounts") != null) {
                problems.add("owner", owner.get().cannotOwn("accounts"));
            }
        }
        List<Account> found = new ArrayList<>();
        if (accountIds == null || accountIds.isEmpty()) {
            problems.add("accountIds", "expected the ids of 1 to " + MOST_REASSIGNED + " accounts");
        } else if (accountIds.size() > MOST_REASSIGNED) {
            problems.add("accountIds", "expected at most " + MOST_REASSIGNED + " accounts at once, got "
                    + accountIds.size());
        } else {
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < accountIds.size(); i++) {
                Long id = accountIds.get(i);
                String field = "accountIds[" + i + "]";
                if (id == null) {
                    problems.add(field, "expected an account id, got null");
                } else if (!seen.add(id)) {
                    problems.add(field, "account " + id + " is listed twice");
                } else {
                    find(id).ifPresentOrElse(found::add, () -> problems.add(field, "no account has the id " + id));
                }
            }
        }
        problems.throwIfAny();
        return found.stream()
                .map(account -> update(account.id(), AccountDraft.of(account).withOwner(ownerEmail)))
                .toList();
    }

    /** Creates or updates the account with the draft's external id; an identical draft changes nothing. */
    @Transactional
    public UpsertOutcome upsert(AccountDraft draft) {
        return upsert(draft, draft.externalId() == null ? null : findByExternalId(draft.externalId().trim()).orElse(null));
    }

    /** As {@link #upsert(AccountDraft)}, with the account the caller already found by the draft's external id, or null. */
    @Transactional
    public UpsertOutcome upsert(AccountDraft draft, Account existing) {
        if (existing == null) {
            create(draft);
            return UpsertOutcome.CREATED;
        }
        Account before = existing;
        if (sameAsDraft(before, draft)) {
            return UpsertOutcome.UNCHANGED;
        }
        update(before.id(), draft);
        return UpsertOutcome.UPDATED;
    }

    /**
     * Checks a draft as {@link #upsert(AccountDraft, Account)} would, writing nothing; an {@link InvalidInput}
     * lists every problem.
     */
    public void validate(AccountDraft draft, Account existing) {
        resolve(draft, existing);
    }

    @Transactional
    public void delete(long id) {
        Account before = get(id);
        long children = jdbc.sql("select count(*) from account where parent_id = ?").param(id).query(Long.class).single();
        if (children > 0) {
            throw new Conflict("Account " + before.name() + " is the parent of " + children
                    + " account(s); move or delete them first");
        }
        long contracts = jdbc.sql("select count(*) from subscription where account_id = ?").param(id)
                .query(Long.class).single();
        if (contracts > 0) {
            throw new Conflict("Account " + before.name() + " has " + contracts
                    + " subscription(s) in its contract history; delete those first");
        }
        var contacts = jdbc.sql("select id, email, name, role, status from stakeholder where account_id = ?").param(id)
                .query().listOfRows();
        int entries = jdbc.sql("delete from timeline_entry where account_id = ?").param(id).update();
        jdbc.sql("delete from stakeholder where account_id = ?").param(id).update();
        jdbc.sql("delete from account where id = ?").param(id).update();
        audit.deleted("account", id, "Deleted account " + before.name() + " with its " + contacts.size()
                + " stakeholder(s) and " + entries + " timeline entries",
                Map.of("account", before, "stakeholders", contacts, "timelineEntries", entries));
    }

    /**
     * Stores what the account's contracts add up to today: ARR, the next renewal date, and the
     * segment that ARR falls in. Called by the contracts module whenever they change.
     */
    @Transactional
    public void recordContractSummary(long id, BigDecimal arr, LocalDate renewalDate) {
        Account account = get(id);
        String segment = segments.bandFor(arr).name();
        ContractSummary before = new ContractSummary(account.arr(), account.renewalDate(), account.segment());
        ContractSummary after = new ContractSummary(arr.setScale(2), renewalDate, segment);
        if (before.arr().compareTo(after.arr()) == 0 && Objects.equals(before.renewalDate(), renewalDate)
                && before.segment().equals(segment)) {
            return;
        }
        jdbc.sql("update account set arr = ?, renewal_date = ?, segment = ?, updated_at = ? where id = ?")
                .params(arr, renewalDate == null ? null : Date.valueOf(renewalDate), segment, Timestamp.from(clock.instant()), id)
                .update();
        events.publishEvent(AccountDataChanged.of(AccountFact.ACCOUNT, id));
        audit.updated("account", id, "Contracts of " + account.name() + " now add up to ARR " + after.arr().toPlainString()
                + " (" + segment + ")", before, after);
    }

    /** What an account's contracts add up to, as the audit log shows it. */
    record ContractSummary(BigDecimal arr, LocalDate renewalDate, String segment) {
    }

    private record Resolved(String externalId, Long ownerId, Long parentId, LifecycleStage stage) {
    }

    private Resolved resolve(AccountDraft draft, Account existing) {
        var problems = new InvalidInput.Collector();
        String externalId = draft.externalId() == null ? null : draft.externalId().trim();
        problems.externalId("externalId", draft.externalId());
        if (draft.name() == null || draft.name().isBlank()) {
            problems.add("name", "must not be empty");
        } else if (draft.name().trim().length() > 200) {
            problems.add("name", "must be at most 200 characters");
        }
        problems.maxLength("billingId", draft.billingId(), 100);
        problems.maxLength("productGroupId", draft.productGroupId(), 100);
        problems.maxLength("domain", draft.domain(), 200);
        problems.maxLength("industry", draft.industry(), 100);
        problems.maxLength("country", draft.country(), 100);
        Long ownerId = null;
        if (draft.owner() != null && !draft.owner().isBlank()) {
            Optional<User> owner = users.findByEmail(draft.owner());
            if (owner.isEmpty()) {
                problems.add("owner", "no user with email " + draft.owner().trim());
            } else if (existing != null && existing.owner() != null && existing.owner().id() == owner.get().id()) {
                // An owner who was disabled or made read-only since keeps what they own until it is given to someone.
                ownerId = owner.get().id();
            } else if (owner.get().cannotOwn("accounts") != null) {
                problems.add("owner", owner.get().cannotOwn("accounts"));
            } else {
                ownerId = owner.get().id();
            }
        }
        Long parentId = null;
        if (draft.parent() != null && !draft.parent().isBlank()) {
            Optional<Account> parent = findByExternalId(draft.parent().trim());
            if (parent.isEmpty()) {
                problems.add("parent", "no account with external id " + draft.parent().trim());
            } else if (existing != null && createsCycle(existing.id(), parent.get().id())) {
                problems.add("parent", "account " + parent.get().externalId()
                        + " is this account or one of its descendants; the hierarchy cannot loop");
            } else {
                parentId = parent.get().id();
            }
        }
        problems.throwIfAny();
        return new Resolved(externalId, ownerId, parentId,
                Objects.requireNonNullElse(draft.stage(), LifecycleStage.ONBOARDING));
    }

    private boolean createsCycle(long accountId, long parentId) {
        Long cursor = parentId;
        for (int depth = 0; cursor != null && depth < 100; depth++) {
            if (cursor == accountId) {
                return true;
            }
            cursor = jdbc.sql("select parent_id from account where id = ?").param(cursor).query(Long.class)
                    .optional().orElse(null);
        }
        return false;
    }

    private boolean sameAsDraft(Account account, AccountDraft draft) {
        return Objects.equals(account.externalId(), draft.externalId().trim())
                && Objects.equals(account.billingId(), blankToNull(draft.billingId()))
                && Objects.equals(account.productGroupId(), blankToNull(draft.productGroupId()))
                && Objects.equals(account.name(), draft.name() == null ? null : draft.name().trim())
                && Objects.equals(account.domain(), blankToNull(draft.domain()))
                && Objects.equals(account.industry(), blankToNull(draft.industry()))
                && Objects.equals(account.country(), blankToNull(draft.country()))
                && Objects.equals(account.owner() == null ? null : account.owner().email(),
                        draft.owner() == null || draft.owner().isBlank() ? null : draft.owner().trim().toLowerCase())
                && Objects.equals(account.parent() == null ? null : account.parent().externalId(),
                        blankToNull(draft.parent()))
                && account.stage() == Objects.requireNonNullElse(draft.stage(), LifecycleStage.ONBOARDING)
                && (draft.coverage() == null || account.coverage() == draft.coverage());
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static AccountHealth health(ResultSet rs) throws SQLException {
        String band = rs.getString("health_band");
        return band == null ? AccountHealth.UNSCORED : new AccountHealth(rs.getBigDecimal("health_score"), HealthBand.fromStored(band));
    }

    private static Account map(ResultSet rs) throws SQLException {
        long ownerId = rs.getLong("owner_id");
        Account.Owner owner = rs.wasNull() ? null
                : new Account.Owner(ownerId, rs.getString("owner_email"), rs.getString("owner_name"));
        long parentId = rs.getLong("parent_id");
        Account.Parent parent = rs.wasNull() ? null
                : new Account.Parent(parentId, rs.getString("parent_external_id"), rs.getString("parent_name"));
        Date renewal = rs.getDate("renewal_date");
        return new Account(rs.getLong("id"), rs.getString("external_id"), rs.getString("billing_id"),
                rs.getString("product_group_id"), rs.getString("name"), rs.getString("domain"),
                rs.getString("industry"), rs.getString("country"), owner, parent,
                LifecycleStage.valueOf(rs.getString("lifecycle_stage")),
                CoverageModel.valueOf(rs.getString("coverage_model")), rs.getString("segment"),
                rs.getBigDecimal("arr"), renewal == null ? null : renewal.toLocalDate(),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
