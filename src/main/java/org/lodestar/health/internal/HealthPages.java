package org.lodestar.health.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lodestar.accounts.Accounts;
import org.lodestar.health.BacktestReport;
import org.lodestar.health.Band;
import org.lodestar.health.HealthConfiguration;
import org.lodestar.health.HealthExplanation;
import org.lodestar.health.HealthReports;
import org.lodestar.health.HealthScores;
import org.lodestar.health.MeasureResult;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.json.JsonMapper;

/** Health on the pages: the account page's panel, the book's segment × band view, band lists and the backtest. */
@Controller
class HealthPages {

    private static final int HISTORY_DAYS = 90;
    private static final int TOP_REASONS = 3;
    private static final DateTimeFormatter COMPUTED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final HealthReports reports;
    private final HealthScores scores;
    private final BacktestResults backtests;
    private final HealthConfiguration configuration;
    private final Accounts accounts;
    private final JsonMapper json;

    HealthPages(HealthReports reports, HealthScores scores, BacktestResults backtests, HealthConfiguration configuration,
            Accounts accounts, JsonMapper json) {
        this.reports = reports;
        this.scores = scores;
        this.backtests = backtests;
        this.configuration = configuration;
        this.accounts = accounts;
        this.json = json;
    }

    @GetMapping("/accounts/{accountId}/health")
    String panel(@PathVariable long accountId, Model model) {
        LocalDate today = scores.today();
        reports.explain(accountId).ifPresent(health -> {
            model.addAttribute("health", health);
            model.addAttribute("contributionChart", contributions(health));
            List<HealthReports.DailyScore> history = reports.history(accountId, today.minusDays(HISTORY_DAYS - 1), today);
            model.addAttribute("trendChart", trend(history));
            model.addAttribute("diffFrom", history.isEmpty() ? today.minusDays(reports.trendDays()) : history.getFirst().day()
                    .isAfter(today.minusDays(reports.trendDays())) ? history.getFirst().day() : today.minusDays(reports.trendDays()));
        });
        model.addAttribute("accountId", accountId);
        model.addAttribute("today", today);
        return "health :: panel";
    }

    /** The score and band, for the account page's headline facts. */
    @GetMapping("/accounts/{accountId}/health/summary")
    String summary(@PathVariable long accountId, Model model) {
        reports.explain(accountId).ifPresent(health -> model.addAttribute("health", health));
        return "health :: summary";
    }

    /** The few measures that cost the score most, for the account page's overview. */
    @GetMapping("/accounts/{accountId}/health/reasons")
    String reasons(@PathVariable long accountId, Model model) {
        reports.explain(accountId).ifPresent(health -> {
            model.addAttribute("health", health);
            model.addAttribute("reasons", topReasons(health, TOP_REASONS));
        });
        model.addAttribute("accountId", accountId);
        return "health :: reasons";
    }

    /**
     * What holds the score down: critical conditions that held first, then the counted measures by the points
     * they lost (their share minus their contribution), largest first; measures that lost nothing are left out.
     */
    static List<MeasureResult> topReasons(HealthExplanation health, int limit) {
        List<MeasureResult> reasons = new ArrayList<>(health.measures().stream().filter(MeasureResult::critical).toList());
        health.measures().stream()
                .filter(m -> m.counted() && !m.critical() && m.share() != null && m.contribution() != null)
                .filter(m -> lost(m).signum() > 0)
                .sorted(Comparator.comparing(HealthPages::lost).reversed())
                .forEach(reasons::add);
        return reasons.subList(0, Math.min(limit, reasons.size()));
    }

    private static BigDecimal lost(MeasureResult measure) {
        return measure.share().subtract(measure.contribution());
    }

    @GetMapping("/accounts/{accountId}/health/diff")
    String diff(@PathVariable long accountId, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Model model) {
        model.addAttribute("diff", reports.diff(accountId, from, to));
        return "health :: diff";
    }

    /** Each measure's contribution, and beside it what it could have added at a full sub-score. */
    private String contributions(HealthExplanation health) {
        List<MeasureResult> counted = health.measures().stream().filter(MeasureResult::counted).toList();
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", counted.stream().map(MeasureResult::label).toList());
        chart.put("unit", "");
        chart.put("horizontal", true);
        chart.put("stacked", true);
        chart.put("datasets", List.of(
                Map.of("label", "Contribution", "data", counted.stream().map(MeasureResult::contribution).toList(),
                        "color", "#2e86ab"),
                Map.of("label", "Short of full marks", "data", counted.stream()
                        .map(m -> m.share().subtract(m.contribution()).max(BigDecimal.ZERO)).toList(), "color", "#e4e9ee")));
        return json.writeValueAsString(chart);
    }

