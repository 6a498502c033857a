package org.lodestar.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The public Telco churn table (7,043 customers) through {@code model evaluate}: the pipeline finds
 * its signal and finds none once the labels are shuffled. Skipped, saying why, where the table is absent.
 */
@Tag("slow")
class TelcoEvaluationTest {

    static final Path TELCO = Path.of(System.getProperty("lodestar.telco", System.getenv().getOrDefault(
            "LODESTAR_TELCO_CSV", "../shared/data/telco/Telco-Customer-Churn.csv")));

    @Test
    void theTelcoTableHasSignalAndShuffledLabelsHaveNone() {
        assumeTrue(Files.isReadable(TELCO), "Telco table not found at " + TELCO.toAbsolutePath()
                + " (set LODESTAR_TELCO_CSV=FILE)");
        ModelEvaluation.Report report = ModelEvaluation.evaluate(FeatureTable.read(TELCO, "Churn", null, "customerID"),
                0.2, 42);
        assertThat(report.rows()).isEqualTo(7043);
        assertThat(report.positive()).isEqualTo("Yes");
        assertThat(report.testRows()).isEqualTo(1409);
        assertThat(report.aucInterval().high()).as("published figures on this table: 0.84").isGreaterThan(0.84);
        assertThat(report.auc()).isGreaterThan(0.82);
        assertThat(report.shuffledLabelAuc()).isBetween(0.44, 0.56);
        assertThat(report.brier()).isLessThan(0.15);
    }
}
