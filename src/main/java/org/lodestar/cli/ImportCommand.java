package org.lodestar.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.lodestar.audit.Actor;
import org.lodestar.imports.BookImport;
import org.lodestar.imports.CsvImports;
import org.lodestar.imports.ImportKind;
import org.lodestar.imports.ImportReport;
import org.lodestar.imports.RavenStackImport;
import org.lodestar.imports.RowProblem;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", description = {
        "Import a Lodestar CSV or JSON export file, or a RavenStack folder, into the book.",
        "KIND is accounts, stakeholders, subscriptions, tickets, surveys, invoices or feature-requests (Lodestar CSV),"
                + " metrics (a table of stated figures, kept for the data hygiene report), zendesk-tickets or"
                + " stripe-invoices (JSON export), ravenstack (the data set's folder), or book (a folder ./lodestar export"
                + " wrote, into an empty instance).",
        "A file with any bad row imports nothing unless --partial is given. Re-importing changes nothing." })
class ImportCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Parameters(index = "0", paramLabel = "KIND", description = "accounts, stakeholders, subscriptions, tickets, "
            + "surveys, invoices, feature-requests, metrics, zendesk-tickets, stripe-invoices, ravenstack or book")
    String kind;

    @Parameters(index = "1", paramLabel = "FILE", description = "The CSV or JSON file (for ravenstack: the data set's "
            + "folder; for book: the export's folder)")
    Path file;

    @Option(names = "--partial", description = "Import the good rows and report the bad ones (not for book).")
    boolean partial;

    @Override
    public Integer call() throws IOException {
        if (!Files.exists(file)) {
            System.err.println("No such file or folder: " + file);
            return 2;
        }
        if (kind.equalsIgnoreCase("book")) {
            return importBook();
        }
        if (kind.equalsIgnoreCase("ravenstack")) {
            if (!Files.isDirectory(file)) {
                System.err.println("ravenstack expects the data set's folder (with ravenstack_accounts.csv), got " + file);
                return 2;
            }
            try (ConfigurableApplicationContext context = Instance.tool(database)) {
                long started = System.nanoTime();
                var report = context.getBean(RavenStackImport.class).run(file, Actor.commandLine(),
                        line -> System.out.printf("[%3d s] %s%n", (System.nanoTime() - started) / 1_000_000_000L, line));
                report.lines().forEach(System.out::println);
                return report.committed() ? 0 : 1;
            }
        }
        ImportKind importKind;
        try {
            importKind = ImportKind.of(kind);
        } catch (IllegalArgumentException e) {
            System.err.println("KIND: " + e.getMessage().replace("expected one of ", "expected one of book, ravenstack, "));
            return 2;
        }
        if (Files.isDirectory(file)) {
            System.err.println(importKind.label() + " expects a " + (importKind.json() ? "JSON" : "CSV")
                    + " file, got the folder " + file);
            return 2;
        }
        byte[] content = Files.readAllBytes(file);
        try (ConfigurableApplicationContext context = Instance.tool(database)) {
            System.out.println("Importing " + file + " into the " + database.describe() + " ...");
            Progress progress = Progress.of("Importing rows");
            ImportReport report = context.getBean(CsvImports.class).run(importKind, content,
                    file.getFileName().toString(), partial, Actor.commandLine(), progress::update);
            for (RowProblem problem : report.rejected()) {
                System.out.println("  rejected " + problem);
            }
            System.out.println(report.summary());
            return report.committed() && report.rejected().isEmpty() ? 0 : 1;
        }
    }

    /** A folder written by ./lodestar export, file by file in dependency order; scores and signals once at the end. */
    private int importBook() throws IOException {
        String problem = BookImport.problemWith(file);
        if (problem != null) {
            System.err.println(problem);
            return 2;
        }
        if (partial) {
            System.err.println("--partial does not apply to book: each file goes in whole or not at all");
            return 2;
        }
        try (ConfigurableApplicationContext context = Instance.tool(database)) {
            System.out.println("Importing the book in " + file + " into the " + database.describe() + " ...");
            BookImport.Outcome outcome = context.getBean(BookImport.class).run(file, Actor.commandLine(),
                    System.out::println);
            if (!outcome.complete()) {
                System.out.println("Stopped at " + outcome.files().getLast().file() + ": nothing of it was imported; "
                        + "the files before it were. Fix it and import the folder again (what is in already stays as "
                        + "it is).");
                return 1;
            }
            System.out.println("Imported the book: " + outcome.files().size() + " file(s), " + outcome.scored()
                    + " account(s) scored, " + outcome.signalsFired() + " signal(s) fired.");
            return 0;
        }
    }
}
