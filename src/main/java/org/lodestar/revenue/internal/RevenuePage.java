package org.lodestar.revenue.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lodestar.accounts.SegmentBands;
import org.lodestar.errors.InvalidInput;
import org.lodestar.revenue.Renewal;
import org.lodestar.revenue.RenewalOutcome;
import org.lodestar.revenue.Renewals;
import org.lodestar.revenue.RetentionFigure;
import org.lodestar.revenue.RetentionFigures;
import org.lodestar.revenue.RetentionGrouping;
import org.lodestar.revenue.RetentionReport;
import org.lodestar.revenue.RetentionReports;
import org.lodestar.revenue.TargetPlanner;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.json.JsonMapper;

/**
 * The revenue page: retention for a period with its waterfall, NRR and GRR by quarter, cohorts, the
 * renewal calendar, forecast against actual, and the target planner; and the drill-down page behind
 * every figure.
 */
@Controller
class RevenuePage {

    static final int[] WINDOWS = { 30, 60, 90, 120, 180 };
    /** Targets the planner form starts with, in percent. */
    private static final Map<String, int[]> DEFAULT_TARGETS = Map.of("enterprise", new int[] { 97, 125 }, "mid-market",
            new int[] { 93, 110 }, "smb", new int[] { 90, 102 });

    private final RetentionReports reports;
    private final Renewals renewals;
    private final TargetPlanner planner;
    private final SegmentBands bands;
    private final JsonMapper json;

    RevenuePage(RetentionReports reports, Renewals renewals, TargetPlanner planner, SegmentBands bands, JsonMapper json) {
        this.reports = reports;
        this.renewals = renewals;
        this.planner = planner;
        this.bands = bands;
        this.json = json;
    }

    /** How many renewals of the window the calendar lists, soonest first. */
    static final int RENEWALS_SHOWN = 100;

