package org.lodestar.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.lodestar.audit.Actor;
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
                + " stripe-invoices (JSON export), or ravenstack (the data set's folder).",
        "A file with any bad row imports nothing unless --partial is given. Re-importing changes nothing." })
class ImportCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Parameters(index = "0", paramLabel = "KIND", description = "accounts, stakeholders, subscriptions, tickets, "
            + "surveys, invoices, feature-requests, metrics, zendesk-tickets, stripe-invoices or ravenstack")
    String kind;

    @Parameters(index = "1", paramLabel = "FILE", description = "The CSV or JSON file (for ravenstack: the data set's "
            + "folder)")
    Path file;

    @Option(names = "--partial", description = "Import the good rows and report the bad ones.")
    boolean partial;

    @Override
    public Integer call() throws IOException {
        if (!Files.exists(file)) {
            System.err.println("No such file or folder: " + file);
            return 2;
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
            System.err.println("KIND: " + e.getMessage().replace("expected one of ", "expected one of ravenstack, "));
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
}
