package org.lodestar.health.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.lodestar.health.Backtest;
import org.lodestar.health.BacktestReport;
import org.lodestar.health.Band;
import org.lodestar.health.HealthConfiguration;
import org.lodestar.health.HealthDiff;
import org.lodestar.health.HealthExplanation;
import org.lodestar.health.HealthReports;
import org.lodestar.health.HealthScores;
import org.lodestar.health.Recompute;
import org.lodestar.health.ScorecardDefinition;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Health", description = "Health scores with their explanation, history, what moved them, and the backtest")
class HealthApi {

    private final HealthReports reports;
    private final HealthScores scores;
    private final Backtest backtest;
    private final HealthConfiguration configuration;
    private final BacktestResults backtests;

    HealthApi(HealthReports reports, HealthScores scores, Backtest backtest, HealthConfiguration configuration,
            BacktestResults backtests) {
        this.backtests = backtests;
        this.reports = reports;
        this.scores = scores;
        this.backtest = backtest;
        this.configuration = configuration;
    }

    @GetMapping("/api/accounts/{id}/health")
    @Operation(summary = "An account's health score explained", description = "Score, band, scorecard and version, "
            + "as-of date and, per measure, the raw value, sub-score, weight, share, contribution (they add up to the "
            + "score), whether data was missing and which policy applied; the trend against the configured window.")
    HealthExplanation health(@PathVariable long id) {
        return reports.explain(id).orElseThrow(() -> new NotFound("A health score for account " + id
                + " (churned accounts are not scored; others are scored within seconds of being created)"));
    }

    @GetMapping("/api/accounts/{id}/health/diff")
    @Operation(summary = "What moved the score between two dates", description = "Compares the last snapshot on or "
            + "before each date, measure by measure, largest movement first.")
    HealthDiff diff(@PathVariable long id, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return reports.diff(id, from, to);
    }

    @GetMapping("/api/accounts/{id}/health/history")
    @Operation(summary = "The score per day", description = "Each day's last snapshot between from and to "
            + "(default: the last 90 days).")
    List<HealthReports.DailyScore> history(@PathVariable long id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        LocalDate last = to == null ? scores.today() : to;
        return reports.history(id, from == null ? last.minusDays(89) : from, last);
    }

    @GetMapping("/api/health/book")
    @Operation(summary = "Accounts and ARR by segment and band")
    List<HealthReports.BookCell> book() {
        return reports.bookBySegmentAndBand();
    }

    @GetMapping("/api/health/accounts")
    @Operation(summary = "Scored accounts, lowest score first", description = "Optionally of one segment and band.")
    List<HealthReports.BandedAccount> accounts(@RequestParam(required = false) String segment,
            @RequestParam(required = false) String band) {
        return reports.accountsIn(segment, band == null || band.isBlank() ? null : parseBand(band));
    }

    static Band parseBand(String band) {
        try {
            return Band.parse(band);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("band", e.getMessage());
        }
    }

    @GetMapping("/api/health/scorecards")
    @Operation(summary = "The scorecards in force", description = "As configured, with the accounts each applies to.")
    List<ScorecardDefinition> scorecards() {
        return configuration.scorecards().all();
    }

    @PostMapping("/api/health/recompute")
    @Operation(summary = "Recompute every account's score now")
    Recompute recompute() {
        return scores.recomputeAll(done -> { });
    }

    @GetMapping("/api/health/backtest")
    @Operation(summary = "Does the score predict churn?", description = "Scores the book on dates from from to to "
            + "(every step days) and compares with churn and contraction within horizon days: rate by band, AUC, red "
            + "lift, calibration, per segment. candidate: the version of a candidate scorecard to compare side by side. "
            + "model=true: the churn model too, trained walk-forward for each date (Brier score and reliability); dates with "
            + "too few outcomes before them to train on are left out of every column.")
    BacktestReport backtest(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "90") int horizon, @RequestParam(defaultValue = "30") int step,
            @RequestParam(required = false) String candidate, @RequestParam(defaultValue = "false") boolean pairs,
            @RequestParam(defaultValue = "false") boolean model) {
        if (pairs) {
            return backtest.run(from, to, horizon, step, candidates(configuration, candidate), model, line -> { });
        }
        return backtests.current(new BacktestResults.Key(from, to, horizon, step, candidates(configuration, candidate), model))
                .report();
    }

    /** The active scorecards, and beside them the named candidate when there is one. */
    static List<Backtest.Candidate> candidates(HealthConfiguration configuration, String candidate) {
        List<Backtest.Candidate> list = new ArrayList<>();
        list.add(new Backtest.Candidate("active", configuration.scorecards()));
        if (candidate != null && !candidate.isBlank()) {
            ScorecardDefinition found = configuration.candidates().stream()
                    .filter(c -> (c.name() + " " + c.version()).equals(candidate) || c.version().equals(candidate))
                    .findFirst().orElseThrow(() -> new InvalidInput("candidate", "no candidate scorecard '" + candidate
                            + "'; expected one of " + configuration.candidates().stream()
                                    .map(c -> c.name() + " " + c.version()).toList()));
            list.add(new Backtest.Candidate(found.name() + " " + found.version(), configuration.withCandidate(found)));
        }
        return list;
    }
}