    @GetMapping("/revenue")
    String revenue(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "segment") RetentionGrouping by, @RequestParam(defaultValue = "90") int days,
            @RequestParam(defaultValue = "4") int quarters, @RequestParam(required = false) String plan,
            @RequestParam Map<String, String> params, Model model) {
        model.addAttribute("outcomes", RenewalOutcome.values());
        LocalDate today = renewals.today();
        LocalDate periodTo = to != null ? to : today.withDayOfMonth(1).minusDays(1);
        LocalDate periodFrom = from != null ? from : periodTo.plusDays(1).minusYears(1);
        List<String> problems = new ArrayList<>();
        RetentionReport report;
        try {
            report = reports.report(periodFrom, periodTo, by);
        } catch (InvalidInput e) {
            problems.add(e.getMessage());
            periodTo = today.withDayOfMonth(1).minusDays(1);
            periodFrom = periodTo.plusDays(1).minusYears(1);
            report = reports.report(periodFrom, periodTo, by);
        }
        model.addAttribute("report", report);
        model.addAttribute("groupings", RetentionGrouping.values());
        model.addAttribute("waterfall", waterfall(report.total()));

        LocalDate trendTo = RetentionReports.Interval.QUARTER.startOf(today).minusDays(1);
        List<RetentionReports.SeriesPoint> series = reports.series(trendTo.minusMonths(24).plusDays(1), trendTo,
                RetentionReports.Interval.QUARTER, null);
        model.addAttribute("trend", trend(series));
        model.addAttribute("cohorts", reports.cohorts(trendTo.minusMonths(24).plusDays(1), trendTo));

        boolean known = Arrays.stream(WINDOWS).anyMatch(w -> w == days);
        if (!known) {
            problems.add("days: expected one of 30, 60, 90, 120, 180, got " + days);
        }
        int window = known ? days : 90;
        List<Renewal> due = renewals.upcoming(window, null);
        model.addAttribute("days", window);
        model.addAttribute("windows", WINDOWS);
        model.addAttribute("renewals", due);
        // The calendar lists the soonest; the totals above it count every renewal in the window.
        model.addAttribute("renewalsShown", due.subList(0, Math.min(RENEWALS_SHOWN, due.size())));
        model.addAttribute("renewalsDue", due.stream().map(Renewal::arrDue).reduce(BigDecimal.ZERO, BigDecimal::add));
        model.addAttribute("renewalsForecast", due.stream().map(Renewal::forecastArr).reduce(BigDecimal.ZERO, BigDecimal::add));
        List<Renewals.ForecastAccuracy> accuracy = renewals.forecastAccuracy(today.minusYears(1), today);
        model.addAttribute("accuracy", accuracy);
        model.addAttribute("accuracyChart", accuracyChart(accuracy));

        Map<String, TargetPlanner.Target> targets = new LinkedHashMap<>();
        List<String[]> targetFields = new ArrayList<>();
        for (SegmentBands.Band band : bands.getBands()) {
            int[] fallback = DEFAULT_TARGETS.getOrDefault(band.name(), new int[] { 90, 105 });
            String grr = params.getOrDefault("grr-" + band.name(), String.valueOf(fallback[0]));
            String nrr = params.getOrDefault("nrr-" + band.name(), String.valueOf(fallback[1]));
            targetFields.add(new String[] { band.name(), grr, nrr });
            try {
                targets.put(band.name(), new TargetPlanner.Target(new BigDecimal(grr.trim()), new BigDecimal(nrr.trim())));
            } catch (NumberFormatException e) {
                problems.add("Target for " + band.name() + ": expected numbers in percent, got GRR '" + grr + "', NRR '" + nrr + "'");
            }
        }
        model.addAttribute("targetFields", targetFields);
        model.addAttribute("quarters", quarters);
        // The planner weighs every renewal of the quarters ahead (the whole book, on a book renewing yearly): it runs when
        // a leader asks for it with targets, not on every view of the page.
        model.addAttribute("planAsked", plan != null);
        if (plan != null && targets.size() == bands.getBands().size()) {
            try {
                model.addAttribute("plan", planner.plan(new TargetPlanner.Request(quarters, targets)));
            } catch (InvalidInput e) {
                problems.addAll(e.named(Map.of()));
            }
        }
        model.addAttribute("problems", problems);
        return "revenue";
    }

    @PostMapping("/revenue/renewals/{subscriptionId}/forecast")
    String forecast(@PathVariable long subscriptionId, @RequestParam String arr, @RequestParam(required = false) String note,
            @RequestParam(defaultValue = "90") int days, @RequestParam(required = false) String back,
            RedirectAttributes redirect) {
        try {
            Renewal renewal = renewals.recordForecast(subscriptionId, amount(arr), note);
            redirect.addFlashAttribute("notice", "Forecast for " + renewal.accountName() + " recorded: "
                    + renewal.forecastArr().toPlainString());
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("problem", "Forecast not recorded: " + e.getMessage());
        }
        return "redirect:" + returnTo(back, days);
    }

    @PostMapping("/revenue/renewals/{subscriptionId}/outcome")
    String outcome(@PathVariable long subscriptionId, @RequestParam String outcome,
            @RequestParam(required = false) String arr, @RequestParam(required = false) String note,
            @RequestParam(defaultValue = "90") int days, @RequestParam(required = false) String back,
            RedirectAttributes redirect) {
        try {
            RenewalOutcome closed;
            try {
                closed = RenewalOutcome.of(outcome);
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("outcome", e.getMessage());
            }
            Renewal renewal = renewals.recordOutcome(subscriptionId, closed, arr == null || arr.isBlank() ? null : amount(arr), note);
            redirect.addFlashAttribute("notice", "Renewal of " + renewal.accountName() + " recorded as "
                    + renewal.outcome().label() + " at " + renewal.outcomeArr().toPlainString());
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("problem", "Outcome not recorded: " + e.getMessage());
        }
        return "redirect:" + returnTo(back, days);
    }

    /**
     * Back to the renewals page the form was on (its filters and page kept), or to the revenue page's calendar. Only a
     * path of the renewals page is followed, so the form cannot send anyone elsewhere.
     */
    static String returnTo(String back, int days) {
        if (back != null && back.matches("/renewals(\\?[A-Za-z0-9=&%._~+@-]*)?")) {
            return back;
        }
        return "/revenue?days=" + days + "#renewals";
    }

    private static BigDecimal amount(String text) {
        try {
            return new BigDecimal(text.trim().replace(",", ""));
        } catch (NumberFormatException e) {
            throw new InvalidInput("arr", "expected an amount such as 12000 or 12000.50, got '" + text + "'");
        }
    }

    @GetMapping("/revenue/drill")
    String drill(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, @RequestParam RetentionFigure figure,
            @RequestParam(required = false) RetentionGrouping by, @RequestParam(required = false) String group,
            Model model) {
        model.addAttribute("drill", reports.drill(from, to, figure, by, group, 2000));
        return "revenue-drill";
    }

    /** Floating bars: start, +expansion, −contraction, −churn, end. */
    private String waterfall(RetentionFigures total) {
        BigDecimal start = total.startingArr();
        BigDecimal afterExpansion = start.add(total.expansion());
        BigDecimal afterContraction = afterExpansion.subtract(total.contraction());
        BigDecimal end = afterContraction.subtract(total.churn());
        return json.writeValueAsString(Map.of(
                "labels", List.of("Starting ARR", "+ Expansion", "− Contraction", "− Churn", "Ending ARR"),
                "bars", List.of(List.of(0, start), List.of(start, afterExpansion), List.of(afterContraction, afterExpansion),
                        List.of(end, afterContraction), List.of(0, end))));
    }

    private String trend(List<RetentionReports.SeriesPoint> series) {
        List<String> labels = new ArrayList<>();
        List<BigDecimal> nrr = new ArrayList<>();
        List<BigDecimal> grr = new ArrayList<>();
        for (RetentionReports.SeriesPoint point : series) {
            labels.add(point.period());
            nrr.add(point.total().nrr() == null ? null : point.total().nrr().movePointRight(2));
            grr.add(point.total().grr() == null ? null : point.total().grr().movePointRight(2));
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", labels);
        chart.put("datasets", List.of(Map.of("label", "NRR %", "data", nrr), Map.of("label", "GRR %", "data", grr)));
        return json.writeValueAsString(chart);
    }

    private String accuracyChart(List<Renewals.ForecastAccuracy> accuracy) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", accuracy.stream().map(Renewals.ForecastAccuracy::quarter).toList());
        chart.put("datasets", List.of(
                Map.of("label", "Due", "data", accuracy.stream().map(Renewals.ForecastAccuracy::arrDue).toList()),
                Map.of("label", "Forecast", "data", accuracy.stream().map(Renewals.ForecastAccuracy::forecastArr).toList()),
                Map.of("label", "Actual", "data", accuracy.stream().map(Renewals.ForecastAccuracy::actualArr).toList())));
        return json.writeValueAsString(chart);
    }
}
