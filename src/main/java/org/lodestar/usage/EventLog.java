package org.lodestar.usage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import javax.sql.DataSource;

import org.lodestar.infrastructure.CopyText;
import org.lodestar.infrastructure.Databases;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The durable log of tracked calls. {@link #append} writes a request's calls in one transaction, so a
 * request answered 2xx is committed and a request that failed left nothing behind. A call counts once
 * per write key and message id: a retried request stores nothing new.
 * <p>
 * Each call is tied to an account: by its group (a group call's {@code groupId} or any call's
 * {@code context.groupId}), matched against the accounts' product group id and then their external id;
 * otherwise by the account its user was last tied to. Calls that cannot be tied yet wait in
 * {@code unattributed_event} and move over when their user is first tied to an account. On PostgreSQL
 * the calls are streamed in with COPY, elsewhere with batched inserts.
 */
@Service
public class EventLog {

    private static final String COLUMNS = "batch_id, write_key_id, message_id, type, event, module, user_key, "
            + "group_id, account_id, on_date, occurred_at, received_at, payload";
    private static final String UNIQUE_VIOLATION = "23505";
    /** The columns of a call's COPY line after its batch and account, in order. */
    private static final String LINE_COLUMNS = "write_key_id, message_id, type, event, module, user_key, group_id, "
            + "on_date, occurred_at, received_at, payload";
    private static final byte[] NO_ACCOUNT = "\\N\t".getBytes(StandardCharsets.US_ASCII);
    private static final String UNATTRIBUTED_COLUMNS = "write_key_id, message_id, type, event, module, user_key, "
            + "group_id, on_date, occurred_at, received_at, payload";

    /** What became of a request's calls. */
    public record Appended(int received, int stored, int duplicates, int unattributed) {
    }

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final boolean postgres;

    EventLog(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.postgres = Databases.isPostgres(dataSource);
    }

    /**
     * One request's calls, sent with a write key and received at an instant. On PostgreSQL
     * {@code copyLines} holds each call's COPY line but for its batch and account (see {@link #submission});
     * null means the calls are encoded when they are written.
     */
    public record Submission(long writeKeyId, List<TrackedMessage> messages, Instant receivedAt,
            List<byte[]> copyLines) {

        public Submission(long writeKeyId, List<TrackedMessage> messages, Instant receivedAt) {
            this(writeKeyId, messages, receivedAt, null);
        }
    }

    /**
     * A call with the account it is tied to (null while its user is not tied to one), and its COPY line
     * from the write key on.
     */
    private record Placed(TrackedMessage message, Long accountId, long writeKeyId, Instant receivedAt, byte[] line) {

        /** What makes a call the same call again: its message id under its write key. */
        String key() {
            return writeKeyId + "\u0000" + message.messageId();
        }
    }

    /**
     * A request's calls ready for {@link #appendAll}. On PostgreSQL each call's COPY line is encoded
     * here, in the thread of the request, so that the writer that all requests wait on only streams
     * bytes: the work that can run side by side is done side by side.
     */
    public Submission submission(long writeKeyId, List<TrackedMessage> messages, Instant receivedAt) {
        if (!postgres) {
            return new Submission(writeKeyId, messages, receivedAt);
        }
        List<byte[]> lines = new ArrayList<>(messages.size());
        CopyLines copyLines = new CopyLines(writeKeyId, receivedAt);
        for (TrackedMessage message : messages) {
            lines.add(copyLines.line(message));
        }
        return new Submission(writeKeyId, messages, receivedAt, lines);
    }

    @Transactional
    public Appended append(long writeKeyId, List<TrackedMessage> messages, Instant receivedAt) {
        return appendAll(List.of(new Submission(writeKeyId, messages, receivedAt)));
    }

    /**
     * Several requests' calls in one transaction, in order: one commit instead of one each, which is
     * how the tracking API writes what arrives at the same time.
     */
    @Transactional
    public Appended appendAll(List<Submission> submissions) {
        List<TrackedMessage> messages = new ArrayList<>();
        submissions.forEach(submission -> messages.addAll(submission.messages()));
        if (messages.isEmpty()) {
            return new Appended(0, 0, 0, 0);
        }
        Instant receivedAt = submissions.getFirst().receivedAt();
        Instant lastReceived = submissions.getLast().receivedAt();
        Set<String> groupIds = new LinkedHashSet<>();
        Set<String> userKeys = new LinkedHashSet<>();
        for (TrackedMessage message : messages) {
            if (message.groupId() != null) {
                groupIds.add(message.groupId());
            }
            userKeys.add(message.userKey());
        }
        Map<String, Long> groups = accountsOfGroups(groupIds);
        Map<String, Long> users = accountsOfUsers(userKeys);
        Map<String, Long> newlyTied = new LinkedHashMap<>();
        Map<String, String> traits = new LinkedHashMap<>();
        List<Placed> placed = new ArrayList<>(messages.size());
        for (Submission submission : submissions) {
            for (int i = 0; i < submission.messages().size(); i++) {
                TrackedMessage message = submission.messages().get(i);
                Long account = message.groupId() == null ? null : groups.get(message.groupId());
                Long known = users.get(message.userKey());
                if (account != null && (known == null || message.tiesUserToGroup()) && !account.equals(known)) {
                    users.put(message.userKey(), account);
                    newlyTied.put(message.userKey(), account);
                }
                if (message.traits() != null) {
                    traits.put(message.userKey(), message.traits());
                }
                placed.add(new Placed(message, account != null ? account : users.get(message.userKey()),
                        submission.writeKeyId(), submission.receivedAt(),
                        submission.copyLines() == null ? null : submission.copyLines().get(i)));
            }
        }
        long batch = newBatch(receivedAt);
        int stored;
        try {
            stored = postgres ? copy(batch, placed) : insert(batch, placed);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not store tracked calls: " + e.getMessage(), e);
        }
        int unattributed = (int) placed.stream().filter(p -> p.accountId() == null).count();
        try {
            tieUsers(newlyTied, traits, batch, lastReceived);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record tracked users: " + e.getMessage(), e);
        }
        return new Appended(messages.size(), stored, messages.size() - stored, unattributed);
    }

    private Map<String, Long> accountsOfGroups(Set<String> groupIds) {
        Map<String, Long> byProductGroup = new HashMap<>();
        Map<String, Long> byExternalId = new HashMap<>();
        if (!groupIds.isEmpty()) {
            lookUp("select id, product_group_id, external_id from account where product_group_id = any(?) "
                    + "or external_id = any(?)", groupIds, rs -> {
                        if (rs.getString("product_group_id") != null) {
                            byProductGroup.put(rs.getString("product_group_id"), rs.getLong("id"));
                        }
                        byExternalId.put(rs.getString("external_id"), rs.getLong("id"));
                    });
        }
        Map<String, Long> accounts = new HashMap<>();
        for (String group : groupIds) {
            Long account = byProductGroup.getOrDefault(group, byExternalId.get(group));
            if (account != null) {
                accounts.put(group, account);
            }
        }
        return accounts;
    }

    private Map<String, Long> accountsOfUsers(Set<String> userKeys) {
        Map<String, Long> accounts = new HashMap<>();
        lookUp("select user_key, account_id from tracked_user where user_key = any(?) and account_id is not null",
                userKeys, rs -> {
                    accounts.put(rs.getString("user_key"), rs.getLong("account_id"));
                });
        return accounts;
    }

    /**
     * Runs a query whose every {@code ?} is the array of these values, a row at a time. One array
     * instead of a parameter per value (a group commit looks up thousands). On PostgreSQL the statement
     * is planned with the values each time: only then is the array a constant PostgreSQL hashes once,
     * where a reused plan would walk it again for every row.
     */
    private void lookUp(String sql, Set<String> values, RowCallbackHandler row) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (postgres) {
                statement.unwrap(PGStatement.class).setPrepareThreshold(0);
            }
            Array array = connection.createArrayOf("varchar", values.toArray());
            long parameters = sql.chars().filter(c -> c == '?').count();
            for (int i = 1; i <= parameters; i++) {
                statement.setArray(i, array);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    row.processRow(rows);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look up the accounts of tracked calls: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private long newBatch(Instant receivedAt) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into ingest_batch (received_at) values (?)").param(Timestamp.from(receivedAt))
                .update(key, "id");
        return key.getKey().longValue();
    }

    /**
     * Records who is now tied to which account (and their latest traits), and moves their waiting
     * calls over to the account, into this batch so the rollups count them.
     */
    private void tieUsers(Map<String, Long> newlyTied, Map<String, String> traits, long batch, Instant at)
            throws SQLException {
        // In key order, so that concurrent requests touching the same users lock them in the same order.
        Set<String> touched = new TreeSet<>(newlyTied.keySet());
        touched.addAll(traits.keySet());
        if (touched.isEmpty()) {
            return;
        }
        Timestamp when = Timestamp.from(at);
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement insert = connection.prepareStatement("insert into tracked_user (user_key, account_id, "
                + "traits, updated_at) values (?, ?, ?, ?) on conflict do nothing");
                PreparedStatement update = connection.prepareStatement("update tracked_user set account_id = "
                        + "coalesce(?, account_id), traits = coalesce(?, traits), updated_at = ? where user_key = ?")) {
            for (String user : touched) {
                insert.setString(1, user);
                insert.setObject(2, newlyTied.get(user));
                insert.setString(3, traits.get(user));
                insert.setTimestamp(4, when);
                insert.addBatch();
                update.setObject(1, newlyTied.get(user));
                update.setString(2, traits.get(user));
                update.setTimestamp(3, when);
                update.setString(4, user);
                update.addBatch();
            }
            insert.executeBatch();
            update.executeBatch();
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        Set<String> waiting = newlyTied.isEmpty() ? Set.of() : new HashSet<>(jdbc.sql("select distinct user_key "
                + "from unattributed_event where user_key in (:users)").param("users", newlyTied.keySet())
                .query(String.class).list());
        for (Map.Entry<String, Long> tie : newlyTied.entrySet()) {
            if (!waiting.contains(tie.getKey())) {
                continue;
            }
            jdbc.sql("insert into tracked_event (" + COLUMNS + ") select ?, write_key_id, message_id, "
                    + "type, event, module, user_key, group_id, ?, on_date, occurred_at, received_at, payload "
                    + "from unattributed_event where user_key = ? on conflict do nothing")
                    .params(batch, tie.getValue(), tie.getKey()).update();
            jdbc.sql("delete from unattributed_event where user_key = ?").param(tie.getKey()).update();
        }
    }

    private int insert(long batch, List<Placed> placed) throws SQLException {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        // A request that repeats a message id must meet its own earlier call: then one statement per call.
        Set<String> ids = new HashSet<>();
        boolean batched = placed.stream().allMatch(p -> ids.add(p.key()));
        int stored = 0;
        try (PreparedStatement attributed = connection.prepareStatement("insert into tracked_event (" + COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing");
                PreparedStatement waiting = connection.prepareStatement("insert into unattributed_event ("
                        + UNATTRIBUTED_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")) {
            for (Placed p : placed) {
                TrackedMessage m = p.message();
                PreparedStatement statement = p.accountId() == null ? waiting : attributed;
                int i = 1;
                if (p.accountId() != null) {
                    statement.setLong(i++, batch);
                }
                statement.setLong(i++, p.writeKeyId());
                statement.setString(i++, m.messageId());
                statement.setString(i++, m.type());
                statement.setString(i++, m.event());
                statement.setString(i++, m.module());
                statement.setString(i++, m.userKey());
                statement.setString(i++, m.groupId());
                if (p.accountId() != null) {
                    statement.setLong(i++, p.accountId());
                }
                statement.setObject(i++, day(m));
                statement.setTimestamp(i++, Timestamp.from(m.occurredAt()));
                statement.setTimestamp(i++, Timestamp.from(p.receivedAt()));
                statement.setString(i, m.payload());
                if (batched) {
                    statement.addBatch();
                } else {
                    stored += statement.executeUpdate();
                }
            }
            if (batched) {
                stored += stored(attributed.executeBatch()) + stored(waiting.executeBatch());
            }
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        return stored;
    }

    private static int stored(int[] counts) {
        int stored = 0;
        for (int count : counts) {
            stored += count == java.sql.Statement.SUCCESS_NO_INFO ? 1 : count;
        }
        return stored;
    }

    /**
     * PostgreSQL. The usual request holds only calls never seen before, all tied to accounts: those are
     * streamed with COPY straight into tracked_event. When one of them is already stored (a retried
     * request, or the same call sent twice at once) the COPY fails on the unique key, is rolled back to
     * a savepoint, and the request takes the careful path instead: COPY into a temporary table, then
     * insert what is new from there. Looking the ids up first would cost every request what only
     * retries need.
     */
    private int copy(long batch, List<Placed> placed) throws SQLException, IOException {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (placed.stream().allMatch(p -> p.accountId() != null)) {
                Savepoint before = connection.setSavepoint();
                try {
                    int stored = copyNew(connection, batch, placed);
                    connection.releaseSavepoint(before);
                    return stored;
                } catch (SQLException e) {
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e;
                    }
                    connection.rollback(before);
                }
            }
            return copyThroughStaging(connection, batch, placed);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private int copyNew(Connection connection, long batch, List<Placed> placed) throws SQLException, IOException {
        // A call repeated within the request is written once; one stored by an earlier request fails the COPY.
        Set<String> seen = new HashSet<>();
        byte[] prefix = (batch + "\t").getBytes(StandardCharsets.US_ASCII);
        return copyLines(connection, "copy tracked_event (batch_id, account_id, " + LINE_COLUMNS + ") from stdin",
                placed, p -> seen.add(p.key()) ? prefix : null);
    }

    private int copyThroughStaging(Connection connection, long batch, List<Placed> placed)
            throws SQLException, IOException {
        try (var statement = connection.createStatement()) {
            statement.execute("""
                    create temporary table if not exists tracked_event_in (
                        write_key_id bigint, received_at timestamp with time zone, message_id varchar(200), type varchar(10), event varchar(200), module varchar(100),
                        user_key varchar(210), group_id varchar(200), account_id bigint, on_date date,
                        occurred_at timestamp with time zone, payload text) on commit delete rows""");
            // Emptied at commit, but a transaction may append several requests (the demo book does).
            statement.execute("truncate tracked_event_in");
        }
        byte[] none = new byte[0];
        copyLines(connection, "copy tracked_event_in (account_id, " + LINE_COLUMNS + ") from stdin", placed, p -> none);
        int stored = jdbc.sql("insert into tracked_event (" + COLUMNS + ") select ?, write_key_id, message_id, type, "
                + "event, module, user_key, group_id, account_id, on_date, occurred_at, received_at, payload "
                + "from tracked_event_in where account_id is not null on conflict do nothing")
                .param(batch).update();
        if (placed.stream().anyMatch(p -> p.accountId() == null)) {
            stored += jdbc.sql("insert into unattributed_event (" + UNATTRIBUTED_COLUMNS + ") select write_key_id, "
                    + "message_id, type, event, module, user_key, group_id, on_date, occurred_at, received_at, payload "
                    + "from tracked_event_in where account_id is null on conflict do nothing").update();
        }
        return stored;
    }

    /**
     * COPYs a line per call that {@code prefix} gives bytes for (null: skip the call): the prefix, the
     * call's account ({@code \N} when none), then its line from the write key on; returns the lines sent.
     */
    private static int copyLines(Connection connection, String sql, List<Placed> placed,
            Function<Placed, byte[]> prefix) throws SQLException, IOException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        Map<Long, byte[]> accounts = new HashMap<>();
        int written = 0;
        try (OutputStream out = new PGCopyOutputStream(copy, 1 << 16)) {
            for (Placed p : placed) {
                byte[] start = prefix.apply(p);
                if (start == null) {
                    continue;
                }
                out.write(start);
                out.write(p.accountId() == null ? NO_ACCOUNT : accounts.computeIfAbsent(p.accountId(),
                        id -> (id + "\t").getBytes(StandardCharsets.US_ASCII)));
                out.write(p.line() != null ? p.line()
                        : new CopyLines(p.writeKeyId(), p.receivedAt()).line(p.message()));
                written++;
            }
        } catch (IOException e) {
            // PGCopyOutputStream reports the server's refusal as an IOException.
            if (e.getCause() instanceof SQLException refused) {
                throw refused;
            }
            throw e;
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        return written;
    }

    /**
     * COPY lines of one request's calls from the write key to the payload ({@link #LINE_COLUMNS}), newline
     * included, in UTF-8. Calls of a batch often share their instant, so the last one's text is kept.
     */
    private static final class CopyLines {

        private final StringBuilder line = new StringBuilder(512);
        private final String writeKeyId;
        private final String receivedAt;
        private Instant occurred;
        private String occurredText;

        CopyLines(long writeKeyId, Instant receivedAt) {
            this.writeKeyId = Long.toString(writeKeyId);
            this.receivedAt = receivedAt.toString();
        }

        byte[] line(TrackedMessage m) {
            if (!m.occurredAt().equals(occurred)) {
                occurred = m.occurredAt();
                occurredText = day(m) + "\t" + occurred + "\t";
            }
            line.setLength(0);
            line.append(writeKeyId).append('\t');
            CopyText.field(line, m.messageId()).append('\t');
            CopyText.field(line, m.type()).append('\t');
            CopyText.field(line, m.event()).append('\t');
            CopyText.field(line, m.module()).append('\t');
            CopyText.field(line, m.userKey()).append('\t');
            CopyText.field(line, m.groupId()).append('\t');
            line.append(occurredText).append(receivedAt).append('\t');
            CopyText.field(line, m.payload()).append('\n');
            return line.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Usage is counted by UTC day. */
    static LocalDate day(TrackedMessage message) {
        return LocalDate.ofInstant(message.occurredAt(), ZoneOffset.UTC);
    }
}
