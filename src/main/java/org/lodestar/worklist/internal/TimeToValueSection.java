package org.lodestar.worklist.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lodestar.plans.TimeToValue;
import org.lodestar.plans.TimeToValues;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import tools.jackson.databind.json.JsonMapper;

/** The Team page's "Time to value" section (templates/team-time-to-value.html): its figures and its chart. */
@Component
class TimeToValueSection {

    private final TimeToValues timeToValues;
    private final JsonMapper json;

    TimeToValueSection(TimeToValues timeToValues, JsonMapper json) {
        this.timeToValues = timeToValues;
        this.json = json;
    }

    void addTo(Model model) {
        TimeToValues.Report report = timeToValues.report(null, false);
        model.addAttribute("ttv", report);
        // Median and p75 per start cohort, side by side; a cohort where no one has reached value yet has no bars (null).
        List<TimeToValue.Group> cohorts = report.byCohort();
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", cohorts.stream().map(TimeToValue.Group::key).toList());
        chart.put("unit", "");
        chart.put("datasets", List.of(
                Map.of("label", "median days", "color", "#1f4e79", "data", cohorts.stream().map(TimeToValue.Group::medianDays).toList()),
                Map.of("label", "p75 days", "color", "#7fb7d6", "data", cohorts.stream().map(TimeToValue.Group::p75Days).toList())));
        model.addAttribute("ttvChart", json.writeValueAsString(chart));
    }
}
