package org.lodestar.health.internal;

import org.lodestar.health.Band;
import org.lodestar.health.CriticalCondition;
import org.lodestar.health.HealthScore;
import org.lodestar.health.MeasureDefinition;
import org.lodestar.health.MeasureInput;
import org.lodestar.health.MeasureResult;
import org.lodestar.health.ScorecardDefinition;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import javax.sql.DataSource;

import org.lodestar.infrastructure.CopyText;
import org.lodestar.infrastructure.Databases;
import org.lodestar.infrastructure.IdLists;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/** Current scores and snapshots in SQL; the explanation kept as compact JSON (see V5__health.sql). */
@Repository
public class HealthStore {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final int BATCH = 2000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final DataSource dataSource;
    private final boolean postgres;

    HealthStore(JdbcClient jdbc, JdbcTemplate template, DataSource dataSource) {
        this.jdbc = jdbc;
        this.template = template;
        this.dataSource = dataSource;
        this.postgres = Databases.isPostgres(dataSource);
    }

    /**
     * A stored score: the explanation still encoded, decoded only when someone reads it.
     *
     * @param inputs the raw input values it was computed from (StoredInputs), kept with the current score
     *        so that a change rescores from what changed; null in the history
     */
    public record Stored(long accountId, LocalDate asOf, Instant takenAt, BigDecimal score, Band band, String scorecard,
            String version, String measures, String inputs) {

        public HealthScore decode(Function<String, ScorecardDefinition> scorecards) {
            return new HealthScore(score, band, scorecard, version, asOf, HealthStore.decode(measures,
                    scorecards.apply(scorecard)));
        }
    }

    public Map<Long, Stored> current(Collection<Long> accountIds) {
        Map<Long, Stored> found = new HashMap<>();
        String sql = "select account_id, as_of, computed_at as taken_at, score, band, scorecard, version, measures, inputs "
                + "from account_health";
        if (accountIds == null) {
            jdbc.sql(sql).query(rs -> {
                Stored s = stored(rs, rs.getString("inputs"));
                found.put(s.accountId(), s);
            });
            return found;
        }
        IdLists.inChunks(accountIds, (in, params) -> jdbc.sql(sql + " where account_id" + in).params(params).query(rs -> {
            Stored s = stored(rs, rs.getString("inputs"));
            found.put(s.accountId(), s);
        }));
        return found;
    }

    public Optional<Stored> current(long accountId) {
        return Optional.ofNullable(current(List.of(accountId)).get(accountId));
    }

    /** A stored score read from a row; {@code inputs} only for the current score (the history does not keep them). */
    private static Stored stored(java.sql.ResultSet rs, String inputs) throws SQLException {
        return new Stored(rs.getLong("account_id"), rs.getObject("as_of", LocalDate.class),
                rs.getTimestamp("taken_at").toInstant(), rs.getBigDecimal("score"), Band.valueOf(rs.getString("band")),
                rs.getString("scorecard"), rs.getString("version"), rs.getString("measures"), inputs);
    }

    /**
     * Replaces current scores (when {@code replaceCurrent}) and appends their snapshots with the given
     * causes; a score without a cause (the same score, its inputs moved) gets no snapshot. PostgreSQL: one COPY into a staging table, then one upsert and one insert from it; H2: batches.
     */
    public void write(List<Stored> scores, Map<Long, String> causes, boolean replaceCurrent) {
        if (scores.isEmpty()) {
            return;
        }
        if (postgres) {
            copyAndMerge(scores, causes, replaceCurrent);
            return;
        }
        for (int i = 0; i < scores.size(); i += BATCH) {
            List<Stored> chunk = scores.subList(i, Math.min(scores.size(), i + BATCH));
            if (replaceCurrent) {
                template.batchUpdate("merge into account_health (account_id, as_of, computed_at, score, band, scorecard, "
                        + "version, measures, inputs) key (account_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", chunk.stream()
                                .map(s -> new Object[] { s.accountId(), s.asOf(), Timestamp.from(s.takenAt()), s.score(),
                                        s.band().name(), s.scorecard(), s.version(), s.measures(), s.inputs() }).toList());
            }
            template.batchUpdate("insert into health_snapshot (account_id, as_of, taken_at, score, band, scorecard, version, "
                    + "cause, measures) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", chunk.stream()
                    .filter(s -> causes.get(s.accountId()) != null).map(s -> new Object[] {
                            s.accountId(), s.asOf(), Timestamp.from(s.takenAt()), s.score(), s.band().name(), s.scorecard(),
                            s.version(), causes.get(s.accountId()), s.measures() }).toList());
        }
    }

