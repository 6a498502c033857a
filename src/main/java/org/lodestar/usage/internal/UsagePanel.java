package org.lodestar.usage.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lodestar.usage.Usage;
import org.lodestar.usage.UsageReport;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import tools.jackson.databind.json.JsonMapper;

/** The usage panel of the account page, loaded into it by htmx: the last 90 days. */
@Controller
class UsagePanel {

    private static final int TOP_FEATURES = 8;

    private final Usage usage;
    private final JsonMapper json;

    UsagePanel(Usage usage, JsonMapper json) {
        this.usage = usage;
        this.json = json;
    }

    @GetMapping("/accounts/{accountId}/usage")
    String panel(@PathVariable long accountId, Model model) {
        UsageReport report = usage.report(accountId, null, null);
        model.addAttribute("usage", report);
        model.addAttribute("dailyChart", daily(report));
        model.addAttribute("featureChart", features(report));
        return "usage :: panel";
    }

    /** Every day of the range, with zero on days without use. */
    private String daily(UsageReport report) {
        Map<LocalDate, UsageReport.Day> byDay = new HashMap<>();
        report.days().forEach(d -> byDay.put(d.day(), d));
        List<String> labels = new ArrayList<>();
        List<Long> events = new ArrayList<>();
        List<Integer> users = new ArrayList<>();
        for (LocalDate day = report.from(); !day.isAfter(report.to()); day = day.plusDays(1)) {
            UsageReport.Day found = byDay.get(day);
            labels.add(day.toString().substring(5));
            events.add(found == null ? 0 : found.events());
            users.add(found == null ? 0 : found.activeUsers());
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", labels);
        chart.put("unit", "");
        chart.put("datasets", List.of(Map.of("label", "Active users", "data", users),
                Map.of("label", "Events", "data", events, "axis", "y1")));
        return json.writeValueAsString(chart);
    }

    private String features(UsageReport report) {
        List<UsageReport.Feature> top = report.features().stream().limit(TOP_FEATURES).toList();
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", top.stream().map(f -> f.module() == null ? f.feature() : f.feature() + " (" + f.module() + ")")
                .toList());
        chart.put("unit", "");
        chart.put("horizontal", true);
        chart.put("datasets", List.of(Map.of("label", "Events", "data", top.stream().map(UsageReport.Feature::events)
                .toList())));
        return json.writeValueAsString(chart);
    }
}
