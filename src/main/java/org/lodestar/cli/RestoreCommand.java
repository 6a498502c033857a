package org.lodestar.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "restore", description = {
        "Restore a backup written by ./lodestar backup into a data folder: its database and configuration folder.",
        "A database in use is never replaced (stop the server first); one already in the folder only with --force, "
                + "and then it is kept beside, renamed (lodestar.mv.db.before-restore-TIME).",
        "On PostgreSQL use pg_restore instead (docs/operations.md, \"Backups and export\")." })
class RestoreCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Parameters(index = "0", paramLabel = "FILE", description = "The backup zip.")
    Path file;

    @Option(names = "--force", description = "Replace the database already in the data folder (kept beside, renamed).")
    boolean force;

    @Override
    public Integer call() throws IOException {
        if (database.url() != null) {
            System.err.println("restore puts back an embedded database; this instance uses PostgreSQL ("
                    + database.describe() + "). Restore a pg_dump file with pg_restore (docs/operations.md, \"Backups "
                    + "and export\").");
            return 2;
        }
        try {
            EmbeddedBackups.Done done = EmbeddedBackups.restore(file, database.dataFolder(), force, Clock.systemUTC(),
                    System.out::println);
            System.out.println("Restored " + file + " into " + database.dataFolder() + ": database "
                    + done.databaseBytes() / 1024 + " KB (" + done.tables() + " tables), " + done.configFiles()
                    + " configuration file(s). Start Lodestar on it with ./lodestar serve --data "
                    + database.dataFolder());
            return 0;
        } catch (EmbeddedBackups.Refused e) {
            System.err.println(e.getMessage());
            return 2;
        }
    }
}
