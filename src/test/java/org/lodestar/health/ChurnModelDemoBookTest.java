package org.lodestar.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.LodestarTest;
import org.lodestar.demo.SeededDemoBook;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * The churn model trained walk-forward on the generated demo book (seed 42), whose renewals follow warning signs
 * written into its data: the signs are found on dates the model had not seen (docs/model.md has the measured figures).
 */
@Tag("slow")
@LodestarTest
class ChurnModelDemoBookTest {

    @LocalServerPort
    int port;
    /** The seed-42 book, shared with the other tests that read it (a generation takes half a minute or more). */
    @Autowired
    SeededDemoBook seeded;
    @Autowired
    ChurnRisks risks;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Backtest backtest;
    @Autowired
    HealthConfiguration configuration;

    @BeforeEach
    void setUp() {
        // No model, risks or snapshots from before: the training below starts from the book alone.
        jdbc.sql("delete from churn_risk").update();
        jdbc.sql("delete from churn_model").update();
        jdbc.sql("delete from churn_snapshot").update();
        jdbc.sql("delete from churn_snapshot_date").update();
    }

    @Test
    void theModelFindsTheDemoBooksWarningSignsOnDatesItHadNotSeen() {
        seeded.get();

        ChurnRisks.ModelVersion version = risks.train(90, null, "test", line -> { });

        ChurnWalkForward.Evaluation evaluation = version.evaluation();
        assertThat(version.positives()).isGreaterThanOrEqualTo(ChurnWalkForward.MIN_OUTCOMES);
        assertThat(evaluation.dates()).isNotEmpty().allSatisfy(d -> assertThat(d.plusDays(90)).isBeforeOrEqualTo(risks.today()));
        assertThat(evaluation.auc()).as("walk-forward AUC").isGreaterThan(0.75);
        assertThat(evaluation.aucInterval().low()).isGreaterThan(0.6);
        assertThat(evaluation.brier()).as("Brier, against always saying the base rate")
                .isLessThan(evaluation.baseRate() * (1 - evaluation.baseRate()) * 1.1);

        List<ChurnRisks.RankedRisk> ranked = risks.ranked(90);
        assertThat(ranked).isNotEmpty();
        ChurnRisks.RankedRisk top = ranked.getFirst();
        JsonNode risk = new ApiClient(port, LodestarTest.ADMIN_TOKEN).get("/api/accounts/" + top.accountId() + "/churn-risk").json();
        assertThat(risk.get("horizons").get(0).get("expectedArrAtRisk").decimalValue()).isEqualByComparingTo(top.expectedArrAtRisk());
        double sum = 0;
        for (JsonNode c : risk.get("horizons").get(0).get("contributions")) {
            sum += Math.abs(c.get("logOdds").asDouble());
        }
        assertThat(sum).as("the weightiest contributions explain something").isGreaterThan(0.1);

        // The backtest compares the scorecards and the model on the same account-dates, each figure recomputable from the pairs.
        LocalDate last = risks.today().minusDays(90);
        BacktestReport report = backtest.run(last.minusDays(180), last, 90, 60,
                List.of(new Backtest.Candidate("active", configuration.scorecards())), true, line -> { });
        assertThat(report.results()).extracting(BacktestReport.Result::label).containsExactly("active", Backtest.MODEL);
        BacktestReport.Result cards = report.results().get(0);
        BacktestReport.Result model = report.results().get(1);
        assertThat(model.pairs()).extracting(p -> p.accountId() + "@" + p.day())
                .containsExactlyInAnyOrderElementsOf(cards.pairs().stream().map(p -> p.accountId() + "@" + p.day()).toList());
        assertThat(model.total().auc()).as("model AUC on the backtest").isGreaterThan(new java.math.BigDecimal("0.75"));
        assertThat(model.total().auc()).isEqualByComparingTo(BacktestFigures.auc(model.pairs()));
        assertThat(model.total().brier()).isNotNull();
        assertThat(cards.total().brier()).as("a score is no probability").isNull();
        assertThat(model.total().reliability().stream().mapToInt(BacktestFigures.ReliabilityRow::pairs).sum())
                .isEqualTo(model.pairs().size());
    }
}
