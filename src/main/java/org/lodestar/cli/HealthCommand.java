package org.lodestar.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.lodestar.errors.InvalidInput;
import org.lodestar.health.Backtest;
import org.lodestar.health.BacktestFigures;
import org.lodestar.health.BacktestReport;
import org.lodestar.health.Calibration;
import org.lodestar.health.DryRun;
import org.lodestar.health.HealthConfiguration;
import org.lodestar.health.HealthScores;
import org.lodestar.health.Recompute;
import org.lodestar.health.ScorecardDefinition;
import org.lodestar.health.ScorecardYaml;
import org.lodestar.infrastructure.CsvCells;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "health", description = "Health scores: recompute, dry-run a scorecard, backtest.",
        subcommands = { HealthCommand.RecomputeCommand.class, HealthCommand.DryRunCommand.class, HealthCommand.CalibrateCommand.class,
                HealthCommand.BacktestCommand.class })
class HealthCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "recompute", description = "Recomputes every account's score now, showing progress.")
    static class RecomputeCommand implements Callable<Integer> {

        @Mixin
        DatabaseOptions database;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Instance.tool(database)) {
                HealthScores health = context.getBean(HealthScores.class);
                int total = health.scoredCount();
                Progress progress = Progress.of("Scoring accounts");
                Recompute result = health.recomputeAll(done -> progress.update(done, total));
                System.out.println("Recomputed " + result.accounts() + " accounts in " + result.millis() + " ms: "
                        + result.changed() + " scores changed, " + result.bandChanges() + " changed band.");
                return 0;
            }
        }
    }

    @Command(name = "dry-run", description = { "Scores today's book with a scorecard file in place of the active one of its "
            + "name (or added, when its name is new) and lists the accounts that would change band, and why.",
            "Nothing is stored." })
    static class DryRunCommand implements Callable<Integer> {

        @Mixin
        DatabaseOptions database;

        @Parameters(paramLabel = "SCORECARD.yaml", description = "The scorecard file to try.")
        Path file;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Instance.tool(database)) {
                ScorecardDefinition candidate = context.getBean(HealthConfiguration.class).readCandidate(file);
                DryRun run = context.getBean(HealthScores.class).dryRun(candidate);
                System.out.println("Dry-run of " + run.candidate() + " in place of " + run.replaces() + ": " + run.accounts()
                        + " accounts scored, " + run.scoreChanges() + " scores would change, " + run.bandChanges().size()
                        + " would change band.");
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] { "account", "segment", "now", "would be", "why (contribution moves)" });
                for (DryRun.BandChange c : run.bandChanges()) {
                    rows.add(new String[] { c.account(), c.segment(), c.scoreNow() + " " + c.bandNow().label(),
                            c.scoreThen() + " " + c.bandThen().label(), c.why() });
                }
                if (rows.size() > 1) {
                    Table.print(rows);
                }
                return 0;
            }
        }
    }

    /** The scored dates of the book's history (--from to --to every --step) and the horizon outcomes are looked for in. */
    static class History {

        @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD")
        LocalDate from;

        @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD")
        LocalDate to;

        @Option(names = "--horizon", defaultValue = "90d", description = "How far ahead to look for churn or contraction "
                + "(default: ${DEFAULT-VALUE}).")
        String horizon;

        @Option(names = "--step", defaultValue = "30d", description = "Days between scored dates (default: ${DEFAULT-VALUE}).")
        String step;

        int horizonDays() {
            return BacktestCommand.days("--horizon", horizon);
        }

        int stepDays() {
            return BacktestCommand.days("--step", step);
        }
    }

    @Command(name = "backtest", description = { "Does the score predict churn? Scores the book on dates from --from to --to "
            + "(every --step) from the data it had then, and compares with churn or contraction within --horizon: rate "
            + "by band, AUC, lift of the red band, calibration, per segment.",
            "Each --scorecard file is tested beside the active scorecards, in place of the one of its name." })
    static class BacktestCommand implements Callable<Integer> {

        private static final Pattern DAYS = Pattern.compile("(\\d{1,3})d?");

        @Mixin
        DatabaseOptions database;

        @Mixin
        History history;

        @Option(names = "--scorecard", paramLabel = "FILE", description = "A candidate scorecard to compare (repeatable).")
        List<Path> scorecards = new ArrayList<>();

        @Option(names = "--pairs", paramLabel = "FILE.csv", description = "Also write every (account, date, score, outcome) pair.")
        Path pairs;

        @Option(names = "--model", description = "Also compare the churn model, trained walk-forward for each date on what was "
                + "known then (dates with too few outcomes before them are left out of every column).")
        boolean model;

        @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
        String format;

        static int days(String option, String text) {
            Matcher m = DAYS.matcher(text.trim());
            if (!m.matches()) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new Object()),
                        option + ": expected a number of days such as 90d, got '" + text + "'");
            }
            return Integer.parseInt(m.group(1));
        }

        @Override
        public Integer call() {
            LocalDate from = history.from;
            LocalDate to = history.to;
            int horizonDays = history.horizonDays();
            int stepDays = history.stepDays();
            try (ConfigurableApplicationContext context = Instance.tool(database)) {
                HealthConfiguration configuration = context.getBean(HealthConfiguration.class);
                List<Backtest.Candidate> candidates = new ArrayList<>();
                candidates.add(new Backtest.Candidate("active", configuration.scorecards()));
                for (Path file : scorecards) {
                    ScorecardDefinition candidate = configuration.readCandidate(file);
                    candidates.add(new Backtest.Candidate(candidate.name() + " " + candidate.version(),
                            configuration.withCandidate(candidate)));
                }
                BacktestReport report;
                // One progress line from the backtest per scored date.
                long dates = stepDays < 1 || to.isBefore(from) ? 0
                        : java.time.temporal.ChronoUnit.DAYS.between(from, to) / stepDays + 1;
                Progress progress = Progress.of("Backtesting dates");
                int[] done = { 0 };
                try {
                    report = context.getBean(Backtest.class).run(from, to, horizonDays, stepDays, candidates, model,
                            line -> progress.update(++done[0], dates, line));
                } catch (InvalidInput e) {
                    System.err.println("Cannot backtest: " + e.getMessage());
                    return 1;
                }
                if (pairs != null) {
                    writePairs(report, pairs);
                }
                if (format.equals("json")) {
                    System.out.println(context.getBean(JsonMapper.class).writerWithDefaultPrettyPrinter()
                            .writeValueAsString(report));
                } else {
                    print(report, database.describe());
                }
                return 0;
            }
        }

        static void print(BacktestReport report, String where) {
            System.out.println("Backtest " + report.from() + " to " + report.to() + " every " + report.stepDays()
                    + " days, horizon " + report.horizonDays() + " days (" + where + ")");
            System.out.println("Outcome: the account churned or contracted within the horizon after the scored date.");
            List<String[]> rows = new ArrayList<>();
            List<String> head = new ArrayList<>(List.of("figure"));
            report.results().forEach(r -> head.add(r.label()));
            rows.add(head.toArray(String[]::new));
            row(rows, report, "account-dates", f -> String.valueOf(f.pairs()));
            row(rows, report, "churned or contracted", f -> f.lost() + " (" + pct(f.rate()) + ")");
            row(rows, report, "AUC", f -> f.auc() == null ? "—" : String.valueOf(f.auc()));
            row(rows, report, "  95% interval", f -> f.aucLow() == null ? "—" : f.aucLow() + " to " + f.aucHigh());
            row(rows, report, "red lift", f -> f.redLift() == null ? "—" : f.redLift() + "x");
            if (report.results().stream().anyMatch(r -> r.total().brier() != null)) {
                row(rows, report, "Brier score", f -> f.brier() == null ? "—" : String.valueOf(f.brier()));
                for (int b = 0; b < 10; b++) {
                    double low = b / 10.0;
                    if (report.results().stream().anyMatch(r -> r.total().reliability().stream().anyMatch(x -> x.from() == low))) {
                        row(rows, report, String.format(java.util.Locale.ROOT, "  predicted %.0f-%.0f%%", low * 100, low * 100 + 10),
                                f -> f.reliability().stream().filter(x -> x.from() == low).findFirst()
                                        .map(x -> String.format(java.util.Locale.ROOT, "%.1f%% vs %.1f%% of %d", x.predicted() * 100,
                                                x.observed() * 100, x.pairs())).orElse("—"));
                    }
                }
            }
            for (int d = 0; d < 10; d++) {
                int decile = d;
                if (report.results().stream().anyMatch(r -> r.total().deciles().size() > decile)) {
                    row(rows, report, "  decile " + (d + 1) + (d == 0 ? " (lowest scores)" : ""), f -> f.deciles().size()
                            <= decile ? "—" : pct(f.deciles().get(decile).rate()) + (f.deciles().get(decile).lift() == null
                                    ? "" : " (" + f.deciles().get(decile).lift() + "x)"));
                }
            }
            for (int b = 0; b < 3; b++) {
                int band = b;
                row(rows, report, "  " + report.results().getFirst().total().bands().get(b).band().label() + " rate",
                        f -> pct(f.bands().get(band).rate()) + " of " + f.bands().get(band).pairs());
            }
            for (int bucket = 0; bucket < 10; bucket++) {
                int from = bucket * 10;
                if (report.results().stream().anyMatch(r -> r.total().calibration().stream().anyMatch(c -> c.from() == from))) {
                    row(rows, report, "  score " + from + "-" + (from + 10), f -> f.calibration().stream()
                            .filter(c -> c.from() == from).findFirst().map(c -> pct(c.rate()) + " of " + c.pairs()).orElse("—"));
                }
            }
            for (String segment : report.results().getFirst().bySegment().keySet()) {
                rows.add(new String[] { segment });
                rowOf(rows, report, "  account-dates", segment, f -> String.valueOf(f.pairs()));
                rowOf(rows, report, "  rate", segment, f -> pct(f.rate()));
                rowOf(rows, report, "  AUC", segment, f -> f.auc() == null ? "—" : String.valueOf(f.auc()));
                rowOf(rows, report, "  red rate", segment, f -> pct(f.bands().getFirst().rate()) + " of " + f.bands().getFirst().pairs());
                rowOf(rows, report, "  red lift", segment, f -> f.redLift() == null ? "—" : f.redLift() + "x");
            }
            int width = rows.stream().mapToInt(r -> r.length).max().orElse(1);
            Table.print(rows.stream().map(r -> java.util.Arrays.copyOf(r, width)).map(r -> {
                for (int i = 0; i < r.length; i++) {
                    r[i] = r[i] == null ? "" : r[i];
                }
                return r;
            }).toList());
            report.results().stream().filter(r -> r.total().warning() != null)
                    .forEach(r -> System.out.println("Warning (" + r.label() + "): " + r.total().warning()));
        }

        private static void row(List<String[]> rows, BacktestReport report, String label,
                java.util.function.Function<BacktestFigures, String> cell) {
            List<String> line = new ArrayList<>(List.of(label));
            report.results().forEach(r -> line.add(cell.apply(r.total())));
            rows.add(line.toArray(String[]::new));
        }

        private static void rowOf(List<String[]> rows, BacktestReport report, String label, String segment,
                java.util.function.Function<BacktestFigures, String> cell) {
            List<String> line = new ArrayList<>(List.of(label));
            report.results().forEach(r -> line.add(r.bySegment().containsKey(segment) ? cell.apply(r.bySegment().get(segment)) : "—"));
            rows.add(line.toArray(String[]::new));
        }

        private static String pct(java.math.BigDecimal rate) {
            return rate == null ? "—" : rate.toPlainString() + "%";
        }

        private static void writePairs(BacktestReport report, Path file) {
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                    CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader("scorecards", "account_id",
                            "account", "segment", "date", "score", "band", "churned", "contracted").get())) {
                for (BacktestReport.Result r : report.results()) {
                    for (BacktestFigures.Pair p : r.pairs()) {
                        csv.printRecord(r.label(), p.accountId(), CsvCells.safe(p.account()), p.segment(), p.day(), p.score(),
                                p.band().label(), p.churned(), p.contracted());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + file, e);
            }
            System.err.println("Pairs written to " + file);
        }
    }

    @Command(name = "calibrate", description = { "Fits a scorecard's weights and band thresholds to the book's history: fits on "
            + "the earlier dates from --from to --to, judges on the later ones (time-split), and writes a candidate scorecard "
            + "file with its backtest beside the current one's.",
            "Weights are non-negative and regularised; scoring functions, missing-data policies and critical conditions are kept." })
    static class CalibrateCommand implements Callable<Integer> {

        @Mixin
        DatabaseOptions database;

        @Mixin
        History history;

        @Option(names = "--scorecard", defaultValue = "standard", description = "The scorecard to calibrate, by name "
                + "(default: ${DEFAULT-VALUE}).")
        String scorecard;

        @Option(names = "--out", paramLabel = "FILE", description = "Where to write the candidate (default: "
                + "<config>/scorecard-candidates/<name>-calibrated.yaml).")
        Path out;

        @Override
        public Integer call() throws IOException {
            LocalDate from = history.from;
            LocalDate to = history.to;
            int horizonDays = history.horizonDays();
            int stepDays = history.stepDays();
            try (ConfigurableApplicationContext context = Instance.tool(database)) {
                HealthConfiguration configuration = context.getBean(HealthConfiguration.class);
                Calibration.Result result;
                try {
                    result = context.getBean(Calibration.class).calibrate(scorecard, from, to, horizonDays, stepDays,
                            line -> System.err.print("\r" + line + "      "));
                } catch (InvalidInput e) {
                    System.err.println();
                    System.err.println("Cannot calibrate: " + e.getMessage());
                    return 1;
                }
                System.err.println();
                System.out.println("Calibrated " + result.current().name() + " " + result.current().version() + " on "
                        + result.fittingPairs() + " account-dates from " + result.fitFrom() + " to " + result.fitTo() + " ("
                        + result.fittingOutcomes() + " churned or contracted within " + horizonDays + " days).");
                System.out.printf("%-22s %8s %8s %12s%n", "measure", "weight", "fitted", "coefficient");
                for (int j = 0; j < result.current().measures().size(); j++) {
                    String key = result.current().measures().get(j).key();
                    System.out.printf("%-22s %8s %8s %12.4f%n", key, result.current().measures().get(j).weight().toPlainString(),
                            result.candidate().measures().get(j).weight().toPlainString(), result.coefficients().get(key));
                }
                System.out.println("bands: red " + result.current().bands().red().toPlainString() + " -> "
                        + result.candidate().bands().red().toPlainString() + ", yellow " + result.current().bands().yellow()
                        .toPlainString() + " -> " + result.candidate().bands().yellow().toPlainString());
                System.out.println();
                BacktestCommand.print(result.judged(), database.describe());
                List<String> header = new ArrayList<>();
                header.add("Candidate from ./lodestar health calibrate --from " + from + " --to " + to + " --horizon " + horizonDays
                        + "d --step " + stepDays + "d --scorecard " + scorecard);
                header.add("Fitted on " + result.fittingPairs() + " account-dates " + result.fitFrom() + " to " + result.fitTo()
                        + " (" + result.fittingOutcomes() + " churned or contracted); judged on " + result.judged().from() + " to "
                        + result.judged().to() + ", dates it was not fitted on:");
                for (BacktestReport.Result r : result.judged().results()) {
                    BacktestFigures f = r.total();
                    header.add("  " + r.label() + ": AUC " + f.auc() + " (95% " + f.aucLow() + "-" + f.aucHigh() + "), red lift "
                            + f.redLift() + ", " + f.pairs() + " account-dates");
                }
                header.add("Not in force: copy it to scorecards/" + scorecard + ".yaml to use it, after reading it with judgement.");
                Path file = out != null ? out : configuration.configDir().resolve("scorecard-candidates")
                        .resolve(scorecard + "-calibrated.yaml");
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, ScorecardYaml.write(result.candidate(), header), StandardCharsets.UTF_8);
                System.out.println("Candidate written to " + file);
                return 0;
            }
        }
    }
}
