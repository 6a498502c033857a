package org.lodestar.worklist.internal;

import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.lodestar.accounts.TimeCategory;
import org.lodestar.errors.InvalidInput;
import org.lodestar.worklist.TeamTime;
import org.lodestar.worklist.TimeSplit;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import tools.jackson.databind.json.JsonMapper;

/** The Team page's "Where the time goes" section (team-time.html): its model, apart from the rest of the page's. */
@Component
class TimeSplitSection {

    private static final Map<TimeCategory, String> COLORS = Map.of(TimeCategory.RESCUE, "#c73e1d", TimeCategory.RENEWAL,
            "#1f4e79", TimeCategory.EXPANSION, "#6a994e", TimeCategory.ONBOARDING, "#2e86ab",
            TimeCategory.BUSINESS_REVIEWS, "#f18f01", TimeCategory.OTHER, "#9aa5b1");

    private final TeamTime time;
    private final JsonMapper json;

    TimeSplitSection(TeamTime time, JsonMapper json) {
        this.time = time;
        this.json = json;
    }

    /** The month asked for (a bad one is named and this month shown), its split, and its chart. */
    void addTo(Model model, String month) {
        YearMonth shown;
        try {
            shown = time.parseMonth(month);
        } catch (InvalidInput e) {
            model.addAttribute("timeErrors", e.named(Map.of()));
            shown = time.thisMonth();
        }
        TeamTime.View view = time.month(shown);
        model.addAttribute("time", view);
        model.addAttribute("timeCategories", List.of(TimeCategory.values()));
        model.addAttribute("timeMonth", shown.toString());
        model.addAttribute("timePrevious", shown.minusMonths(1).toString());
        model.addAttribute("timeNext", shown.isBefore(time.thisMonth()) ? shown.plusMonths(1).toString() : null);
        model.addAttribute("timeMonthTitle", shown.getMonth().getDisplayName(TextStyle.FULL,
                Locale.ENGLISH) + " " + shown.getYear());
        model.addAttribute("timeDefaults", view.taskMinutes().entrySet().stream()
                .map(e -> e.getKey().title().toLowerCase(Locale.ROOT) + " " + e.getValue() + "m").toList());
        model.addAttribute("timeChart", json.writeValueAsString(chart(view)));
    }

    /** Two stacked bars per CSM, this month's split and the target, each category a colour. */
    private static Map<String, Object> chart(TeamTime.View view) {
        List<String> labels = new ArrayList<>();
        Map<TimeCategory, List<Integer>> data = new LinkedHashMap<>();
        for (TimeCategory c : TimeCategory.values()) {
            data.put(c, new ArrayList<>());
        }
        for (TeamTime.CsmTime csm : view.csms()) {
            labels.add(csm.name() + " · actual");
            labels.add(csm.name() + " · target");
            for (TimeSplit.Row row : csm.split().rows()) {
                data.get(row.category()).add(csm.split().totalMinutes() == 0 ? null : row.share());
                data.get(row.category()).add(row.target());
            }
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", labels);
        chart.put("stacked", true);
        chart.put("horizontal", true);
        chart.put("unit", "%");
        chart.put("max", 100);
        chart.put("datasets", data.entrySet().stream().map(e -> {
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("label", e.getKey().title());
            set.put("color", COLORS.get(e.getKey()));
            set.put("data", e.getValue());
            return set;
        }).toList());
        return chart;
    }
}
