package org.lodestar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code lodestar model evaluate}: its table, its JSON, and what it says of a file it cannot use. */
class ModelCommandTest {

    @TempDir
    Path dir;

    private Path table() throws IOException {
        List<String> lines = new ArrayList<>(List.of("id,logins,plan,left"));
        for (int i = 0; i < 300; i++) {
            int logins = (i * 53) % 120;
            lines.add("C" + i + "," + logins + "," + (i % 2 == 0 ? "pro" : "team") + "," + (logins < 30 ? "True" : "False"));
        }
        return Files.write(dir.resolve("export.csv"), lines);
    }

    @Test
    void printsTheFiguresAsATableAndAsJson() throws IOException {
        Path csv = table();
        CommandLineTest.Run table = CommandLineTest.execute("model", "evaluate", "--csv", csv.toString(), "--label",
                "left", "--id", "id", "--seed", "3");
        assertThat(table.status()).as(table.out()).isZero();
        assertThat(table.out()).contains("Model evaluation of export.csv: left = True is the outcome",
                "training 240, test 60 (stratified, seed 3)", "ROC AUC", "95% bootstrap interval", "Brier", "Log loss",
                "Shuffled", "Calibration (test rows)", "Weightiest features");

        CommandLineTest.Run json = CommandLineTest.execute("model", "evaluate", "--csv", csv.toString(), "--label", "left",
                "--id", "id", "--seed", "3", "--format", "json", "--test-fraction", "0.25");
        assertThat(json.status()).isZero();
        JsonNode report = JsonMapper.builder().build().readTree(json.out().substring(json.out().indexOf('{')));
        assertThat(report.get("testRows").asInt()).isEqualTo(75);
        assertThat(report.get("auc").asDouble()).isGreaterThan(0.9);
        assertThat(report.get("topFeatures").get(0).get("feature").asString()).startsWith("logins");
    }

    @Test
    void aFileItCannotUseIsExitCode2WithTheReason() throws IOException {
        Path csv = table();
        CommandLineTest.Run noLabel = CommandLineTest.execute("model", "evaluate", "--csv", csv.toString(), "--label",
                "churn");
        assertThat(noLabel.status()).isEqualTo(2);
        assertThat(noLabel.out()).contains("export.csv: no column 'churn' for --label; the columns are id, logins, plan, left");
        CommandLineTest.Run badFraction = CommandLineTest.execute("model", "evaluate", "--csv", csv.toString(), "--label",
                "left", "--test-fraction", "1.5");
        assertThat(badFraction.status()).isEqualTo(2);
        assertThat(badFraction.out()).contains("--test-fraction must lie between 0 and 1 (exclusive), got 1.5");
    }

    @Test
    void trainingABookWithoutHistoryIsExitCode2SayingWhatItNeeds() {
        CommandLineTest.Run run = CommandLineTest.execute("model", "train", "--data", dir.resolve("empty").toString(),
                "--horizon", "90", "--reread-history");
        assertThat(run.status()).as(run.out()).isEqualTo(2);
        assertThat(run.out()).contains("Forgot the features kept for past dates: this training reads the whole history again.")
                .contains("No history to train the 90-day churn model on").contains("at least 30 accounts that churned");
    }
}
