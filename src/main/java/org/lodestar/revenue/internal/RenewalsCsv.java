package org.lodestar.revenue.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.lodestar.infrastructure.CsvCells;
import org.lodestar.revenue.Renewal;
import org.lodestar.revenue.Renewals;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The revenue page's renewal calendar as CSV: every renewal of the window the page shows, with its ids, ARR due,
 * health, risk and why, forecast and outcome. Text a person typed is escaped against spreadsheet formulas.
 */
@Controller
class RenewalsCsv {

    static final String[] HEADER = { "subscription_id", "subscription_external_id", "account_id", "account_name",
            "owner_email", "segment", "renewal_date", "days_left", "arr_due", "auto_renew", "health_band", "risk",
            "risk_reasons", "forecast_arr", "forecast_source", "forecast_note", "outcome", "outcome_arr", "outcome_source",
            "outcome_note" };

    private final Renewals renewals;

    RenewalsCsv(Renewals renewals) {
        this.renewals = renewals;
    }

    /** The window as the page reads it: one of its choices, 90 days otherwise. */
    @GetMapping("/revenue/renewals.csv")
    void renewals(@RequestParam(defaultValue = "90") int days, HttpServletResponse response) throws IOException {
        int window = Arrays.stream(RevenuePage.WINDOWS).anyMatch(w -> w == days) ? days : 90;
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"lodestar-renewals-" + renewals.today()
                + "-next-" + window + "-days.csv\"");
        write(renewals.upcoming(window, null), response.getWriter());
    }

    static void write(List<Renewal> due, Writer out) {
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            for (Renewal r : due) {
                printer.printRecord(r.subscriptionId(), CsvCells.safe(r.subscriptionExternalId()), r.accountId(),
                        CsvCells.safe(r.accountName()), CsvCells.safe(r.owner()), r.segment(), r.renewalDate(), r.daysLeft(),
                        plain(r.arrDue()), r.autoRenew(), r.healthBand() == null ? "" : r.healthBand(), r.risk().label(),
                        CsvCells.safe(String.join("; ", r.riskReasons())), plain(r.forecastArr()), r.forecastSource(),
                        CsvCells.safe(r.forecastNote()), r.outcome() == null ? "" : r.outcome().label(), plain(r.outcomeArr()),
                        r.outcomeSource() == null ? "" : r.outcomeSource(), CsvCells.safe(r.outcomeNote()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? "" : amount.toPlainString();
    }
}
