package org.lodestar.revenue;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.lodestar.accounts.Account;
import org.lodestar.accounts.AccountDataChanged;
import org.lodestar.accounts.AccountFact;
import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.UpsertOutcome;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.audit.AuditLog;
import org.lodestar.cluster.ClusterLocks;
import org.lodestar.errors.Conflict;
import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Subscriptions and their line items. Every change is audited and refreshes the account's ARR,
 * renewal date and segment.
 */
@Service
public class Subscriptions {

    static final String DEFAULT_MODULE = "core";
    /** Transaction resource: the accounts whose ledger to bring up to date at commit. */
    private static final Object LEDGER_PENDING = new Object();

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Accounts accounts;
    private final Clock clock;
    private final ArrLedger ledger;

    private final ApplicationEventPublisher events;
    private final ClusterLocks locks;
    private final TransactionTemplate transactions;

    Subscriptions(JdbcClient jdbc, AuditLog audit, Accounts accounts, Clock clock, ArrLedger ledger, ApplicationEventPublisher events,
            ClusterLocks locks, TransactionTemplate transactions) {
        this.events = events;
        this.locks = locks;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.audit = audit;
        this.accounts = accounts;
        this.clock = clock;
        this.ledger = ledger;
    }

    public List<Subscription> listForAccount(long accountId) {
        accounts.get(accountId);
        return load("s.account_id = ?", accountId, "s.start_date desc, s.id desc");
    }

    /**
     * Every subscription of the book with its line items, by account, each account's as {@link #listForAccount(long)}
     * gives them: what a whole-book export reads, in two queries.
     */
    public Map<Long, List<Subscription>> byAccount() {
        Map<Long, List<Subscription>> byAccount = new LinkedHashMap<>();
        load("true", List.of(), "s.account_id, s.start_date desc, s.id desc")
                .forEach(s -> byAccount.computeIfAbsent(s.accountId(), k -> new ArrayList<>()).add(s));
        return byAccount;
    }

    public Subscription get(long id) {
        return find(id).orElseThrow(() -> new NotFound("Subscription " + id));
    }

    public Optional<Subscription> findByExternalId(String externalId) {
        return jdbc.sql("select id from subscription where external_id = ?").param(externalId).query(Long.class)
                .optional().flatMap(this::find);
    }

    private Optional<Subscription> find(long id) {
        return load("s.id = ?", id, "s.id").stream().findFirst();
    }

    /** Subscriptions matching one condition, with their line items: two queries whatever the count. */
    private List<Subscription> load(String condition, long value, String order) {
        return load(condition, List.of(value), order);
    }

    private List<Subscription> load(String condition, List<Object> params, String order) {
        Map<Long, List<LineItem>> items = new HashMap<>();
        jdbc.sql("select li.* from line_item li join subscription s on s.id = li.subscription_id where " + condition
                + " order by li.start_date, li.plan, li.module, li.id")
                .params(params)
                .query((rs, n) -> items.computeIfAbsent(rs.getLong("subscription_id"), k -> new ArrayList<>())
                        .add(new LineItem(rs.getLong("id"), rs.getString("plan"), rs.getString("module"),
                                rs.getInt("seats"), rs.getBigDecimal("arr").setScale(2),
                                rs.getDate("start_date").toLocalDate(), localDate(rs.getDate("end_date")))))
                .list();
        return jdbc.sql("select s.* from subscription s where " + condition + " order by " + order).params(params)
                .query((rs, n) -> new Subscription(rs.getLong("id"), rs.getString("external_id"),
                        rs.getLong("account_id"), rs.getBoolean("auto_renew"), rs.getDate("start_date").toLocalDate(),
                        localDate(rs.getDate("end_date")), List.copyOf(items.getOrDefault(rs.getLong("id"), List.of()))))
                .list();
    }

