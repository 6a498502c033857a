package org.lodestar.usage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import org.lodestar.errors.InvalidInput;
import org.lodestar.usage.internal.TrackingPayloads;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The usage a book holds, written out and read back in for a whole-book export: the tracked calls as {@code /v1/import}
 * batch bodies, one a line (each call as it was received, with its {@code messageId} and, as {@code timestamp}, the
 * moment it happened), and the imported daily counts. Calls read back go through the tracking API's own reading and
 * the event log, so they are tied to accounts and counted exactly as calls sent to {@code /v1/import} are.
 */
@Service
public class UsageHistory {

    /** Calls per batch line: well under the tracking API's 500 KB a request for calls of ordinary size. */
    static final int CALLS_A_LINE = 100;
    /** The write key that owns calls read back from an export; revoked at once, since nobody holds its secret. */
    public static final String IMPORT_KEY_NAME = "imported usage history";

    /** An imported daily count with the source it was imported from. */
    public record SourcedCount(String source, UsageImports.DailyCount count) {
    }

    /** What reading back an export's calls did. */
    public record Replayed(int lines, int received, int stored, int duplicates, int unattributed) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TrackingPayloads payloads;
    private final EventLog log;
    private final WriteKeys writeKeys;
    private final UsageRollups rollups;
    private final TransactionTemplate transactions;
    private final Clock clock;

    UsageHistory(JdbcClient jdbc, JsonMapper json, EventLog log, WriteKeys writeKeys, UsageRollups rollups,
            TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.payloads = new TrackingPayloads(json);
        this.log = log;
        this.writeKeys = writeKeys;
        this.rollups = rollups;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Writes every tracked call, those tied to an account and those still waiting for one, in the order they were
     * received, as batch lines; returns how many calls.
     */
    public int writeEvents(Writer out, IntConsumer progress) {
        List<ObjectNode> pending = new ArrayList<>();
        int[] written = { 0 };
        Consumer<String> flush = unused -> {
            if (pending.isEmpty()) {
                return;
            }
            ObjectNode line = json.createObjectNode();
            ArrayNode batch = line.putArray("batch");
            pending.forEach(batch::add);
            try {
                out.write(json.writeValueAsString(line));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            written[0] += pending.size();
            pending.clear();
            progress.accept(written[0]);
        };
        int[] bytes = { 0 };
        RowCallbackHandler row = rs -> {
            ObjectNode call = (ObjectNode) json.readTree(rs.getString("payload"));
            call.put("messageId", rs.getString("message_id"));
            call.put("timestamp", rs.getTimestamp("occurred_at").toInstant().toString());
            int size = rs.getString("payload").getBytes(StandardCharsets.UTF_8).length + 100;
            if (pending.size() == CALLS_A_LINE || bytes[0] + size > 400 * 1024) {
                flush.accept(null);
                bytes[0] = 0;
            }
            pending.add(call);
            bytes[0] += size;
        };
        jdbc.sql("""
                select message_id, occurred_at, received_at, payload, 0 as waiting, id from tracked_event
                union all
                select message_id, occurred_at, received_at, payload, 1 as waiting, id from unattributed_event
                order by received_at, waiting, id""").query(row);
        flush.accept(null);
        return written[0];
    }

    /** Every imported daily count, by source, account, day and feature. */
    public void forEachImportedCount(Consumer<SourcedCount> each) {
        jdbc.sql("select source, account_id, on_date, feature, events from imported_usage "
                + "order by source, account_id, on_date, feature").query((RowCallbackHandler) rs -> each.accept(
                        new SourcedCount(rs.getString("source"), new UsageImports.DailyCount(rs.getLong("account_id"),
                                rs.getObject("on_date", LocalDate.class), rs.getString("feature"), rs.getLong("events")))));
    }

    /**
     * Reads back a file of batch lines written by {@link #writeEvents}, all or nothing: every line is read and checked
     * first, and a bad one is refused naming its line ({@code line 12: batch[3].event: is required}) before anything is
     * stored; then the file is read again and stored in one transaction, a line at a time, so the calls of a large
     * book are never all in memory at once. The calls are stored under the write key {@value #IMPORT_KEY_NAME}, so
     * reading the same file again stores nothing new, and the rollups are brought up to date before this returns.
     */
    public Replayed readEvents(Path file, IntConsumer progress) throws IOException {
        Instant receivedAt = clock.instant();
        var problems = new InvalidInput.Collector();
        int[] batches = { 0 };
        forEachLine(file, (number, line) -> {
            try {
                payloads.read("import", line.getBytes(StandardCharsets.UTF_8), receivedAt);
                batches[0]++;
            } catch (TrackingRejected e) {
                problems.add("line " + number, e.getMessage());
            }
        });
        problems.throwIfAny();
        int[] totals = new int[4];
        transactions.executeWithoutResult(status -> {
            long key = importKey();
            int[] done = { 0 };
            try {
                forEachLine(file, (number, line) -> {
                    List<TrackedMessage> batch = payloads.read("import", line.getBytes(StandardCharsets.UTF_8),
                            receivedAt).messages();
                    EventLog.Appended appended = log.append(key, batch, receivedAt);
                    totals[0] += appended.received();
                    totals[1] += appended.stored();
                    totals[2] += appended.duplicates();
                    totals[3] += appended.unattributed();
                    done[0] += batch.size();
                    progress.accept(done[0]);
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        rollups.drain();
        return new Replayed(batches[0], totals[0], totals[1], totals[2], totals[3]);
    }

    /** A line of the file with its number, counted from 1. */
    private interface NumberedLine {
        void accept(int number, String line);
    }

    /** Each line of the file that is not blank; a byte that is not UTF-8 is invalid input naming its line. */
    private static void forEachLine(Path file, NumberedLine each) throws IOException {
        int number = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (!line.isBlank()) {
                    each.accept(number, line);
                }
            }
        } catch (CharacterCodingException e) {
            throw new InvalidInput("line " + (number + 1), "is not UTF-8 text; expected one JSON batch a line, in UTF-8");
        }
    }

    private long importKey() {
        return writeKeys.list().stream().filter(k -> k.name().equals(IMPORT_KEY_NAME)).mapToLong(WriteKey::id)
                .findFirst().orElseGet(() -> {
                    long id = writeKeys.create(IMPORT_KEY_NAME).key().id();
                    writeKeys.revoke(id);
                    return id;
                });
    }
}
