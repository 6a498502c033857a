package org.lodestar.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.playbooks.PlaybookConfiguration;
import org.lodestar.playbooks.PlaybookDefinition;
import org.lodestar.playbooks.Playbooks;
import org.lodestar.signals.Signals;
import org.lodestar.signals.SignalsChanged;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "playbooks", description = "Playbooks: list them, see what would start today, or evaluate the book now.",
        subcommands = { PlaybooksCommand.ListCommand.class, PlaybooksCommand.DryRunCommand.class,
                PlaybooksCommand.RunCommand.class })
class PlaybooksCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "list", description = "The playbooks in force and what starts them.")
    static class ListCommand implements Callable<Integer> {

        @Mixin
        DatabaseOptions database;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Instance.tool(database)) {
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] { "playbook", "category", "starts on", "while open", "steps", "file" });
                for (PlaybookDefinition p : context.getBean(PlaybookConfiguration.class).playbooks()) {
                    rows.add(new String[] { p.name(), p.category().label(), String.join(", ", p.trigger().any()),
                            String.join(", ", p.trigger().all()), String.valueOf(p.steps().size()), p.file() });
                }
                Table.print(rows);
                return 0;
            }
        }
    }

    @Command(name = "dry-run", description = { "Evaluates the signal rules on the whole book as of today (or --as-of a "
            + "day) and lists the signals that would fire and the plays that would start, with each task's owner and due "
            + "date.", "A past day is read as it was; a future day on today's facts with renewal windows and deadlines "
            + "counted to it. Nothing is stored." })
    static class DryRunCommand implements Callable<Integer> {

        @Mixin
        DatabaseOptions database;

        @Option(names = "--as-of", paramLabel = "DATE", description = "The day to preview, YYYY-MM-DD (default: today; "
                + "up to two years back and one ahead).")
        String asOf;

        @Override
        public Integer call() {
            java.time.LocalDate day = null;
            if (asOf != null) {
                try {
                    day = java.time.LocalDate.parse(asOf.trim());
                } catch (java.time.format.DateTimeParseException e) {
                    System.err.println("--as-of: expected a day such as 2027-01-15, got '" + asOf + "'");
                    return 2;
                }
            }
            try (ConfigurableApplicationContext context = Instance.tool(database)) {
                java.time.LocalDate on = day == null ? context.getBean(Signals.class).today() : day;
                Signals.Preview preview;
                List<Playbooks.WouldStart> would;
                try {
                    preview = context.getBean(Signals.class).preview(null, on);
                    would = context.getBean(Playbooks.class).dryRun(on);
                } catch (org.lodestar.errors.InvalidInput e) {
                    System.err.println(e.getMessage());
                    return 2;
                }
                System.out.println(preview.wouldFire().size() + " signal(s) would fire and " + preview.wouldResolve().size()
                        + " resolve on " + on + " (" + database.describe() + "):");
                preview.wouldFire().forEach(f -> System.out.println("    " + f.finding().rule() + " on account "
                        + f.accountId() + ": " + f.finding().summary()));
                System.out.println();
                System.out.println(would.size() + " play(s) would start on " + on + ":");
                for (Playbooks.WouldStart w : would) {
                    System.out.println();
                    System.out.println(w.accountName() + ": " + w.playbook() + " — " + w.reason());
                    w.tasks().forEach(t -> System.out.println("    " + t));
                }
                return 0;
            }
        }
    }

    @Command(name = "run", description = "Evaluates the signal rules on the whole book now, fires and resolves signals, "
            + "and starts the plays they call for.")
    static class RunCommand implements Callable<Integer> {

        @Mixin
        DatabaseOptions database;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Instance.tool(database)) {
                SignalsChanged changed = Actors.runAs(Actor.commandLine(), () -> context.getBean(Signals.class).evaluate(null));
                int started = Actors.runAs(Actor.commandLine(), () -> context.getBean(Playbooks.class).run(null)).size();
                System.out.println(changed.fired().size() + " signal(s) fired and " + changed.resolved().size() + " resolved "
                        + "(their plays start with them); " + started + " more play(s) started for signals already open.");
                return 0;
            }
        }
    }
}
