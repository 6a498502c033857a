package org.lodestar.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads the audit log. Callers record inside their own transaction, so a change and
 * its audit entry commit or roll back together.
 */
@Service
public class AuditLog {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public void created(String entityType, Object entityId, String summary, Object after) {
        record("create", entityType, entityId, summary, null, after);
    }

    public void updated(String entityType, Object entityId, String summary, Object before, Object after) {
        record("update", entityType, entityId, summary, before, after);
    }

    public void deleted(String entityType, Object entityId, String summary, Object before) {
        record("delete", entityType, entityId, summary, before, null);
    }

    /**
     * Records one change by the current actor. An update whose before and after serialise the same
     * is not a change and is not recorded.
     */
    public void record(String action, String entityType, Object entityId, String summary, Object before, Object after) {
        String beforeJson = before == null ? null : json.writeValueAsString(before);
        String afterJson = after == null ? null : json.writeValueAsString(after);
        if (before != null && after != null && Objects.equals(beforeJson, afterJson)) {
            return;
        }
        Actor actor = Actors.current();
        jdbc.sql("""
                insert into audit_event (occurred_at, actor_kind, actor_name, action, entity_type, entity_id,
                                         summary, before_state, after_state)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(clock.instant()), actor.kind().name(), actor.name(), action,
                        entityType, String.valueOf(entityId), truncate(summary, 400), beforeJson, afterJson)
                .update();
    }

    public List<AuditEvent> find(AuditQuery query) {
        Where where = where(query);
        return jdbc.sql("select " + COLUMNS + " from audit_event" + where.sql() + " order by id desc limit " + query.limit())
                .params(where.params()).query((rs, n) -> read(rs)).list();
    }

    /**
     * Every entry the query's filters match, newest first, whatever its limit, handed over one at a time as they are
     * read (a few hundred rows fetched at once), so a log of any length is exported without holding it all.
     */
    @Transactional(readOnly = true)
    public void each(AuditQuery query, Consumer<AuditEvent> out) {
        Where where = where(query);
        jdbc.sql("select " + COLUMNS + " from audit_event" + where.sql() + " order by id desc").withFetchSize(STREAMED_AT_ONCE)
                .params(where.params()).query((RowCallbackHandler) rs -> out.accept(read(rs)));
    }

    /**
     * One page of the entries the query matches, newest first: those older than {@code olderThan}, or the oldest
     * {@code query.limit()} newer than {@code newerThan} (an id of a page shown before), or the newest of all. Pages are
     * marked by ids, not offsets, so a change recorded while someone reads does not shift the page under them.
     */
    public List<AuditEvent> page(AuditQuery query, Long olderThan, Long newerThan) {
        Where where = where(query);
        List<Object> params = new ArrayList<>(where.params());
        if (newerThan != null) {
            params.add(newerThan);
            List<AuditEvent> ascending = jdbc.sql("select " + COLUMNS + " from audit_event" + where.sql()
                    + " and id > ? order by id limit " + query.limit()).params(params).query((rs, n) -> read(rs)).list();
            return ascending.reversed();
        }
        String older = "";
        if (olderThan != null) {
            params.add(olderThan);
            older = " and id < ?";
        }
        return jdbc.sql("select " + COLUMNS + " from audit_event" + where.sql() + older + " order by id desc limit "
                + query.limit()).params(params).query((rs, n) -> read(rs)).list();
    }

    /** How many entries the query's filters match, whatever its limit. */
    public long count(AuditQuery query) {
        Where where = where(query);
        return jdbc.sql("select count(*) from audit_event" + where.sql()).params(where.params()).query(Long.class).single();
    }

    /** Whether any entry the filters match has an id in the direction asked: older (lower) or newer (higher). */
    public boolean anyBeyond(AuditQuery query, long id, boolean older) {
        Where where = where(query);
        List<Object> params = new ArrayList<>(where.params());
        params.add(id);
        return jdbc.sql("select count(*) from (select id from audit_event" + where.sql() + (older ? " and id < ?" : " and id > ?")
                + " limit 1) beyond").params(params).query(Long.class).single() > 0;
    }

    /** Rows fetched per round trip when the log is streamed (PostgreSQL streams within a transaction only). */
    private static final int STREAMED_AT_ONCE = 500;

    private static final String COLUMNS = "id, occurred_at, actor_kind, actor_name, action, entity_type, entity_id, "
            + "summary, before_state, after_state";

    private record Where(String sql, List<Object> params) {
    }

    private static Where where(AuditQuery query) {
        StringBuilder sql = new StringBuilder(" where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (query.entityType() != null) {
            sql.append(" and entity_type = ?");
            params.add(query.entityType());
        }
        if (query.entityId() != null) {
            sql.append(" and entity_id = ?");
            params.add(query.entityId());
        }
        if (query.actor() != null) {
            sql.append(" and lower(actor_name) like ?");
            params.add("%" + query.actor().toLowerCase() + "%");
        }
        if (query.from() != null) {
            sql.append(" and occurred_at >= ?");
            params.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            sql.append(" and occurred_at < ?");
            params.add(Timestamp.from(query.to()));
        }
        return new Where(sql.toString(), params);
    }

    private static AuditEvent read(ResultSet rs) throws SQLException {
        return new AuditEvent(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                Actor.Kind.valueOf(rs.getString("actor_kind")), rs.getString("actor_name"), rs.getString("action"),
                rs.getString("entity_type"), rs.getString("entity_id"), rs.getString("summary"),
                rs.getString("before_state"), rs.getString("after_state"));
    }

    /** The kinds of things the log has entries for, for filters. */
    public List<String> entityTypes() {
        return jdbc.sql("select distinct entity_type from audit_event order by entity_type").query(String.class).list();
    }

    public long count() {
        return jdbc.sql("select count(*) from audit_event").query(Long.class).single();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
