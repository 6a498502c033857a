package org.lodestar.cli;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.lodestar.errors.InvalidInput;
import org.lodestar.usage.EventPartitions;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "events", description = "The event log's monthly partitions (PostgreSQL).", subcommands = {
        EventsCommand.Partitions.class, EventsCommand.Detach.class })
class EventsCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "partitions", description = { "Lists the event log's partitions with about how many events each holds; "
            + "makes this month's and the next three when missing.", "Exit code 0; 2 on the embedded database, which has none." })
    static class Partitions implements Callable<Integer> {

        @Mixin
        DatabaseOptions database;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = Instance.tool(database)) {
                EventPartitions partitions = context.getBean(EventPartitions.class);
                if (!partitions.partitioned()) {
                    System.err.println("The event log is partitioned on PostgreSQL only; the embedded database keeps one table.");
                    return 2;
                }
                partitions.ensureAhead(partitions.today()).forEach(t -> System.out.println("Made " + t));
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] { "Partition", "Month", "Events (estimate)" });
                partitions.list().forEach(p -> rows.add(new String[] { p.table(), p.month() == null ? "(any other day)"
                        : p.month().toString(), String.format("%,d", p.rows()) }));
                Table.print(rows);
                return 0;
            }
        }
    }

    @Command(name = "detach", description = { "Detaches the month partitions before a month from the event log, to archive "
            + "(pg_dump -t TABLE) and drop. The usage rollups, which health and signals read, keep those months' figures.",
            "Exit code 0; 2 when the month is wrong or the database is the embedded one." })
    static class Detach implements Callable<Integer> {

        @Mixin
        DatabaseOptions database;

        @Option(names = "--before", required = true, paramLabel = "YYYY-MM", description = "The first month to keep")
        String before;

        @Override
        public Integer call() {
            YearMonth month;
            try {
                month = YearMonth.parse(before);
            } catch (DateTimeParseException e) {
                System.err.println("--before: expected a month as YYYY-MM, such as 2026-06, got " + before);
                return 2;
            }
            try (ConfigurableApplicationContext context = Instance.tool(database)) {
                List<String> detached = context.getBean(EventPartitions.class).detachBefore(month);
                System.out.println(detached.isEmpty() ? "No month partition before " + month + " to detach."
                        : "Detached " + String.join(", ", detached) + ": archive them (pg_dump -t TABLE) and drop them.");
                return 0;
            } catch (InvalidInput e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
    }
}
