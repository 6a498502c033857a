package org.lodestar.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.lodestar.revenue.Renewal;
import org.lodestar.revenue.Renewals;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "renewals", description = "The renewal calendar: what is due in the next days, with risk and forecast.")
class RenewalsCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Option(names = "--days", defaultValue = "90", description = "How far ahead, 1 to 365 days (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--owner", paramLabel = "EMAIL", description = "Only this CSM's accounts.")
    String owner;

    @Override
    public Integer call() {
        if (days < 1 || days > Renewals.MAX_DAYS) {
            System.err.println("--days: expected 1 to " + Renewals.MAX_DAYS + ", got " + days);
            return 2;
        }
        try (ConfigurableApplicationContext context = Instance.tool(database)) {
            List<Renewal> due = context.getBean(Renewals.class).upcoming(days, owner);
            System.out.println("Renewals in the next " + days + " days" + (owner == null ? "" : " for " + owner) + ": "
                    + due.size());
            if (due.isEmpty()) {
                return 0;
            }
            List<String[]> lines = new ArrayList<>();
            lines.add(new String[] { "account", "date", "days", "ARR due", "health", "risk", "forecast", "owner", "why" });
            java.math.BigDecimal totalDue = java.math.BigDecimal.ZERO;
            java.math.BigDecimal totalForecast = java.math.BigDecimal.ZERO;
            for (Renewal r : due) {
                lines.add(new String[] { r.accountName(), r.renewalDate().toString(), String.valueOf(r.daysLeft()),
                        ReportCommand.money(r.arrDue()), r.healthBand() == null ? "—" : r.healthBand(), r.risk().label(),
                        ReportCommand.money(r.forecastArr()) + ("csm".equals(r.forecastSource()) ? " (csm)" : ""),
                        r.owner() == null ? "unassigned" : r.owner(), String.join("; ", r.riskReasons()) });
                totalDue = totalDue.add(r.arrDue());
                totalForecast = totalForecast.add(r.forecastArr());
            }
            lines.add(new String[] { "total", "", "", ReportCommand.money(totalDue), "", "", ReportCommand.money(totalForecast),
                    "", "" });
            Table.print(lines);
            return 0;
        }
    }
}