    private void copyAndMerge(List<Stored> scores, Map<Long, String> causes, boolean replaceCurrent) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("create temporary table if not exists health_in (account_id bigint, as_of date, "
                        + "taken_at timestamp with time zone, score numeric(4, 1), band varchar(10), scorecard varchar(60), "
                        + "version varchar(60), cause varchar(10), measures text, inputs text) on commit delete rows");
                statement.execute("truncate health_in");
            }
            CopyText.copyIn(connection, "copy health_in from stdin", scores, (line, s) -> {
                line.append(s.accountId()).append('\t').append(s.asOf()).append('\t').append(s.takenAt()).append('\t')
                        .append(s.score() == null ? "\\N" : s.score().toPlainString()).append('\t').append(s.band().name())
                        .append('\t');
                CopyText.field(line, s.scorecard()).append('\t');
                CopyText.field(line, s.version()).append('\t');
                CopyText.field(line, causes.get(s.accountId())).append('\t');
                CopyText.field(line, s.measures()).append('\t');
                CopyText.field(line, s.inputs()).append('\n');
                return true;
            });
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not write " + scores.size() + " health scores", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        if (replaceCurrent) {
            jdbc.sql("insert into account_health (account_id, as_of, computed_at, score, band, scorecard, version, measures, "
                    + "inputs) select account_id, as_of, taken_at, score, band, scorecard, version, measures, inputs from health_in "
                    + "on conflict (account_id) do update set as_of = excluded.as_of, computed_at = excluded.computed_at, "
                    + "score = excluded.score, band = excluded.band, scorecard = excluded.scorecard, version = excluded.version, "
                    + "measures = excluded.measures, inputs = excluded.inputs").update();
        }
        jdbc.sql("insert into health_snapshot (account_id, as_of, taken_at, score, band, scorecard, version, cause, measures) "
                + "select account_id, as_of, taken_at, score, band, scorecard, version, cause, measures from health_in "
                + "where cause is not null").update();
    }

    /**
     * The inputs each current score computed on the day was read from, of the accounts not marked due since (whose
     * inputs are still as stored): account id to StoredInputs text.
     */
    public Map<Long, String> inputsScoredOn(LocalDate day) {
        Map<Long, String> inputs = new HashMap<>();
        jdbc.sql("select h.account_id, h.inputs from account_health h where h.as_of = ? and h.inputs is not null and not exists "
                + "(select 1 from health_rescore_due d where d.account_id = h.account_id)").param(day)
                .query(rs -> {
                    inputs.put(rs.getLong(1), rs.getString(2));
                });
        return inputs;
    }

    /** Removes the current score of churned accounts among these (null: the whole book). */
    public void dropChurned(Collection<Long> accountIds) {
        String sql = "delete from account_health where account_id in (select id from account where lifecycle_stage = 'CHURNED')";
        if (accountIds == null) {
            jdbc.sql(sql).update();
            return;
        }
        IdLists.inChunks(accountIds, (in, params) -> jdbc.sql(sql + " and account_id" + in).params(params).update());
    }

    /** Counts a recompute or rescore, in its transaction: what was computed from the book before it may no longer hold. */
    public void countRecompute() {
        jdbc.sql("update health_recompute_count set recomputes = recomputes + 1 where id = 1").update();
    }

    /** The recomputes and rescores counted so far. */
    public long recomputes() {
        return jdbc.sql("select recomputes from health_recompute_count where id = 1").query(Long.class).single();
    }

    /** Whether any account waits for a rescore: a change to the book that the scores (and the count) do not follow yet. */
    public boolean rescoreDue() {
        return jdbc.sql("select count(*) from (select 1 from health_rescore_due limit 1) due").query(Long.class).single() > 0;
    }

    /** The last snapshot on or before the date. */
    public Optional<Stored> snapshotOn(long accountId, LocalDate day) {
        return jdbc.sql("select account_id, as_of, taken_at, score, band, scorecard, version, measures from health_snapshot "
                + "where account_id = ? and as_of <= ? order by as_of desc, id desc limit 1").params(accountId, day)
                .query((rs, n) -> stored(rs, null)).optional();
    }

    /** The score each day from {@code from} to {@code to}: the day's last snapshot. */
    public List<Stored> daily(long accountId, LocalDate from, LocalDate to) {
        List<Stored> rows = jdbc.sql("select account_id, as_of, taken_at, score, band, scorecard, version, '' as measures "
                + "from health_snapshot where account_id = ? and as_of between ? and ? order by as_of, id")
                .params(accountId, from, to).query((rs, n) -> stored(rs, null)).list();
        Map<LocalDate, Stored> lastOfDay = new java.util.LinkedHashMap<>();
        rows.forEach(r -> lastOfDay.put(r.asOf(), r));
        return List.copyOf(lastOfDay.values());
    }

    public void deleteAll() {
        jdbc.sql("delete from account_health").update();
        jdbc.sql("delete from health_snapshot").update();
    }

    public void deleteHistory(LocalDate day) {
        jdbc.sql("delete from health_snapshot where cause = 'history' and as_of = ?").param(day).update();
    }

    public static String encode(List<MeasureResult> measures) {
        ArrayNode all = JSON.createArrayNode();
        for (MeasureResult m : measures) {
            ArrayNode row = all.addArray();
            row.add(m.key()).add(m.input().label()).add(m.windowDays()).add(m.value())
                    .add(m.observedOn() == null ? null : m.observedOn().toString()).add(m.subScore()).add(m.weight())
                    .add(m.share()).add(m.contribution()).add(m.missing() ? 1 : 0).add(m.policy());
        }
        return JSON.writeValueAsString(all);
    }

    public static List<MeasureResult> decode(String text, ScorecardDefinition scorecard) {
        List<MeasureResult> measures = new ArrayList<>();
        for (JsonNode row : JSON.readTree(text)) {
            String key = row.get(0).asString();
            MeasureInput input = org.lodestar.infrastructure.Labels.parse(MeasureInput.class, row.get(1).asString());
            String label = scorecard == null ? key : scorecard.measures().stream().filter(m -> m.key().equals(key))
                    .map(MeasureDefinition::label).findFirst().orElseGet(() -> scorecard.critical().stream()
                            .filter(c -> c.key().equals(key)).map(CriticalCondition::label).findFirst().orElse(key));
            measures.add(new MeasureResult(key, label, input.group(), input, row.get(2).asInt(), decimal(row.get(3)),
                    row.get(4).isNull() ? null : LocalDate.parse(row.get(4).asString()), decimal(row.get(5)),
                    decimal(row.get(6)), decimal(row.get(7)), decimal(row.get(8)), row.get(9).asInt() == 1,
                    row.get(10).isNull() ? null : row.get(10).asString()));
        }
        return measures;
    }

    private static BigDecimal decimal(JsonNode node) {
        return node == null || node.isNull() ? null : node.decimalValue();
    }
}
