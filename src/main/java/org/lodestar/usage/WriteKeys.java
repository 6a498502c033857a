package org.lodestar.usage;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import org.lodestar.audit.AuditLog;
import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.lodestar.infrastructure.Secrets;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The keys tracking sources send events with (Segment's "write key"), managed by admins and audited.
 * A key is random, shown once and stored hashed. Every request names its key, so keys found valid are
 * remembered for a few seconds; a revoked key stops working within that time even when another process
 * (the command line) revoked it.
 */
@Service
public class WriteKeys {

    static final String SECRET_PREFIX = "lwk_";
    private static final Duration REMEMBERED = Duration.ofSeconds(5);
    private static final RowMapper<WriteKey> ROW = (rs, n) -> new WriteKey(rs.getLong("id"), rs.getString("name"),
            rs.getString("key_prefix"), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant());

    private record Remembered(long id, Instant until) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<String, Remembered> valid = new ConcurrentHashMap<>();

    WriteKeys(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates a key for a source, e.g. "web app (production)". */
    @Transactional
    public IssuedWriteKey create(String name) {
        if (name == null || name.isBlank() || name.trim().length() > 100) {
            throw new InvalidInput("name", "must be 1 to 100 characters");
        }
        String secret = Secrets.random(SECRET_PREFIX);
        jdbc.sql("insert into write_key (name, key_hash, key_prefix, created_at) values (?, ?, ?, ?)")
                .params(name.trim(), Secrets.hash(secret), secret.substring(0, 10), Timestamp.from(clock.instant()))
                .update();
        long id = jdbc.sql("select id from write_key where key_hash = ?").param(Secrets.hash(secret))
                .query(Long.class).single();
        WriteKey key = get(id);
        audit.created("write-key", id, "Created write key '" + key.name() + "'", key);
        return new IssuedWriteKey(key, secret);
    }

    public List<WriteKey> list() {
        return jdbc.sql("select * from write_key order by id").query(ROW).list();
    }

    public WriteKey get(long id) {
        return jdbc.sql("select * from write_key where id = ?").param(id).query(ROW).optional()
                .orElseThrow(() -> new NotFound("write key " + id));
    }

    @Transactional
    public WriteKey revoke(long id) {
        WriteKey before = get(id);
        if (!before.active()) {
            return before;
        }
        jdbc.sql("update write_key set revoked_at = ? where id = ?").params(Timestamp.from(clock.instant()), id)
                .update();
        valid.clear();
        WriteKey after = get(id);
        audit.record("revoke", "write-key", id, "Revoked write key '" + after.name() + "'", before, after);
        return after;
    }

    /** The id of the active key with this secret, if there is one. */
    public OptionalLong authenticate(String secret) {
        Instant now = clock.instant();
        Remembered remembered = valid.get(secret);
        if (remembered != null && remembered.until().isAfter(now)) {
            return OptionalLong.of(remembered.id());
        }
        var found = jdbc.sql("select id from write_key where key_hash = ? and revoked_at is null")
                .param(Secrets.hash(secret)).query(Long.class).optional();
        if (found.isEmpty()) {
            valid.remove(secret);
            return OptionalLong.empty();
        }
        if (valid.size() > 1_000) {
            valid.clear();
        }
        valid.put(secret, new Remembered(found.get(), now.plus(REMEMBERED)));
        return OptionalLong.of(found.get());
    }
}
