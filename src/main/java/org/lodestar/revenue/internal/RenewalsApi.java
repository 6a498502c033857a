package org.lodestar.revenue.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.lodestar.revenue.Renewal;
import org.lodestar.revenue.RenewalOutcome;
import org.lodestar.revenue.Renewals;
import org.lodestar.revenue.TargetPlanner;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The renewal calendar, forecasts, outcomes and the target planner over HTTP. */
@RestController
@Tag(name = "Renewals", description = "Renewal calendar, forecasts and outcomes; the target planner")
class RenewalsApi {

    private final Renewals renewals;
    private final TargetPlanner planner;

    RenewalsApi(Renewals renewals, TargetPlanner planner) {
        this.renewals = renewals;
        this.planner = planner;
    }

    @GetMapping("/api/renewals")
    @Operation(summary = "Renewals due in the next N days (30, 60, 90, 120, 180 or any 1-365), soonest first")
    List<Renewal> upcoming(@RequestParam(defaultValue = "90") int days, @RequestParam(required = false) String owner) {
        return renewals.upcoming(days, owner == null || owner.isBlank() ? null : owner.trim());
    }

    @Operation(summary = "Get a renewal: its risk, forecast and outcome")
    @GetMapping("/api/renewals/{subscriptionId}")
    Renewal get(@PathVariable long subscriptionId) {
        return renewals.get(subscriptionId);
    }

    @Schema(example = """
            {"arr": 165000, "note": "Adding the support team: 50 seats"}""")
    record ForecastBody(BigDecimal arr, String note) {
    }

    @PutMapping("/api/renewals/{subscriptionId}/forecast")
    @Operation(summary = "Record the CSM's forecast of the ARR this renewal will close at")
    Renewal forecast(@PathVariable long subscriptionId, @RequestBody ForecastBody body) {
        return renewals.recordForecast(subscriptionId, body.arr(), body.note());
    }

    @Schema(example = """
            {"outcome": "expanded", "arr": 165000, "note": "Signed with 50 more seats"}""")
    record OutcomeBody(RenewalOutcome outcome, BigDecimal arr, String note) {
    }

    @PutMapping("/api/renewals/{subscriptionId}/outcome")
    @Operation(summary = "Record how the renewal closed: renewed, expanded, contracted or churned, with the ARR")
    Renewal outcome(@PathVariable long subscriptionId, @RequestBody OutcomeBody body) {
        return renewals.recordOutcome(subscriptionId, body.outcome(), body.arr(), body.note());
    }

    @GetMapping("/api/renewals/forecast-accuracy")
    @Operation(summary = "Per quarter: ARR due, forecast and actual for the renewals that have come due")
    List<Renewals.ForecastAccuracy> accuracy(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return renewals.forecastAccuracy(from, to);
    }

    @GetMapping("/api/revenue/plan")
    @Operation(summary = "Target planner: per segment and quarter, churn ARR to save and expansion ARR to add, and "
            + "the accounts that carry it. target=SEGMENT:GRR:NRR in percent, once per segment, e.g. target=enterprise:93:115")
    TargetPlanner.Plan plan(@RequestParam(defaultValue = "4") int quarters, @RequestParam List<String> target) {
        return planner.plan(new TargetPlanner.Request(quarters, TargetPlanner.parseTargets(target)));
    }
}
