package org.lodestar.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "backup", description = {
        "Back up the embedded database into a zip: a consistent copy taken through a connection, so the server may keep "
                + "running (and writing) meanwhile, with the configuration folder (DIR/config).",
        "On PostgreSQL use pg_dump instead (docs/operations.md, \"Backups and export\")." })
class BackupCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Parameters(index = "0", paramLabel = "FILE", description = "The zip to write.")
    Path file;

    @Option(names = "--force", description = "Replace FILE if it exists.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        if (database.url() != null) {
            System.err.println("backup copies the embedded database; this instance uses PostgreSQL ("
                    + database.describe() + "). Back it up with pg_dump, e.g. pg_dump --format=custom "
                    + "--file=lodestar.dump \"$DATABASE\", and restore with pg_restore (docs/operations.md, \"Backups "
                    + "and export\").");
            return 2;
        }
        try {
            EmbeddedBackups.Done done = EmbeddedBackups.backup(database.dataFolder(), file, force, Clock.systemUTC(),
                    System.out::println);
            System.out.println("Backed up the " + database.describe() + " to " + done.file() + ": database "
                    + done.databaseBytes() / 1024 + " KB (" + done.tables() + " tables), " + done.configFiles()
                    + " configuration file(s).");
            return 0;
        } catch (EmbeddedBackups.Refused e) {
            System.err.println(e.getMessage());
            return 2;
        }
    }
}
