package org.lodestar.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

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
        StringBuilder sql = new StringBuilder("select * from audit_event where 1 = 1");
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
        sql.append(" order by id desc limit ").append(query.limit());
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new AuditEvent(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                        Actor.Kind.valueOf(rs.getString("actor_kind")), rs.getString("actor_name"),
                        rs.getString("action"), rs.getString("entity_type"), rs.getString("entity_id"),
                        rs.getString("summary"), rs.getString("before_state"), rs.getString("after_state")))
                .list();
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
