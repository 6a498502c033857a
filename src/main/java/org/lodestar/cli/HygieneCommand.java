package org.lodestar.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.lodestar.hygiene.DataHygiene;
import org.lodestar.hygiene.Finding;
import org.lodestar.hygiene.FindingKind;
import org.lodestar.hygiene.HygieneScores;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import tools.jackson.databind.json.JsonMapper;

@Command(name = "hygiene", description = "The data hygiene report: what disagrees, duplicates, impossible or stale values, "
        + "wrong stated figures, and the score per CSM.")
class HygieneCommand implements Callable<Integer> {

    enum Format { table, json }

    @Mixin
    DatabaseOptions database;

    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--kind", description = "Only this kind of finding, e.g. arr-disagrees.")
    String kind;

    @Option(names = "--owner", paramLabel = "EMAIL", description = "Only findings on this CSM's accounts.")
    String owner;

    @Override
    public Integer call() {
        FindingKind only = null;
        if (kind != null) {
            try {
                only = FindingKind.of(kind);
            } catch (IllegalArgumentException e) {
                System.err.println("--kind: " + e.getMessage());
                return 2;
            }
        }
        try (ConfigurableApplicationContext context = Instance.tool(database)) {
            DataHygiene hygiene = context.getBean(DataHygiene.class);
            List<Finding> findings = hygiene.findings(new DataHygiene.Filter(only, null, owner));
            HygieneScores scores = hygiene.scores();
            if (format == Format.json) {
                System.out.println(context.getBean(JsonMapper.class).writerWithDefaultPrettyPrinter()
                        .writeValueAsString(Map.of("findings", findings, "scores", scores)));
                return 0;
            }
            print(findings, scores);
            return 0;
        }
    }

    static void print(List<Finding> findings, HygieneScores scores) {
        System.out.println("Data hygiene: " + findings.size() + (findings.size() == 1 ? " finding" : " findings"));
        if (!findings.isEmpty()) {
            List<String[]> lines = new ArrayList<>();
            lines.add(new String[] { "severity", "kind", "accounts", "values", "fix" });
            for (Finding f : findings) {
                lines.add(new String[] { f.severity().label(), f.kind().label(),
                        f.accounts().isEmpty() ? String.join("; ", f.sources())
                                : String.join(", ", f.accounts().stream().map(a -> a.name() + " (" + a.id() + ")").toList()),
                        String.join("; ", f.values().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()),
                        f.fix() });
            }
            Table.print(lines);
        }
        System.out.println();
        System.out.println("Score per CSM (mean of their accounts; 100 minus 25/10/5 per high/medium/low finding):");
        List<String[]> csms = new ArrayList<>();
        csms.add(new String[] { "CSM", "accounts", "findings", "score" });
        scores.csms().forEach(c -> csms.add(new String[] { c.name() + " <" + c.owner() + ">", String.valueOf(c.accounts()),
                String.valueOf(c.findings()), String.valueOf(c.score()) }));
        Table.print(csms);
    }
}
