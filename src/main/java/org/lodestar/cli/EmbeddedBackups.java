package org.lodestar.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Backups of the embedded database: a zip holding the database file as H2's {@code BACKUP TO} copies it (a
 * consistent copy taken through a connection, so a running server keeps serving: with {@code AUTO_SERVER} the
 * command connects to it), the configuration folder, and a note of what the backup is.
 */
final class EmbeddedBackups {

    /** The database file inside the data folder and inside a backup. */
    static final String DATABASE_FILE = "lodestar.mv.db";
    /** What a backup says about itself: the first entry of the zip. */
    static final String NOTE = "lodestar-backup.txt";
    static final String CONFIG = "config/";
    private static final String LOCK_FILE = "lodestar.lock.db";

    private EmbeddedBackups() {
    }

    /** What a backup wrote or a restore put in place. */
    record Done(Path file, long databaseBytes, int configFiles, long tables) {
    }

    /** A backup or restore refused, with what to do instead; nothing was written. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** The JDBC URL of the embedded database in {@code data}, opened only if it exists. */
    static String url(Path data) {
        return "jdbc:h2:file:" + data.resolve("lodestar") + DatabaseOptions.H2_SETTINGS + ";IFEXISTS=TRUE";
    }

    /** Copies the database in {@code data} and its configuration folder into the zip {@code file}. */
    static Done backup(Path data, Path file, boolean force, Clock clock, Consumer<String> progress)
            throws Refused, IOException {
        if (!Files.isRegularFile(data.resolve(DATABASE_FILE))) {
            throw new Refused("No embedded database in " + data + " (expected " + data.resolve(DATABASE_FILE)
                    + "); give its folder with --data DIR");
        }
        if (Files.isDirectory(file)) {
            throw new Refused("FILE: " + file + " is a folder; expected the name of the zip to write, such as "
                    + file.resolve("lodestar-backup.zip"));
        }
        if (Files.exists(file) && !force) {
            throw new Refused("FILE: " + file + " exists; choose another name, or --force to replace it");
        }
        Path absolute = file.toAbsolutePath().normalize();
        Files.createDirectories(absolute.getParent());
        Path copy = Files.createTempFile(absolute.getParent(), ".lodestar-backup-", ".zip");
        Files.delete(copy);
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        try {
            progress.accept("Copying the database in " + data + " (consistent, while it may be in use) ...");
            long tables;
            try (Connection connection = DriverManager.getConnection(url(data));
                    Statement statement = connection.createStatement()) {
                tables = tables(statement);
                statement.execute("BACKUP TO '" + copy.toString().replace("'", "''") + "'");
            } catch (SQLException e) {
                throw new Refused("Could not copy the database in " + data + ": " + e.getMessage());
            }
            long databaseBytes;
            int configFiles = 0;
            try (OutputStream out = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry(NOTE));
                zip.write(("Lodestar backup of the embedded database in " + data + "\ntaken " + Instant.now(clock)
                        + "\ntables " + tables + "\nrestore with: ./lodestar restore FILE --data DIR\n")
                        .getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                databaseBytes = copyDatabase(copy, zip);
                Path config = data.resolve("config");
                if (Files.isDirectory(config)) {
                    progress.accept("Adding the configuration folder " + config + " ...");
                    for (Path path : files(config)) {
                        zip.putNextEntry(new ZipEntry(CONFIG + config.relativize(path).toString().replace('\\', '/')));
                        Files.copy(path, zip);
                        zip.closeEntry();
                        configFiles++;
                    }
                }
            }
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Done(absolute, databaseBytes, configFiles, tables);
        } finally {
            Files.deleteIfExists(copy);
            Files.deleteIfExists(partial);
        }
    }

