package org.lodestar.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.lodestar.errors.InvalidInput;
import org.lodestar.health.ChurnRisks;
import org.lodestar.health.ChurnWalkForward;
import org.lodestar.health.ClassifierMetrics;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", description = { "Trains the churn model on the book's own history, walk-forward (each date learns "
        + "only from outcomes known by then), stores the new version with its evaluation and scores today's book with it.",
        "The history is read on a fixed calendar, one date every 30 days; a past date's features are kept once read, so "
                + "later trainings read them back as the book knew them then (--reread-history reads them all again).",
        "Exit code 0; 2 when the history holds too few outcomes (saying how many it has and needs) or an option is wrong." })
class ModelTrainCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Option(names = "--horizon", description = "90 or 180 days (default: both)")
    Integer horizon;

    @Option(names = "--through", description = "The last day of history to learn from, YYYY-MM-DD (default: today)")
    LocalDate through;

    @Option(names = "--reread-history", description = "Read every past date's features again instead of the ones kept "
            + "from earlier trainings (after importing history the kept dates did not know)")
    boolean rereadHistory;

    @Override
    public Integer call() {
        List<Integer> horizons = horizon == null ? ChurnRisks.HORIZONS : List.of(horizon);
        int exit = 0;
        try (ConfigurableApplicationContext context = Instance.tool(database)) {
            ChurnRisks risks = context.getBean(ChurnRisks.class);
            if (rereadHistory) {
                risks.forgetKeptFeatures();
                System.out.println("Forgot the features kept for past dates: this training reads the whole history again.");
            }
            for (int h : horizons) {
                try {
                    print(risks.train(h, through, "command line", System.out::println));
                } catch (ChurnWalkForward.TooFewOutcomes e) {
                    System.err.println(e.getMessage());
                    exit = 2;
                } catch (InvalidInput e) {
                    System.err.println(e.getMessage());
                    return 2;
                }
            }
        }
        return exit;
    }

    private static void print(ChurnRisks.ModelVersion v) {
        ChurnWalkForward.Evaluation e = v.evaluation();
        System.out.println();
        System.out.printf(Locale.ROOT, "%d-day churn model, version %d: trained through %s on %d examples from %d dates, "
                + "%d churned or contracted%n", v.horizonDays(), v.version(), v.trainedThrough(), v.examples(), v.dates(),
                v.positives());
        if (e.auc() == null) {
            System.out.println("Walk-forward evaluation: none (" + e.note() + ")");
            return;
        }

        System.out.printf(Locale.ROOT, "Walk-forward evaluation on %d dates from %s to %s (%d account-dates, %.1f%% lost ARR):%n",
                e.dates().size(), e.dates().getFirst(), e.dates().getLast(), e.rows(), 100 * e.baseRate());
        System.out.printf(Locale.ROOT, "ROC AUC    %.3f  (95%% interval %.3f to %.3f, bootstrap over accounts)%n", e.auc(),
                e.aucInterval().low(), e.aucInterval().high());
        System.out.printf(Locale.ROOT, "Brier      %.4f  (always saying the base rate: %.4f)%n", e.brier(),
                e.baseRate() * (1 - e.baseRate()));
        System.out.printf(Locale.ROOT, "Log loss   %.4f%n", e.logLoss());
        if (e.note() != null) {
            System.out.println("Note: " + e.note());
        }
        List<String[]> calibration = new ArrayList<>();
        calibration.add(new String[] { "Predicted", "Rows", "Mean predicted", "Observed" });
        for (ClassifierMetrics.CalibrationBin bin : e.calibration()) {
            calibration.add(new String[] { String.format(Locale.ROOT, "%.1f-%.1f", bin.from(), bin.to()),
                    Integer.toString(bin.count()), String.format(Locale.ROOT, "%.3f", bin.meanPredicted()),
                    String.format(Locale.ROOT, "%.3f", bin.observedRate()) });
        }
        Table.print(calibration);
        System.out.println("Weightiest terms (log-odds of churn or contraction per standard deviation; per unit for "
                + "indicators)");
        List<String[]> weights = new ArrayList<>();
        weights.add(new String[] { "Term", "Weight" });
        v.weightiest().forEach(w -> weights.add(new String[] { w.term(), String.format(Locale.ROOT, "%+.3f", w.logOdds()) }));
        Table.print(weights);
    }
}
