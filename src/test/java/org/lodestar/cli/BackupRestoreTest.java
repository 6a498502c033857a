package org.lodestar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lodestar.DatabaseAvailable;
import org.lodestar.TestDatabase;
import org.lodestar.audit.Actor;
import org.lodestar.imports.CsvImports;
import org.lodestar.imports.ImportKind;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code backup} and {@code restore} of the embedded database: a backup taken while Lodestar has the database open and
 * is writing to it restores to a database that holds a consistent moment of it (every account written before the last
 * one it holds, none half-written), opens, and keeps the configuration folder; bad files and occupied folders are
 * refused, saying why.
 */
@Tag("slow")
@ExtendWith(DatabaseAvailable.class)
class BackupRestoreTest {

    @TempDir
    Path folder;

    @Test
    void aBackupTakenWhileTheDatabaseIsWrittenRestoresAConsistentCopy() throws Exception {
        assumeFalse(TestDatabase.postgres(), "backup is for the embedded database; the PostgreSQL run checks the refusal");
        Path live = folder.resolve("live");
        Files.createDirectories(live.resolve("config/notes"));
        Files.writeString(live.resolve("config/notes/runbook.txt"), "Restore drills: first Monday ✓\n");
        DatabaseOptions options = new DatabaseOptions();
        options.data = live;
        AtomicInteger written = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        CommandLineTest.Run backup;
        try (ConfigurableApplicationContext context = Instance.tool(options)) {
            CsvImports imports = context.getBean(CsvImports.class);
            StringBuilder first = new StringBuilder("external_id,name\n");
            for (int i = 1; i <= 50; i++) {
                first.append("BASE-").append(i).append(",Base ").append(i).append('\n');
            }
            assertThat(imports.run(ImportKind.ACCOUNTS, first.toString().getBytes(StandardCharsets.UTF_8), "base.csv",
                    false, Actor.commandLine()).committed()).isTrue();
            Thread writer = Thread.ofPlatform().start(() -> {
                while (writing.get()) {
                    int next = written.get() + 1;
                    String file = "external_id,name\nW-" + next + ",Written while backing up " + next + "\n";
                    imports.run(ImportKind.ACCOUNTS, file.getBytes(StandardCharsets.UTF_8), "w.csv", false,
                            Actor.commandLine());
                    written.set(next);
                }
            });
            // The backup starts once writes are under way, and they go on throughout it.
            while (written.get() < 5) {
                Thread.onSpinWait();
            }
            backup = CommandLineTest.execute("backup", folder.resolve("backups/live.zip").toString(), "--data",
                    live.toString());
            int duringBackup = written.get();
            writing.set(false);
            writer.join();
            assertThat(duringBackup).as("writes went on while the backup ran").isGreaterThanOrEqualTo(5);
        }
        assertThat(backup.status()).as(backup.out()).isZero();
        assertThat(backup.out()).contains("Copying the database in", "Adding the configuration folder",
                "Backed up the embedded database in " + live.toAbsolutePath().normalize(), "1 configuration file(s)");

        Path restoredData = folder.resolve("restored");
        CommandLineTest.Run restore = CommandLineTest.execute("restore", folder.resolve("backups/live.zip").toString(),
                "--data", restoredData.toString());
        assertThat(restore.status()).as(restore.out()).isZero();
        assertThat(restore.out()).contains("Restored ", "1 configuration file(s)");
        assertThat(Files.readString(restoredData.resolve("config/notes/runbook.txt")))
                .isEqualTo("Restore drills: first Monday ✓\n");

        List<List<String>> base = BookRoundTripTest.rows(EmbeddedBackups.url(restoredData),
                "select external_id from account where external_id like 'BASE-%'");
        assertThat(base).hasSize(50);
        List<Integer> during = BookRoundTripTest.rows(EmbeddedBackups.url(restoredData),
                "select external_id from account where external_id like 'W-%'").stream()
                .map(row -> Integer.parseInt(row.getFirst().substring(2))).sorted().toList();
        assertThat(during).as("a moment of the writes: W-1 up to the last one the copy holds, with no gap")
                .isEqualTo(java.util.stream.IntStream.rangeClosed(1, during.size()).boxed().toList());
        assertThat(during.size()).isLessThanOrEqualTo(written.get());

        CommandLineTest.Run opens = CommandLineTest.execute("users", "list", "--data", restoredData.toString());
        assertThat(opens.status()).as("Lodestar starts on the restored folder: " + opens.out()).isZero();

        CommandLineTest.Run occupied = CommandLineTest.execute("restore", folder.resolve("backups/live.zip").toString(),
                "--data", restoredData.toString());
        assertThat(occupied.status()).isEqualTo(2);
        assertThat(occupied.out()).contains("There is a database in", "--force to replace it");
        CommandLineTest.Run forced = CommandLineTest.execute("restore", folder.resolve("backups/live.zip").toString(),
                "--data", restoredData.toString(), "--force");
        assertThat(forced.status()).as(forced.out()).isZero();
        assertThat(forced.out()).contains("Kept the database that was there as ");
        try (var kept = Files.list(restoredData)) {
            assertThat(kept.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("lodestar.mv.db.before-restore-"));
        }
    }