    @Transactional
    public Subscription create(long accountId, SubscriptionDraft draft) {
        Account account = accounts.get(accountId);
        SubscriptionDraft clean = validate(draft);
        if (findByExternalId(clean.externalId()).isPresent()) {
            throw new Conflict("A subscription with external id " + clean.externalId() + " already exists");
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into subscription (external_id, account_id, auto_renew, start_date, end_date, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(clean.externalId(), accountId, clean.autoRenew(), Date.valueOf(clean.startDate()),
                        sqlDate(clean.endDate()), now, now)
                .update();
        Subscription created = findByExternalId(clean.externalId()).orElseThrow();
        insertItems(created.id(), clean.lineItems());
        created = get(created.id());
        events.publishEvent(AccountDataChanged.of(AccountFact.CONTRACTS, created.accountId()));
        audit.created("subscription", created.id(),
                "Added subscription " + created.externalId() + " to " + account.name(), created);
        contractsChanged(accountId);
        return created;
    }

    /** Replaces the subscription with the draft; a draft that says what is stored writes and audits nothing. */
    @Transactional
    public Subscription update(long id, SubscriptionDraft draft) {
        return update(id, draft, null);
    }

    /** A contract of an account; not found when it is another account's, so that an address cannot reach across. */
    public Subscription getForAccount(long accountId, long id) {
        Subscription contract = get(id);
        if (contract.accountId() != accountId) {
            throw new NotFound("Subscription " + id + " of account " + accountId);
        }
        return contract;
    }

    /** The contract's start, end (null: open) and auto-renewal; line items on its old term follow the new one. */
    @Transactional
    public Subscription changeTerm(long id, LocalDate start, LocalDate end, boolean autoRenew) {
        Subscription before = get(id);
        return update(id, ContractEdits.withTerm(before, start, end, autoRenew),
                "Changed the term of subscription " + before.externalId() + ": " + term(before.startDate(), before.endDate())
                        + " → " + term(start, end) + (before.autoRenew() == autoRenew ? ""
                                : autoRenew ? ", now renewing automatically" : ", no longer renewing automatically"));
    }

    /** One more line item; without dates it runs for the contract's term. */
    @Transactional
    public Subscription addLineItem(long id, SubscriptionDraft.Item item) {
        Subscription before = get(id);
        return update(id, ContractEdits.withItem(before, item), "Added " + item.plan() + " · "
                + (item.module() == null || item.module().isBlank() ? DEFAULT_MODULE : item.module().trim())
                + " to subscription " + before.externalId() + ": " + item.seats() + " seats, ARR " + plain(item.arr()));
    }

    /**
     * A line item's plan, module, seats or ARR from a day on: an expansion or contraction on that day (from its
     * first day, a correction of what was recorded).
     */
    @Transactional
    public Subscription changeLineItem(long id, long itemId, SubscriptionDraft.Item changed, LocalDate from) {
        Subscription before = get(id);
        LineItem item = ContractEdits.item(before, itemId);
        return update(id, ContractEdits.withItemChanged(before, itemId, changed, from), "Changed " + item.plan() + " · "
                + item.module() + " of subscription " + before.externalId() + " from " + from + ": " + item.seats()
                + " → " + changed.seats() + " seats, ARR " + plain(item.arr()) + " → " + plain(changed.arr()));
    }

    /** A line item ends on a day (its last day the one before): kept, so its ARR stays in the history. */
    @Transactional
    public Subscription endLineItem(long id, long itemId, LocalDate on) {
        Subscription before = get(id);
        LineItem item = ContractEdits.item(before, itemId);
        return update(id, ContractEdits.withItemEnded(before, itemId, on), "Ended " + item.plan() + " · "
                + item.module() + " of subscription " + before.externalId() + " on " + on + ": " + item.seats()
                + " seats, ARR " + plain(item.arr()));
    }

    /** An external id no subscription has: {@code base} itself, or with -2, -3… after it. */
    public String freeExternalId(String base) {
        String stem = base.length() > 90 ? base.substring(0, 90) : base;
        String candidate = stem;
        for (int n = 2; findByExternalId(candidate).isPresent(); n++) {
            candidate = stem + "-" + n;
        }
        return candidate;
    }

    private Subscription update(long id, SubscriptionDraft draft, String summary) {
        Subscription before = get(id);
        SubscriptionDraft clean = validate(draft);
        if (!clean.externalId().equals(before.externalId()) && findByExternalId(clean.externalId()).isPresent()) {
            throw new Conflict("A subscription with external id " + clean.externalId() + " already exists");
        }
        if (sameAs(before, clean)) {
            // Rewriting it would give its line items new ids and the audit a change that is none.
            return before;
        }
        jdbc.sql("""
                update subscription set external_id = ?, auto_renew = ?, start_date = ?, end_date = ?, updated_at = ?
                where id = ?""")
                .params(clean.externalId(), clean.autoRenew(), Date.valueOf(clean.startDate()),
                        sqlDate(clean.endDate()), Timestamp.from(clock.instant()), id)
                .update();
        jdbc.sql("delete from line_item where subscription_id = ?").param(id).update();
        insertItems(id, clean.lineItems());
        Subscription after = get(id);
        events.publishEvent(AccountDataChanged.of(AccountFact.CONTRACTS, before.accountId(), after.accountId()));
        audit.updated("subscription", id, summary != null ? summary : "Updated subscription " + after.externalId(),
                withoutItemIds(before),
                withoutItemIds(after));
        contractsChanged(before.accountId());
        return after;
    }

    /** Creates or replaces the subscription with the draft's external id; an identical draft changes nothing. */
    @Transactional
    public UpsertOutcome upsert(long accountId, SubscriptionDraft draft) {
        SubscriptionDraft clean = validate(draft);
        Optional<Subscription> existing = findByExternalId(clean.externalId());
        if (existing.isEmpty()) {
            create(accountId, clean);
            return UpsertOutcome.CREATED;
        }
        Subscription current = existing.get();
        if (current.accountId() != accountId) {
            throw new InvalidInput("account", "subscription " + clean.externalId()
                    + " belongs to another account (id " + current.accountId() + ")");
        }
        if (sameAs(current, clean)) {
            return UpsertOutcome.UNCHANGED;
        }
        update(current.id(), clean);
        return UpsertOutcome.UPDATED;
    }

    @Transactional
    public void delete(long id) {
        Subscription before = get(id);
        jdbc.sql("delete from line_item where subscription_id = ?").param(id).update();
        jdbc.sql("delete from renewal_call where subscription_id = ?").param(id).update();
        jdbc.sql("delete from subscription where id = ?").param(id).update();
        events.publishEvent(AccountDataChanged.of(AccountFact.CONTRACTS, before.accountId()));
        audit.deleted("subscription", id, "Deleted subscription " + before.externalId(), before);
        contractsChanged(before.accountId());
    }

    /**
     * Brings the account's ARR today and renewal date up to date, and its ledger too: at commit, once per
     * account, so that a transaction adding a whole contract history (an import, the demo) records the
     * history, not every intermediate state with its reversals.
     */
    private void contractsChanged(long accountId) {
        refreshSummary(accountId);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            followLedger(accountId);
            return;
        }
        @SuppressWarnings("unchecked")
        Set<Long> pending = (Set<Long>) TransactionSynchronizationManager.getResource(LEDGER_PENDING);
        if (pending == null) {
            Set<Long> accountsToFollow = new LinkedHashSet<>();
            TransactionSynchronizationManager.bindResource(LEDGER_PENDING, accountsToFollow);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    accountsToFollow.forEach(Subscriptions.this::followLedger);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(LEDGER_PENDING);
                }
            });
            pending = accountsToFollow;
        }
        pending.add(accountId);
    }

    private void followLedger(long accountId) {
        ledger.follow(accountId, load("s.account_id = ?", accountId, "s.start_date, s.id"));
    }

    /** Contracts loaded before the ledger existed get their movements at start-up, on one node. */
    @EventListener(ApplicationReadyEvent.class)
    void followUnledgeredAccountsOnStart() {
        locks.runOnce("ledger-follow-on-start", Duration.ofMinutes(30), Duration.ZERO,
                () -> transactions.executeWithoutResult(tx -> followUnledgeredAccounts()));
    }

    /** Gives the contracts of accounts without ledger movements theirs. */
    @Transactional
    public void followUnledgeredAccounts() {
        List<Long> missing = ledger.accountsNotYetFollowed();
        if (!missing.isEmpty()) {
            Actors.runAs(Actor.system(), () -> missing.forEach(this::followLedger));
        }
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** Recomputes one account's ARR today and next renewal date from its line items. */
    @Transactional
    public void refreshSummary(long accountId) {
        LocalDate today = today();
        Date day = Date.valueOf(today);
        BigDecimal arr = jdbc.sql("""
                select coalesce(sum(li.arr), 0) from line_item li join subscription s on s.id = li.subscription_id
                where s.account_id = ? and li.start_date <= ? and (li.end_date is null or li.end_date > ?)""")
                .params(accountId, day, day).query(BigDecimal.class).single();
        LocalDate renewal = jdbc.sql("""
                select min(li.end_date) from line_item li join subscription s on s.id = li.subscription_id
                where s.account_id = ? and li.start_date <= ? and li.end_date > ?""")
                .params(accountId, day, day).query(Date.class).optional().map(Date::toLocalDate).orElse(null);
        accounts.recordContractSummary(accountId, arr, renewal);
    }

    /** Contracts start and end as days pass: refresh every account's summary each night, on one node. */
    @Scheduled(cron = "${lodestar.contracts.refresh-cron:0 5 0 * * *}", zone = "UTC")
    void refreshAllSummariesNightly() {
        locks.runOnce("contracts-nightly-refresh", Duration.ofHours(2), Duration.ofMinutes(5),
                () -> transactions.executeWithoutResult(tx -> refreshAllSummaries()));
    }

    /** Refreshes every account's ARR today and next renewal date. */
    @Transactional
    public void refreshAllSummaries() {
        Actors.runAs(Actor.automation("nightly contract refresh"),
                () -> jdbc.sql("select id from account").query(Long.class).list().forEach(this::refreshSummary));
    }

    /** Checks a draft and returns it normalised: dates filled in, module defaulted, amounts at two decimals. */
    public SubscriptionDraft validate(SubscriptionDraft draft) {
        var problems = new InvalidInput.Collector();
        String externalId = draft.externalId() == null ? null : draft.externalId().trim();
        problems.externalId("externalId", draft.externalId());
        if (draft.startDate() == null) {
            problems.add("startDate", "required, as YYYY-MM-DD");
        }
        withinContractDays(problems, "startDate", draft.startDate());
        withinContractDays(problems, "endDate", draft.endDate());
        if (draft.startDate() != null && draft.endDate() != null && !draft.endDate().isAfter(draft.startDate())) {
            problems.add("endDate", "must be after startDate " + draft.startDate() + ", got " + draft.endDate());
        }
        if (draft.lineItems() == null || draft.lineItems().isEmpty()) {
            problems.add("lineItems", "a subscription needs at least one line item");
        }
        List<SubscriptionDraft.Item> items = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        List<SubscriptionDraft.Item> given = draft.lineItems() == null ? List.of() : draft.lineItems();
        for (int i = 0; i < given.size(); i++) {
            SubscriptionDraft.Item item = given.get(i);
            String at = "lineItems[" + i + "].";
            if (item == null) {
                problems.add("lineItems[" + i + "]", "must not be null");
                continue;
            }
            if (item.plan() == null || item.plan().isBlank() || item.plan().length() > 100) {
                problems.add(at + "plan", "must be 1 to 100 characters");
            }
            if (item.module() != null && item.module().trim().length() > 100) {
                problems.add(at + "module", "must be at most 100 characters");
            }
            if (item.seats() == null || item.seats() < 0) {
                problems.add(at + "seats", "expected a whole number of 0 or more, got " + item.seats());
            }
            if (item.arr() == null || item.arr().signum() < 0) {
                problems.add(at + "arr", "expected an amount of 0 or more, got " + item.arr());
            } else if (item.arr().stripTrailingZeros().scale() > 2) {
                problems.add(at + "arr", "expected at most 2 decimals (cents), got " + item.arr().toPlainString());
            } else if (item.arr().compareTo(new BigDecimal("999999999999")) > 0) {
                problems.add(at + "arr", "is larger than any contract Lodestar accepts (999,999,999,999)");
            }
            LocalDate start = item.startDate() != null ? item.startDate() : draft.startDate();
            LocalDate end = item.endDate() != null ? item.endDate() : draft.endDate();
            // A line item's day that is the subscription's is named once, as the subscription's.
            if (!Objects.equals(start, draft.startDate())) {
                withinContractDays(problems, at + "startDate", start);
            }
            if (!Objects.equals(end, draft.endDate())) {
                withinContractDays(problems, at + "endDate", end);
            }
            if (start != null && draft.startDate() != null && start.isBefore(draft.startDate())) {
                problems.add(at + "startDate", "must not be before the subscription's start " + draft.startDate());
            }
            if (end != null && draft.endDate() != null && end.isAfter(draft.endDate())) {
                problems.add(at + "endDate", "must not be after the subscription's end " + draft.endDate());
            }
            if (start != null && end != null && !end.isAfter(start)) {
                problems.add(at + "endDate", "must be after its start " + start + ", got " + end);
            }
            String module = item.module() == null || item.module().isBlank() ? DEFAULT_MODULE : item.module().trim();
            if (item.plan() != null && !keys.add(item.plan().trim() + "|" + module + "|" + start)) {
                problems.add(at + "plan", "plan " + item.plan().trim() + " / module " + module + " starting " + start
                        + " appears twice; combine the seats and ARR into one line");
            }
            // An amount with more than cents is already a problem above; it is kept as sent until the throw below.
            BigDecimal arr = item.arr() == null || item.arr().stripTrailingZeros().scale() > 2 ? item.arr()
                    : item.arr().setScale(2);
            items.add(new SubscriptionDraft.Item(item.plan() == null ? null : item.plan().trim(), module, item.seats(),
                    arr, start, end));
        }
        problems.throwIfAny();
        return new SubscriptionDraft(externalId, draft.startDate(), draft.endDate(),
                Objects.requireNonNullElse(draft.autoRenew(), false), items);
    }

    private static void withinContractDays(InvalidInput.Collector problems, String field, LocalDate day) {
        String problem = ContractDays.problem(day);
        if (problem != null) {
            problems.add(field, problem);
        }
    }

    private void insertItems(long subscriptionId, List<SubscriptionDraft.Item> items) {
        for (SubscriptionDraft.Item item : items) {
            jdbc.sql("""
                    insert into line_item (subscription_id, plan, module, seats, arr, start_date, end_date)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(subscriptionId, item.plan(), item.module(), item.seats(), item.arr(),
                            Date.valueOf(item.startDate()), sqlDate(item.endDate()))
                    .update();
        }
    }

    private static boolean sameAs(Subscription current, SubscriptionDraft draft) {
        if (!current.externalId().equals(draft.externalId()) || current.autoRenew() != draft.autoRenew()
                || !current.startDate().equals(draft.startDate())
                || !Objects.equals(current.endDate(), draft.endDate())) {
            return false;
        }
        Map<String, SubscriptionDraft.Item> wanted = new LinkedHashMap<>();
        draft.lineItems().forEach(i -> wanted.put(i.plan() + "|" + i.module() + "|" + i.startDate(), i));
        if (wanted.size() != current.lineItems().size()) {
            return false;
        }
        for (LineItem item : current.lineItems()) {
            SubscriptionDraft.Item other = wanted.get(item.plan() + "|" + item.module() + "|" + item.startDate());
            if (other == null || other.seats() != item.seats() || other.arr().compareTo(item.arr()) != 0
                    || !Objects.equals(other.endDate(), item.endDate())) {
                return false;
            }
        }
        return true;
    }

    private static Subscription withoutItemIds(Subscription s) {
        return new Subscription(s.id(), s.externalId(), s.accountId(), s.autoRenew(), s.startDate(), s.endDate(),
                s.lineItems().stream().map(i -> new LineItem(0, i.plan(), i.module(), i.seats(), i.arr(),
                        i.startDate(), i.endDate())).toList());
    }

    private static String term(LocalDate start, LocalDate end) {
        return start + " to " + (end == null ? "open" : end);
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? "none" : (amount.scale() < 2 ? amount.setScale(2) : amount).toPlainString();
    }

    private static Date sqlDate(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }

    private static LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
