package org.lodestar.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.lodestar.health.ClassifierMetrics;
import org.lodestar.health.FeatureTable;
import org.lodestar.health.ModelEvaluation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "model", description = "The churn model.", subcommands = { ModelCommand.Evaluate.class,
        ModelTrainCommand.class })
class ModelCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "evaluate", description = { "Runs the churn model's pipeline on any CSV of features with a yes/no "
            + "outcome (a warehouse export, say): stratified split, logistic regression, ROC AUC with its bootstrap "
            + "interval, Brier score, log loss, calibration and the weightiest features.",
            "Exit code 0, or 2 when the file cannot be used (saying why)." })
    static class Evaluate implements Callable<Integer> {

        @Option(names = "--csv", required = true, description = "The CSV file, with a header row")
        Path csv;
        @Option(names = "--label", required = true, description = "The column holding the outcome")
        String label;
        @Option(names = "--positive", description = "The outcome value that means churned (default: Yes, 1 or true)")
        String positive;
        @Option(names = "--id", description = "A column identifying the row, left out of the features")
        String id;
        @Option(names = "--test-fraction", defaultValue = "0.2", description = "Share of rows held out for testing "
                + "(default 0.2)")
        double testFraction;
        @Option(names = "--seed", defaultValue = "42", description = "Seed of the split, the training and the bootstrap "
                + "(default 42)")
        long seed;
        @Option(names = "--format", defaultValue = "table", description = "table or json")
        String format;

        @Override
        public Integer call() {
            if (!format.equals("table") && !format.equals("json")) {
                System.err.println("--format: expected table or json, got '" + format + "'");
                return 2;
            }
            ModelEvaluation.Report report;
            try {
                System.err.println("Reading " + csv + " ...");
                FeatureTable table = FeatureTable.read(csv, label, positive, id);
                System.err.println("Training on " + Math.round(table.size() * (1 - testFraction)) + " rows and scoring "
                        + "the rest, then the same with shuffled labels, and " + ModelEvaluation.RESAMPLES + " bootstrap resamples ...");
                report = ModelEvaluation.evaluate(table, testFraction, seed);
            } catch (FeatureTable.Unusable e) {
                System.err.println(e.getMessage());
                return 2;
            }
            if (format.equals("json")) {
                System.out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(report));
            } else {
                print(report);
            }
            return 0;
        }

        private static void print(ModelEvaluation.Report r) {
            System.out.printf(Locale.ROOT, "Model evaluation of %s: %s = %s is the outcome%n", r.source(), r.label(),
                    r.positive());
            System.out.printf(Locale.ROOT, "Rows %d (%.1f%% %s); training %d, test %d (stratified, seed %d)%n", r.rows(),
                    100 * r.positiveRate(), r.positive(), r.trainingRows(), r.testRows(), r.seed());
            System.out.printf(Locale.ROOT, "Model: %s on %d features from %d numeric and %d categorical columns%n",
                    r.model(), r.features(), r.numericColumns(), r.categoricalColumns());
            System.out.println();
            System.out.printf(Locale.ROOT, "ROC AUC    %.3f  (95%% bootstrap interval %.3f to %.3f, %d resamples)%n",
                    r.auc(), r.aucInterval().low(), r.aucInterval().high(), ModelEvaluation.RESAMPLES);
            System.out.printf(Locale.ROOT, "Brier      %.4f%n", r.brier());
            System.out.printf(Locale.ROOT, "Log loss   %.4f%n", r.logLoss());
            System.out.printf(Locale.ROOT, "Shuffled   %.3f  (ROC AUC of the same pipeline with every label shuffled: "
                    + "what no signal looks like)%n", r.shuffledLabelAuc());
            System.out.println();
            System.out.println("Calibration (test rows)");
            List<String[]> calibration = new ArrayList<>();
            calibration.add(new String[] { "Predicted", "Rows", "Mean predicted", "Observed" });
            for (ClassifierMetrics.CalibrationBin bin : r.calibration()) {
                calibration.add(new String[] { String.format(Locale.ROOT, "%.1f-%.1f", bin.from(), bin.to()),
                        Integer.toString(bin.count()), String.format(Locale.ROOT, "%.3f", bin.meanPredicted()),
                        String.format(Locale.ROOT, "%.3f", bin.observedRate()) });
            }
            Table.print(calibration);
            System.out.println();
            System.out.println("Weightiest features (log-odds of " + r.positive() + "; numeric per standard deviation)");
            List<String[]> weights = new ArrayList<>();
            weights.add(new String[] { "Feature", "Weight" });
            r.topFeatures().forEach(w -> weights.add(new String[] { w.feature(),
                    String.format(Locale.ROOT, "%+.3f", w.weight()) }));
            Table.print(weights);
        }
    }
}
