package org.lodestar.health.internal;

import java.sql.Timestamp;

import org.lodestar.health.ChurnModel;
import org.lodestar.health.ChurnWalkForward;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;

import javax.sql.DataSource;

import org.lodestar.infrastructure.CopyText;
import org.lodestar.infrastructure.Databases;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The churn model's versions with their evaluation, and the risks each scored: tables churn_model and churn_risk. */
@Repository
public class ChurnModels {

    /** A stored model version. */
    public record Version(long id, int horizonDays, Instant trainedAt, LocalDate trainedThrough, String trainedBy, int dates,
            int examples, int positives, ChurnModel model, ChurnWalkForward.Evaluation evaluation) {

        /** The share of training examples that churned or contracted within the horizon. */
        public double trainingRate() {
            return examples == 0 ? 0 : (double) positives / examples;
        }
    }

    /** An account's risk as a model version scored it on a day. */
    public record Risk(long modelId, long accountId, LocalDate asOf, BigDecimal probability, BigDecimal arr, BigDecimal arrAtRisk,
            List<ChurnModel.Contribution> contributions) {
    }

    private static final TypeReference<List<ChurnModel.Contribution>> CONTRIBUTIONS = new TypeReference<>() {
    };
    private static final String VERSION_COLUMNS = "id, horizon_days, trained_at, trained_through, trained_by, dates, examples, "
            + "positives, model, evaluation";
    private static final String RISK_COLUMNS = "model_id, account_id, as_of, probability, arr, arr_at_risk, contributions";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    private final JdbcTemplate template;
    private final DataSource dataSource;
    private final boolean postgres;

    ChurnModels(JdbcClient jdbc, JdbcTemplate template, JsonMapper json, DataSource dataSource) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
        this.dataSource = dataSource;
        this.postgres = Databases.isPostgres(dataSource);
    }

    public long save(ChurnWalkForward.Trained trained, Instant at, String by) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into churn_model (horizon_days, trained_at, trained_through, trained_by, dates, examples, positives, "
                + "model, evaluation) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(trained.model().horizonDays(), at.atOffset(ZoneOffset.UTC), trained.trainedThrough(), by, trained.dates(),
                        trained.examples(), trained.positives(), json.writeValueAsString(trained.model()),
                        json.writeValueAsString(trained.evaluation()))
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    /** The version in force for the horizon: the latest trained. */
    public Optional<Version> latest(int horizonDays) {
        return jdbc.sql("select " + VERSION_COLUMNS + " from churn_model where horizon_days = ? order by id desc limit 1")
                .param(horizonDays).query(this::version).optional();
    }

    /** When the version in force for the horizon was trained; empty when none was. */
    public Optional<Instant> trainedAt(int horizonDays) {
        return jdbc.sql("select trained_at from churn_model where horizon_days = ? order by id desc limit 1")
                .param(horizonDays).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    /** Every version, newest first. */
    public List<Version> versions() {
        return jdbc.sql("select " + VERSION_COLUMNS + " from churn_model order by id desc").query(this::version).list();
    }

    /** Replaces what the version had scored with these risks, and drops those of the horizon's older versions. */
    @Transactional
    public void replaceRisks(long modelId, List<Risk> risks) {
        jdbc.sql("delete from churn_risk where model_id = ?").param(modelId).update();
        // Only the version in force is read: an older version of the horizon keeps its evaluation, not its risks
        // (100,000 rows a version would otherwise pile up with every retraining).
        jdbc.sql("delete from churn_risk where model_id in (select id from churn_model where id < ? and horizon_days = "
                + "(select horizon_days from churn_model where id = ?))").params(modelId, modelId).update();
        if (postgres) {
            // Written out on every processor first: the copy itself is one stream.
            Map<Long, String> contributions = risks.parallelStream()
                    .collect(Collectors.toConcurrentMap(Risk::accountId, r -> json.writeValueAsString(r.contributions())));
            CopyText.copyIn(dataSource, "copy churn_risk (" + RISK_COLUMNS + ") from stdin", risks, (line, r) -> {
                line.append(modelId).append('\t').append(r.accountId()).append('\t').append(r.asOf()).append('\t')
                        .append(r.probability().toPlainString()).append('\t').append(r.arr().toPlainString()).append('\t')
                        .append(r.arrAtRisk().toPlainString()).append('\t');
                CopyText.field(line, contributions.get(r.accountId())).append('\n');
                return true;
            }, "store " + risks.size() + " churn risks of model version " + modelId);
            return;
        }
        template.batchUpdate("insert into churn_risk (" + RISK_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)", risks, 1000,
                (statement, r) -> {
                    statement.setLong(1, modelId);
                    statement.setLong(2, r.accountId());
                    statement.setObject(3, r.asOf());
                    statement.setBigDecimal(4, r.probability());
                    statement.setBigDecimal(5, r.arr());
                    statement.setBigDecimal(6, r.arrAtRisk());
                    statement.setString(7, json.writeValueAsString(r.contributions()));
                });
    }

    public Optional<Risk> risk(long modelId, long accountId) {
        return jdbc.sql("select " + RISK_COLUMNS + " from churn_risk where model_id = ? and account_id = ?")
                .params(modelId, accountId).query(this::risk).optional();
    }

    /** What the version scored, most ARR at risk first. */
    public List<Risk> risks(long modelId) {
        return jdbc.sql("select " + RISK_COLUMNS + " from churn_risk where model_id = ? order by arr_at_risk desc, account_id")
                .param(modelId).query(this::risk).list();
    }

    private Version version(ResultSet rs, int row) throws SQLException {
        return new Version(rs.getLong(1), rs.getInt(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                rs.getObject(4, LocalDate.class), rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getInt(8),
                json.readValue(rs.getString(9), ChurnModel.class),
                json.readValue(rs.getString(10), ChurnWalkForward.Evaluation.class));
    }

    private Risk risk(ResultSet rs, int row) throws SQLException {
        return new Risk(rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDate.class), rs.getBigDecimal(4), rs.getBigDecimal(5),
                rs.getBigDecimal(6), json.readValue(rs.getString(7), CONTRIBUTIONS));
    }
}