    private static long copyDatabase(Path copy, ZipOutputStream zip) throws IOException, Refused {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(copy))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals(DATABASE_FILE)) {
                    zip.putNextEntry(new ZipEntry(DATABASE_FILE));
                    long bytes = in.transferTo(zip);
                    zip.closeEntry();
                    return bytes;
                }
            }
        }
        throw new Refused("The database's copy holds no " + DATABASE_FILE);
    }

    /**
     * Puts the database and configuration of backup {@code file} in {@code data}. A database in use is never replaced;
     * one already there only with {@code force}, and then it is kept beside, renamed, as is the configuration folder.
     */
    static Done restore(Path file, Path data, boolean force, Clock clock, Consumer<String> progress)
            throws Refused, IOException {
        if (!Files.isRegularFile(file)) {
            throw new Refused("FILE: no such backup file: " + file);
        }
        List<String> entries = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                entries.add(e.nextElement().getName());
            }
        } catch (ZipException e) {
            throw notABackup(file, "it is not a zip file");
        }
        if (!entries.contains(DATABASE_FILE) || !entries.contains(NOTE)) {
            throw notABackup(file, "it holds no " + (entries.contains(DATABASE_FILE) ? NOTE : DATABASE_FILE));
        }
        for (String entry : entries) {
            if (!entry.equals(DATABASE_FILE) && !entry.equals(NOTE) && !(entry.startsWith(CONFIG) && safe(entry))) {
                throw notABackup(file, "it holds '" + entry + "', which a backup does not");
            }
        }
        Path database = data.resolve(DATABASE_FILE);
        if (Files.exists(data.resolve(LOCK_FILE))) {
            throw new Refused("The database in " + data + " is in use (" + data.resolve(LOCK_FILE) + " exists): stop "
                    + "the server and the tools using it first. If none runs, a crash left the lock file: delete it.");
        }
        boolean replacing = Files.exists(database);
        if (replacing && !force) {
            throw new Refused("There is a database in " + data + " already; restore into an empty folder (--data DIR), "
                    + "or --force to replace it (it is kept beside, renamed)");
        }
        Files.createDirectories(data);
        String stamp = Instant.now(clock).toString().replace(":", "-");
        if (replacing) {
            Path kept = data.resolve(DATABASE_FILE + ".before-restore-" + stamp);
            Files.move(database, kept);
            progress.accept("Kept the database that was there as " + kept);
        }
        Path config = data.resolve("config");
        boolean hasConfig = entries.stream().anyMatch(e -> e.startsWith(CONFIG) && !e.equals(CONFIG));
        if (hasConfig && Files.exists(config)) {
            Path kept = data.resolve("config.before-restore-" + stamp);
            Files.move(config, kept);
            progress.accept("Kept the configuration folder that was there as " + kept);
        }
        long databaseBytes = 0;
        int configFiles = 0;
        progress.accept("Restoring " + file + " into " + data + " ...");
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals(DATABASE_FILE)) {
                    Path partial = data.resolve(DATABASE_FILE + ".partial");
                    databaseBytes = Files.copy(zip, partial, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(partial, database, StandardCopyOption.ATOMIC_MOVE);
                } else if (entry.getName().startsWith(CONFIG) && !entry.isDirectory()) {
                    Path target = data.resolve(entry.getName()).normalize();
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                    configFiles++;
                }
            }
        }
        long tables;
        try (Connection connection = DriverManager.getConnection(url(data));
                Statement statement = connection.createStatement()) {
            tables = tables(statement);
        } catch (SQLException e) {
            throw new Refused("The restored database in " + data + " does not open: " + e.getMessage());
        }
        return new Done(database, databaseBytes, configFiles, tables);
    }

    private static Refused notABackup(Path file, String why) {
        return new Refused("FILE: " + file + " is not a Lodestar backup: " + why + " (expected a zip written by "
                + "./lodestar backup, holding " + NOTE + " and " + DATABASE_FILE + ")");
    }

    /** An entry that stays inside the configuration folder. */
    private static boolean safe(String entry) {
        Path path = Path.of(entry).normalize();
        return !path.isAbsolute() && path.startsWith("config") && !entry.contains("..");
    }

    /** The database's own tables: a file that opens and holds them is a database Lodestar can start on. */
    private static long tables(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("select count(*) from information_schema.tables where table_schema = "
                + "'public'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
