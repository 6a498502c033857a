package org.lodestar.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.errors.Conflict;
import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.lodestar.signals.DataLoads;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "loads", description = {
        "Loads of the book in settling mode: while one is open, signals wait, and completing it evaluates once the "
                + "accounts rescored meanwhile (docs/signals.md).",
        "  begin NAME [--within PT2H]   open one; prints its id",
        "  complete ID                  complete one",
        "  list                         the latest loads" })
class LoadsCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Parameters(index = "0", paramLabel = "ACTION", description = "begin, complete or list")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME|ID", description = "What is being loaded (begin); the "
            + "load's id (complete)")
    String argument;

    @Option(names = "--within", defaultValue = "PT2H", description = "begin: the time limit, after which the load "
            + "completes by itself (ISO-8601, at most PT24H; default: ${DEFAULT-VALUE})")
    String within;

    @Override
    public Integer call() {
        String what = action.trim().toLowerCase(java.util.Locale.ROOT);
        if (!List.of("begin", "complete", "list").contains(what)) {
            System.err.println("ACTION: expected begin, complete or list, got '" + action + "'");
            return 2;
        }
        if (!what.equals("list") && (argument == null || argument.isBlank())) {
            System.err.println(what.equals("begin") ? "begin needs the NAME of what is being loaded"
                    : "complete needs the ID of the load");
            return 2;
        }
        Duration limit;
        try {
            limit = Duration.parse(within.trim());
        } catch (DateTimeParseException e) {
            System.err.println("--within: expected a duration such as PT2H, got '" + within + "'");
            return 2;
        }
        long id = 0;
        if (what.equals("complete")) {
            try {
                id = Long.parseLong(argument.trim());
            } catch (NumberFormatException e) {
                System.err.println("ID: expected the number of a load, got '" + argument + "'");
                return 2;
            }
        }
        try (ConfigurableApplicationContext context = Instance.tool(database)) {
            DataLoads loads = context.getBean(DataLoads.class);
            long chosen = id;
            switch (what) {
                case "begin" -> {
                    DataLoads.Load load = Actors.runAs(Actor.commandLine(), () -> loads.begin(argument, limit));
                    System.out.println("Load " + load.id() + " open: signals wait until it completes (or until "
                            + load.expiresAt() + "). Complete it with: ./lodestar loads complete " + load.id());
                }
                case "complete" -> {
                    DataLoads.Load load = Actors.runAs(Actor.commandLine(), () -> loads.complete(chosen));
                    System.out.println("Load " + load.id() + " (" + load.name() + ") complete: " + load.evaluated()
                            + " accounts evaluated" + (load.evaluated() == 0 && loads.settling()
                                    ? " (another load is still open: they wait for it)" : ""));
                }
                default -> {
                    List<String[]> lines = new ArrayList<>();
                    lines.add(new String[] { "id", "name", "started", "by", "completed", "evaluated" });
                    for (DataLoads.Load load : loads.list(50)) {
                        lines.add(new String[] { String.valueOf(load.id()), load.name(), load.startedAt().toString(),
                                load.startedBy(), load.completedAt() == null ? "open until " + load.expiresAt()
                                        : load.completedAt().toString(),
                                load.evaluated() == null ? "" : String.valueOf(load.evaluated()) });
                    }
                    Table.print(lines);
                }
            }
            return 0;
        } catch (InvalidInput | Conflict | NotFound e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }
}
