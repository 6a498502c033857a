package org.lodestar.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model evaluate}'s pipeline on tables written here: a book where idle licences and a missing
 * sponsor drive churn, one where nothing does, and tables it must refuse, saying why.
 */
class ModelEvaluationTest {

    @TempDir
    Path dir;

    /**
     * 400 customers: utilisation falls with the row number's remainder, a quarter have no sponsor;
     * churned when utilisation is under 30% and either the sponsor is gone or the row is odd. Some
     * utilisation cells are blank.
     */
    private Path book() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("account,utilisation,sponsor,plan,churned");
        for (int i = 0; i < 400; i++) {
            int utilisation = (i * 37) % 100;
            String sponsor = i % 4 == 0 ? "gone" : "present";
            boolean churned = utilisation < 30 && (sponsor.equals("gone") || i % 2 == 1);
            lines.add("A-" + i + "," + (i % 50 == 7 ? "" : utilisation) + "," + sponsor + "," + (i % 3 == 0 ? "pro" : "team")
                    + "," + (churned ? "yes" : "no"));
        }
        return Files.write(dir.resolve("book.csv"), lines);
    }

    @Test
    void aTableWithSignalIsRankedAndExplained() throws IOException {
        FeatureTable table = FeatureTable.read(book(), "churned", "yes", "account");
        assertThat(table.columns()).containsExactly("utilisation", "sponsor", "plan");
        assertThat(table.numeric()).containsExactly(true, false, false);

        ModelEvaluation.Report report = ModelEvaluation.evaluate(table, 0.25, 5);
        assertThat(report.rows()).isEqualTo(400);
        assertThat(report.testRows() + report.trainingRows()).isEqualTo(400);
        assertThat(report.auc()).isGreaterThan(0.9);
        assertThat(report.aucInterval().low()).isLessThanOrEqualTo(report.auc());
        assertThat(report.shuffledLabelAuc()).as("no signal once labels are shuffled").isBetween(0.3, 0.7);
        assertThat(report.topFeatures().getFirst().feature()).as("utilisation or one of its bins").startsWith("utilisation");
        assertThat(report.topFeatures()).extracting(ModelEvaluation.Weight::feature).contains("utilisation=(missing)");
        assertThat(report.calibration().stream().mapToInt(ClassifierMetrics.CalibrationBin::count).sum())
                .isEqualTo(report.testRows());
        assertThat(ModelEvaluation.evaluate(table, 0.25, 5)).as("seeded: the same figures again").isEqualTo(report);
    }

    @Test
    void aNumericColumnThatActsInTheMiddleOfItsRangeIsFoundThroughItsBins() throws IOException {
        // Customers in their second year churn (tenure 12-23 months); newer and older ones stay. No straight
        // line in tenure separates them; the quantile bins do.
        List<String> lines = new ArrayList<>();
        lines.add("tenure,churned");
        for (int i = 0; i < 600; i++) {
            int tenure = (i * 37) % 60;
            lines.add(tenure + "," + (tenure >= 12 && tenure < 24 ? "yes" : "no"));
        }
        FeatureTable table = FeatureTable.read(Files.write(dir.resolve("tenure.csv"), lines), "churned", null, null);

        ModelEvaluation.Report report = ModelEvaluation.evaluate(table, 0.25, 3);
        assertThat(report.auc()).isGreaterThan(0.9);
        assertThat(report.topFeatures().getFirst().feature()).startsWith("tenure (bin ");
        assertThat(report.topFeatures().getFirst().weight()).as("the bin of the second year raises the odds").isPositive();
    }

    @Test
    void theSplitKeepsEachOutcomesShare() {
        boolean[] outcomes = new boolean[100];
        for (int i = 0; i < 20; i++) {
            outcomes[i * 5] = true;
        }
        List<Integer> training = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        ModelEvaluation.split(outcomes, 0.2, 3, training, test);
        assertThat(test).hasSize(20);
        assertThat(test.stream().filter(i -> outcomes[i]).count()).as("20% of the 20 churned").isEqualTo(4);
        assertThat(training).hasSize(80).doesNotContainAnyElementsOf(test);
    }

    @Test
    void unusableTablesAreRefusedSayingWhy() throws IOException {
        Path book = book();
        assertThatThrownBy(() -> FeatureTable.read(book, "Churn", null, null)).hasMessage(
                "book.csv: no column 'Churn' for --label; the columns are account, utilisation, sponsor, plan, churned");
        assertThatThrownBy(() -> FeatureTable.read(book, "churned", "maybe", null)).hasMessage("book.csv: churned must "
                + "hold exactly two values, one of them the positive one (--positive maybe); it holds no, yes");
        assertThat(FeatureTable.read(book, "churned", null, null).positive()).as("yes is the default").isEqualTo("yes");
        Path words = Files.writeString(dir.resolve("words.csv"), "a,status\n1,left\n2,stayed\n");
        assertThatThrownBy(() -> FeatureTable.read(words, "status", null, null)).hasMessage("words.csv: status must hold "
                + "exactly two values, one of them the positive one (name it with --positive); it holds left, stayed");
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "a,b,churned\n1,2,yes\n1,no\n");
        assertThatThrownBy(() -> FeatureTable.read(ragged, "churned", null, null))
                .hasMessage("ragged.csv:3: 2 cells, the header has 3");
        Path few = Files.writeString(dir.resolve("few.csv"), "a,churned\n1,yes\n2,no\n3,no\n");
        assertThatThrownBy(() -> ModelEvaluation.evaluate(FeatureTable.read(few, "churned", null, null), 0.2, 1))
                .hasMessageStartingWith("few.csv: too few rows of each outcome to judge a model");
        assertThatThrownBy(() -> FeatureTable.read(dir.resolve("absent.csv"), "churned", null, null))
                .hasMessageEndingWith("absent.csv: no such readable file");
    }
}