    private String trend(List<HealthReports.DailyScore> history) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", history.stream().map(d -> d.day().toString().substring(5)).toList());
        chart.put("unit", "");
        chart.put("max", 100);
        chart.put("datasets", List.of(Map.of("label", "Score", "data", history.stream().map(HealthReports.DailyScore::score)
                .toList())));
        return json.writeValueAsString(chart);
    }

    @GetMapping("/health/book-panel")
    String bookPanel(Model model) {
        List<HealthReports.BookCell> cells = reports.bookBySegmentAndBand();
        List<String> segments = new ArrayList<>(accounts.segmentNames());
        cells.stream().map(HealthReports.BookCell::segment).filter(s -> !segments.contains(s)).distinct().forEach(segments::add);
        Map<String, Map<Band, HealthReports.BookCell>> grid = new LinkedHashMap<>();
        segments.forEach(s -> grid.put(s, new LinkedHashMap<>()));
        cells.forEach(c -> grid.get(c.segment()).put(c.band(), c));
        Map<Band, long[]> totals = new LinkedHashMap<>();
        Map<Band, BigDecimal> arr = new LinkedHashMap<>();
        for (Band band : Band.values()) {
            totals.put(band, new long[] { cells.stream().filter(c -> c.band() == band).mapToLong(HealthReports.BookCell::accounts).sum() });
            arr.put(band, cells.stream().filter(c -> c.band() == band).map(HealthReports.BookCell::arr)
                    .reduce(BigDecimal.ZERO, BigDecimal::add));
        }
        model.addAttribute("grid", grid);
        model.addAttribute("bands", List.of(Band.RED, Band.YELLOW, Band.GREEN, Band.NONE));
        model.addAttribute("totals", totals);
        model.addAttribute("bandArr", arr);
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", segments);
        chart.put("unit", "$");
        chart.put("stacked", true);
        chart.put("datasets", List.of(Band.RED, Band.YELLOW, Band.GREEN).stream().map(band -> Map.of("label", band.label(),
                "color", switch (band) {
                    case RED -> "#c73e1d";
                    case YELLOW -> "#f1b24a";
                    default -> "#6a994e";
                }, "data", segments.stream().map(s -> grid.get(s).containsKey(band) ? grid.get(s).get(band).arr()
                        : BigDecimal.ZERO).toList())).toList());
        model.addAttribute("bandChart", json.writeValueAsString(chart));
        return "health-book :: panel";
    }

    @GetMapping("/health/accounts")
    String bandList(@RequestParam(required = false) String segment, @RequestParam(required = false) String band, Model model) {
        Band parsed = band == null || band.isBlank() ? null : HealthApi.parseBand(band);
        String seg = segment == null || segment.isBlank() ? null : segment;
        List<HealthReports.BandedAccount> list = reports.accountsIn(seg, parsed);
        model.addAttribute("accounts", list);
        model.addAttribute("segment", seg);
        model.addAttribute("band", parsed);
        model.addAttribute("totalArr", list.stream().map(HealthReports.BandedAccount::arr).reduce(BigDecimal.ZERO, BigDecimal::add));
        return "health-accounts";
    }

    @GetMapping("/health/backtest")
    String backtest(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "90") int horizon, @RequestParam(defaultValue = "30") int step,
            @RequestParam(required = false) String candidate, @RequestParam(name = "model", defaultValue = "false") boolean withModel,
            Model model) {
        LocalDate today = scores.today();
        LocalDate last = to == null ? today.minusDays(horizon) : to;
        LocalDate first = from == null ? last.minusDays(180) : from;
        BacktestResults.Key key = new BacktestResults.Key(first, last, horizon, step,
                HealthApi.candidates(configuration, candidate), withModel);
        BacktestResults.Computed computed = backtests.latest(key);
        BacktestReport report = computed.report();
        model.addAttribute("computedAt", COMPUTED_AT.format(computed.computedAt()));
        model.addAttribute("current", computed.current());
        model.addAttribute("withModel", withModel);
        model.addAttribute("reliabilityChart", null);
        report.results().stream().filter(r -> !r.total().reliability().isEmpty()).findFirst().ifPresent(r -> {
            Map<String, Object> chart = new LinkedHashMap<>();
            chart.put("x", "Probability the model gave");
            chart.put("y", "Share that churned or contracted");
            chart.put("datasets", List.of(Map.of("label", r.label(), "data", r.total().reliability().stream()
                    .map(x -> Map.of("x", x.predicted(), "y", x.observed())).toList()),
                    Map.of("label", "calibrated", "data", List.of(Map.of("x", 0, "y", 0), Map.of("x", 1, "y", 1)),
                            "color", "#b8c2cc")));
            model.addAttribute("reliabilityChart", json.writeValueAsString(chart));
        });
        model.addAttribute("report", report);
        model.addAttribute("candidates", configuration.candidates().stream().map(c -> c.name() + " " + c.version()).toList());
        model.addAttribute("candidate", candidate);
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", List.of("red", "yellow", "green"));
        chart.put("unit", "%");
        chart.put("datasets", report.results().stream().map(r -> Map.of("label", r.label(), "data",
                r.total().bands().stream().map(b -> b.rate() == null ? BigDecimal.ZERO : b.rate()).toList())).toList());
        model.addAttribute("bandChart", json.writeValueAsString(chart));
        Map<String, Object> roc = new LinkedHashMap<>();
        roc.put("x", "Share of accounts that stayed, flagged");
        roc.put("y", "Share of churn or contraction caught");
        List<Map<String, Object>> curves = new ArrayList<>();
        report.results().forEach(r -> curves.add(Map.of("label", r.label() + " (AUC " + r.total().auc() + ")", "data",
                r.total().roc().stream().map(p -> Map.of("x", p.falsePositiveRate(), "y", p.truePositiveRate())).toList())));
        curves.add(Map.of("label", "a coin toss", "data", List.of(Map.of("x", 0, "y", 0), Map.of("x", 1, "y", 1)),
                "color", "#b8c2cc"));
        roc.put("datasets", curves);
        model.addAttribute("rocChart", json.writeValueAsString(roc));
        Map<String, Object> lift = new LinkedHashMap<>();
        lift.put("labels", List.of("1 (lowest scores)", "2", "3", "4", "5", "6", "7", "8", "9", "10 (highest)"));
        lift.put("unit", "");
        lift.put("datasets", report.results().stream().map(r -> Map.of("label", r.label(), "data",
                r.total().deciles().stream().map(d -> d.lift() == null ? BigDecimal.ZERO : d.lift()).toList())).toList());
        model.addAttribute("liftChart", json.writeValueAsString(lift));
        return "backtest";
    }
}
