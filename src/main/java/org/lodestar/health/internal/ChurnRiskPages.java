package org.lodestar.health.internal;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lodestar.errors.NotFound;
import org.lodestar.health.ChurnRisks;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.json.JsonMapper;

/** The churn model on the pages: the account page's panel beside the health score, and the book ranked by ARR at risk. */
@Controller
class ChurnRiskPages {

    /** Accounts drawn in the ranked page's chart. */
    static final int CHARTED = 20;

    private final ChurnRisks risks;
    private final JsonMapper json;

    ChurnRiskPages(ChurnRisks risks, JsonMapper json) {
        this.risks = risks;
        this.json = json;
    }

    @GetMapping("/accounts/{accountId}/churn-risk")
    String panel(@PathVariable long accountId, Model model) {
        model.addAttribute("trained", risks.trained());
        try {
            ChurnRisks.AccountRisk risk = risks.forAccount(accountId);
            model.addAttribute("risk", risk);
            model.addAttribute("percent", percents(risk));
        } catch (NotFound e) {
            model.addAttribute("risk", null);
        }
        return "churn-risk :: panel";
    }

    private static Map<Integer, String> percents(ChurnRisks.AccountRisk risk) {
        Map<Integer, String> percent = new LinkedHashMap<>();
        risk.horizons().forEach(h -> percent.put(h.days(), ChurnRisks.percent(h.probability().doubleValue())));
        return percent;
    }

    @GetMapping("/health/churn-risk")
    String ranked(@RequestParam(defaultValue = "90") int horizon, Model model) {
        int days = ChurnRisks.HORIZONS.contains(horizon) ? horizon : ChurnRisks.HORIZONS.getFirst();
        List<ChurnRisks.RankedRisk> ranked = risks.ranked(days);
        model.addAttribute("horizon", days);
        model.addAttribute("horizons", ChurnRisks.HORIZONS);
        model.addAttribute("ranked", ranked);
        model.addAttribute("version", risks.inForce(days).orElse(null));
        model.addAttribute("totalArr", ranked.stream().map(ChurnRisks.RankedRisk::arr).reduce(BigDecimal.ZERO, BigDecimal::add));
        model.addAttribute("totalAtRisk", ranked.stream().map(ChurnRisks.RankedRisk::expectedArrAtRisk)
                .reduce(BigDecimal.ZERO, BigDecimal::add));
        List<ChurnRisks.RankedRisk> top = ranked.subList(0, Math.min(CHARTED, ranked.size()));
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", top.stream().map(ChurnRisks.RankedRisk::name).toList());
        chart.put("unit", "$");
        chart.put("horizontal", true);
        chart.put("stacked", true);
        chart.put("datasets", List.of(
                Map.of("label", "Expected ARR at risk", "data", top.stream().map(ChurnRisks.RankedRisk::expectedArrAtRisk).toList(),
                        "color", "#c73e1d"),
                Map.of("label", "Rest of ARR", "data", top.stream().map(r -> r.arr().subtract(r.expectedArrAtRisk())).toList(),
                        "color", "#e4e9ee")));
        model.addAttribute("chart", json.writeValueAsString(chart));
        model.addAttribute("charted", top.size());
        return "churn-risk-book";
    }
}
