package org.lodestar.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.lodestar.imports.BookExport;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", description = {
        "Write the whole book into a folder in Lodestar's own import formats: users with their saved views and "
                + "notification settings, accounts, stakeholders, logged notes and meetings, subscriptions (every line "
                + "item), renewal forecasts and outcomes, tickets, surveys, invoices, feature requests (statuses, merges, "
                + "asks), success plans (outcomes and milestones), tasks, review drafts, the outreach history, imported "
                + "usage counts and tracked usage (as /v1/import batches), with a manifest.json of counts.",
        "./lodestar import book DIR into an empty instance gives the same book back; scores, signals, plays and "
                + "the ledger are worked out again there. No password, token, write key, webhook or plan link is "
                + "written (docs/operations.md)." })
class ExportCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Parameters(index = "0", paramLabel = "DIR", description = "The folder to write (created if missing; must be empty "
            + "unless --force).")
    Path folder;

    @Option(names = "--force", description = "Write into DIR even if it holds files (those of an export are replaced).")
    boolean force;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            System.err.println("DIR: " + folder + " is a file; expected a folder to write the book into");
            return 2;
        }
        if (Files.isDirectory(folder) && !force) {
            try (Stream<Path> entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    System.err.println("DIR: " + folder + " is not empty; choose an empty folder, or --force to write "
                            + "into it");
                    return 2;
                }
            }
        }
        Files.createDirectories(folder);
        try (ConfigurableApplicationContext context = Instance.tool(database)) {
            System.out.println("Exporting the book of the " + database.describe() + " into " + folder + " ...");
            BookExport.Written written = context.getBean(BookExport.class).write(folder, version(), System.out::println);
            System.out.println("Exported into " + folder + ": " + written.rows().entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey()).reduce((a, b) -> a + ", " + b).orElse("nothing")
                    + "; manifest.json lists them.");
            return 0;
        }
    }

    /** The version the manifest names: the jar's, else the command line's. */
    static String version() {
        String version = LodestarCommand.class.getPackage().getImplementationVersion();
        if (version != null) {
            return version;
        }
        String[] declared = LodestarCommand.class.getAnnotation(Command.class).version();
        return declared.length == 0 ? "unknown" : declared[0].replaceFirst("^Lodestar ", "");
    }
}
