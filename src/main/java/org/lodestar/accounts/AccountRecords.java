package org.lodestar.accounts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lodestar.audit.AuditLog;
import org.lodestar.errors.Conflict;
import org.lodestar.errors.NotFound;
import org.lodestar.infrastructure.IdLists;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * The life of a record an account owns and an outside system names by its external id (a support ticket, a survey
 * answer, an invoice): created, updated (and so moved to another account), upserted by external id, deleted. Each
 * change is checked, written, published as {@link AccountDataChanged} of the record's kind of fact and audited, in the
 * caller's transaction. A module keeps its own table, columns, checks and words; this is the shape they share.
 *
 * @param <R> the stored record
 * @param <D> what a person or an import says about one
 */
public abstract class AccountRecords<R extends AccountRecords.Owned<D>, D extends AccountRecords.Draft> {

    /** A stored record: its id, its account, its external id, and itself as a draft (to tell whether an upsert changes it). */
    public interface Owned<D> {

        long id();

        long accountId();

        String externalId();

        D asDraft();
    }

    /** What is said about a record: it names the record by its external id. */
    public interface Draft {

        String externalId();
    }

    /**
     * Who the records are: their table, the audit log's word for them ({@code support-ticket}), the kind of fact a
     * change is, and how a sentence names one ("A ticket", "Ticket").
     */
    public record Kind(String table, String auditType, AccountFact fact, String aRecord, String theRecord) {
    }

    protected final JdbcClient jdbc;
    protected final Accounts accounts;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Kind kind;

    protected AccountRecords(JdbcClient jdbc, Accounts accounts, AuditLog audit, ApplicationEventPublisher events, Kind kind) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.audit = audit;
        this.events = events;
        this.kind = kind;
    }

    /**
     * The records of these accounts, by account, each account's in {@code order} (an order-by list of the table's
     * columns): what a whole-book export reads a slice of the book at a time, a query per thousand accounts.
     */
    protected Map<Long, List<R>> byAccount(Collection<Long> accountIds, String order) {
        Map<Long, List<R>> byAccount = new LinkedHashMap<>();
        RowMapper<R> rows = rows();
        IdLists.inChunks(accountIds, (in, ids) -> jdbc.sql("select * from " + kind.table() + " where account_id" + in
                + " order by account_id, " + order).params(ids).query(rows).list()
                .forEach(r -> byAccount.computeIfAbsent(r.accountId(), k -> new ArrayList<>()).add(r)));
        return byAccount;
    }

    /** Reads a row of the table. */
    protected abstract RowMapper<R> rows();

    /** Checks a draft and returns it normalised, or throws InvalidInput naming every problem. */
    public abstract D validate(D draft);

    /** The columns a draft writes, after account_id, comma-separated. */
    protected abstract String columns();

    /** A normalised draft's values, in the order of {@link #columns()}. */
    protected abstract Object[] values(D clean);

    /** The audit log's sentence for a record added to the account. */
    protected abstract String createdMessage(R created, Account account);

    protected abstract String updatedMessage(R after);

    protected abstract String deletedMessage(R before);

    /** What the audit log keeps of a record (the record itself unless a module says otherwise). */
    protected Object audited(R record) {
        return record;
    }

    public R get(long id) {
        return jdbc.sql("select * from " + kind.table() + " where id = ?").param(id).query(rows()).optional()
                .orElseThrow(() -> new NotFound(kind.theRecord() + " " + id));
    }

    public Optional<R> findByExternalId(String externalId) {
        return jdbc.sql("select * from " + kind.table() + " where external_id = ?").param(externalId).query(rows()).optional();
    }

    @Transactional
    public R create(long accountId, D draft) {
        Account account = accounts.get(accountId);
        D clean = validate(draft);
        refuseTaken(clean.externalId());
        Object[] values = values(clean);
        Object[] params = new Object[values.length + 1];
        params[0] = accountId;
        System.arraycopy(values, 0, params, 1, values.length);
        jdbc.sql("insert into " + kind.table() + " (account_id, " + columns() + ") values (?" + ", ?".repeat(values.length) + ")")
                .params(params).update();
        R created = findByExternalId(clean.externalId()).orElseThrow();
        events.publishEvent(AccountDataChanged.of(kind.fact(), created.accountId()));
        audit.created(kind.auditType(), created.id(), createdMessage(created, account), audited(created));
        return created;
    }

    @Transactional
    public R update(long id, D draft) {
        R before = get(id);
        return update(before, before.accountId(), validate(draft));
    }

    private R update(R before, long accountId, D clean) {
        if (!clean.externalId().equals(before.externalId())) {
            refuseTaken(clean.externalId());
        }
        Object[] values = values(clean);
        Object[] params = new Object[values.length + 2];
        params[0] = accountId;
        System.arraycopy(values, 0, params, 1, values.length);
        params[params.length - 1] = before.id();
        jdbc.sql("update " + kind.table() + " set account_id = ?, " + columns().replace(",", " = ?,") + " = ? where id = ?")
                .params(params).update();
        R after = get(before.id());
        events.publishEvent(AccountDataChanged.of(kind.fact(), before.accountId(), after.accountId()));
        audit.updated(kind.auditType(), before.id(), updatedMessage(after), audited(before), audited(after));
        return after;
    }

    /**
     * Creates the record with the draft's external id, or updates it (also moving it to this account); an identical
     * draft changes nothing.
     */
    @Transactional
    public UpsertOutcome upsert(long accountId, D draft) {
        D clean = validate(draft);
        Optional<R> existing = findByExternalId(clean.externalId());
        if (existing.isEmpty()) {
            create(accountId, clean);
            return UpsertOutcome.CREATED;
        }
        R record = existing.get();
        if (record.accountId() == accountId && record.asDraft().equals(clean)) {
            return UpsertOutcome.UNCHANGED;
        }
        accounts.get(accountId);
        update(record, accountId, clean);
        return UpsertOutcome.UPDATED;
    }

    @Transactional
    public void delete(long id) {
        R before = get(id);
        jdbc.sql("delete from " + kind.table() + " where id = ?").param(id).update();
        events.publishEvent(AccountDataChanged.of(kind.fact(), before.accountId()));
        audit.deleted(kind.auditType(), id, deletedMessage(before), audited(before));
    }

    private void refuseTaken(String externalId) {
        if (findByExternalId(externalId).isPresent()) {
            throw new Conflict(kind.aRecord() + " with external id " + externalId + " already exists");
        }
    }
}
