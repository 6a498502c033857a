package org.lodestar.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.lodestar.errors.InvalidInput;
import org.lodestar.revenue.TargetPlanner;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "plan", description = { "The target planner: what to save and add per segment and quarter to reach GRR and NRR targets.",
        "Per segment and quarter, the churn ARR to save and the expansion ARR to add, and the accounts that carry it." })
class PlanCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Option(names = "--target", required = true, paramLabel = "SEGMENT:GRR:NRR",
            description = "A target in percent, e.g. enterprise:93:115; once per segment.")
    List<String> targets;

    @Option(names = "--quarters", defaultValue = "4", description = "Quarters to reach the target in (default: ${DEFAULT-VALUE}).")
    int quarters;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = Instance.tool(database)) {
            TargetPlanner.Plan plan;
            try {
                plan = context.getBean(TargetPlanner.class)
                        .plan(new TargetPlanner.Request(quarters, TargetPlanner.parseTargets(targets)));
            } catch (InvalidInput e) {
                e.problems().forEach(p -> System.err.println(p.field() + ": " + p.reason()));
                return 2;
            }
            System.out.println("Target plan as of " + plan.asOf() + " (today's rates measured " + plan.measuredFrom()
                    + " to " + plan.measuredTo() + ")");
            for (TargetPlanner.SegmentPlan segment : plan.segments()) {
                System.out.println();
                System.out.println(segment.segment() + ": ARR " + ReportCommand.money(segment.baseArr()) + ", GRR "
                        + ReportCommand.percent(segment.currentGrr()) + " → " + ReportCommand.percent(segment.targetGrr())
                        + ", NRR " + ReportCommand.percent(segment.currentNrr()) + " → "
                        + ReportCommand.percent(segment.targetNrr()));
                List<String[]> lines = new ArrayList<>();
                lines.add(new String[] { "quarter", "GRR", "NRR", "churn ARR to save", "expansion ARR to add" });
                segment.gaps().forEach(g -> lines.add(new String[] { g.quarter(), ReportCommand.percent(g.grr()),
                        ReportCommand.percent(g.nrr()), ReportCommand.money(g.churnToSave()),
                        ReportCommand.money(g.expansionToAdd()) }));
                lines.add(new String[] { "total", "", "", ReportCommand.money(segment.churnToSave()),
                        ReportCommand.money(segment.expansionToAdd()) });
                Table.print(lines);
                System.out.println("Renewals at risk in the horizon: " + segment.renewalsAtRisk().size() + ", ARR at risk "
                        + ReportCommand.money(segment.arrAtRisk()));
                segment.renewalsAtRisk().stream().limit(10).forEach(r -> System.out.println("  " + r.renewalDate() + "  "
                        + r.accountName() + "  at risk " + ReportCommand.money(r.arrAtRisk()) + " of "
                        + ReportCommand.money(r.arrDue()) + " (" + r.risk().label() + ": " + String.join("; ", r.reasons()) + ")"));
                System.out.println("Expansion candidates: " + segment.expansionCandidates().size() + ", potential "
                        + ReportCommand.money(segment.expansionPotential()));
                segment.expansionCandidates().stream().limit(10).forEach(c -> System.out.println("  " + c.accountName()
                        + "  ARR " + ReportCommand.money(c.arr()) + ", potential " + ReportCommand.money(c.potential())));
            }
            return 0;
        }
    }
}
