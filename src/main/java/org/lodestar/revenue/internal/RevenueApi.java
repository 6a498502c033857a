package org.lodestar.revenue.internal;

import java.time.LocalDate;
import java.util.List;

import org.lodestar.accounts.Accounts;
import org.lodestar.revenue.ArrLedger;
import org.lodestar.revenue.ArrMovement;
import org.lodestar.revenue.DrillDown;
import org.lodestar.revenue.RetentionFigure;
import org.lodestar.revenue.RetentionGrouping;
import org.lodestar.revenue.RetentionReport;
import org.lodestar.revenue.RetentionReports;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The ARR ledger and retention over HTTP. */
@RestController
@Tag(name = "Revenue", description = "ARR ledger, retention (NRR, GRR), drill-downs and cohorts")
class RevenueApi {

    private final RetentionReports reports;
    private final ArrLedger ledger;
    private final Accounts accounts;

    RevenueApi(RetentionReports reports, ArrLedger ledger, Accounts accounts) {
        this.reports = reports;
        this.ledger = ledger;
        this.accounts = accounts;
    }

    @GetMapping("/api/revenue/retention")
    @Operation(summary = "Starting ARR, expansion, contraction, churn, ending ARR, NRR, GRR, logo churn and new ARR, per group and in total")
    RetentionReport retention(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) RetentionGrouping by) {
        return reports.report(from, to, by);
    }

    @GetMapping("/api/revenue/movements")
    @Operation(summary = "The accounts and movements behind one retention figure (figure=starting-arr, expansion, ...)")
    DrillDown movements(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam RetentionFigure figure, @RequestParam(required = false) RetentionGrouping by,
            @RequestParam(required = false) String group, @RequestParam(defaultValue = "1000") int limit) {
        return reports.drill(from, to, figure, by, group, limit);
    }

    @GetMapping("/api/revenue/series")
    @Operation(summary = "Retention of each quarter or month in a range, for trend charts")
    List<RetentionReports.SeriesPoint> series(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "quarter") RetentionReports.Interval interval,
            @RequestParam(required = false) RetentionGrouping by) {
        return reports.series(from, to, interval, by);
    }

    @GetMapping("/api/revenue/cohorts")
    @Operation(summary = "ARR of each start-quarter cohort at each quarter end, and the share it kept")
    RetentionReports.CohortTable cohorts(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return reports.cohorts(from, to);
    }

    @GetMapping("/api/accounts/{accountId}/arr-movements")
    @Operation(summary = "An account's ledger: every ARR movement in effective-date order")
    List<ArrMovement> accountLedger(@PathVariable long accountId) {
        accounts.get(accountId);
        return ledger.forAccount(accountId);
    }
}