    @Test
    void refusesWhatIsNotABackupAndADatabaseInUse() throws IOException {
        assumeFalse(TestDatabase.postgres(), "backup is for the embedded database; the PostgreSQL run checks the refusal");
        Path text = Files.writeString(folder.resolve("notes.zip"), "not a zip at all");
        CommandLineTest.Run notZip = CommandLineTest.execute("restore", text.toString(), "--data",
                folder.resolve("a").toString());
        assertThat(notZip.status()).isEqualTo(2);
        assertThat(notZip.out()).contains("is not a Lodestar backup: it is not a zip file");
        assertThat(folder.resolve("a")).doesNotExist();

        Path otherZip = folder.resolve("other.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(otherZip))) {
            zip.putNextEntry(new ZipEntry("photo.jpg"));
            zip.write(new byte[] { 1, 2, 3 });
            zip.closeEntry();
        }
        CommandLineTest.Run wrongZip = CommandLineTest.execute("restore", otherZip.toString(), "--data",
                folder.resolve("a").toString());
        assertThat(wrongZip.status()).isEqualTo(2);
        assertThat(wrongZip.out()).contains("is not a Lodestar backup: it holds no lodestar.mv.db");

        CommandLineTest.Run missing = CommandLineTest.execute("restore", folder.resolve("nope.zip").toString());
        assertThat(missing.out()).contains("FILE: no such backup file:");

        CommandLineTest.Run nothing = CommandLineTest.execute("backup", folder.resolve("b.zip").toString(), "--data",
                folder.resolve("empty").toString());
        assertThat(nothing.status()).isEqualTo(2);
        assertThat(nothing.out()).contains("No embedded database in");

        Path data = folder.resolve("in-use");
        DatabaseOptions options = new DatabaseOptions();
        options.data = data;
        try (ConfigurableApplicationContext context = Instance.tool(options)) {
            CommandLineTest.Run first = CommandLineTest.execute("backup", folder.resolve("b.zip").toString(), "--data",
                    data.toString());
            assertThat(first.status()).as(first.out()).isZero();
            CommandLineTest.Run again = CommandLineTest.execute("backup", folder.resolve("b.zip").toString(), "--data",
                    data.toString());
            assertThat(again.status()).isEqualTo(2);
            assertThat(again.out()).contains("exists; choose another name, or --force to replace it");
            CommandLineTest.Run inUse = CommandLineTest.execute("restore", folder.resolve("b.zip").toString(), "--data",
                    data.toString(), "--force");
            assertThat(inUse.status()).isEqualTo(2);
            assertThat(inUse.out()).contains("is in use", "stop the server");
        }
    }

    /** The refusal comes before any connection, so a URL to no server shows it. */
    @Test
    void onPostgreSqlPointsAtPgDumpAndPgRestore() {
        String postgres = "jdbc:postgresql://127.0.0.1:1/lodestar?user=lodestar";
        CommandLineTest.Run refused = CommandLineTest.execute("backup", folder.resolve("b.zip").toString(), "--db-url",
                postgres);
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.out()).contains("this instance uses PostgreSQL", "pg_dump --format=custom",
                "docs/operations.md");
        assertThat(folder.resolve("b.zip")).doesNotExist();
        CommandLineTest.Run restore = CommandLineTest.execute("restore", folder.resolve("b.zip").toString(), "--db-url",
                postgres);
        assertThat(restore.status()).isEqualTo(2);
        assertThat(restore.out()).contains("this instance uses PostgreSQL", "pg_restore");
    }
}
