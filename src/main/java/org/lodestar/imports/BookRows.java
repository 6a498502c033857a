package org.lodestar.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.errors.Conflict;
import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.lodestar.imports.BookImport.FileOutcome;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How {@link BookImport} reads one file of a book into records and writes them, all or nothing: every row is checked
 * first (any bad cell stops the whole file, each named with its line and column), then the records are written in one
 * transaction, each unless it is there; a record the domain refuses rolls the file back, named by its line.
 */
@Component
class BookRows {

    /** How a summary ends, after the records created: those already there, left as they are. */
    static final String KEPT = "already there (kept as they are)";
    /** The same in fewer words, as the summaries of activities and plans say it. */
    static final String ALREADY_THERE = "already there";

    /** Writes one record unless it is there; {@code occurrence} counts the records of the same key in the file. */
    interface Restore<T> {
        boolean once(T record, int occurrence);
    }

    /** A record and the line it was read from (its first line, for a record of several rows). */
    record Read<T>(long line, T record) {
    }

    private final TransactionTemplate transactions;

    BookRows(TransactionTemplate transactions) {
        this.transactions = transactions;
    }

    /** Reads {@code content} as the CSV table of {@code file} and imports it, or says why it is unreadable. */
    static FileOutcome withTable(BookFiles file, byte[] content, Function<CsvTable, FileOutcome> importer) {
        CsvTable table;
        try {
            table = CsvTable.read(content, file.required(), file.optional());
        } catch (CsvTable.FileProblem e) {
            return BookImport.unreadable(file, e);
        }
        return importer.apply(table);
    }

    /**
     * Reads every row of a file into a record (a record of one row), then writes them all or nothing; {@code key}
     * says which records are the same for counting their occurrences.
     */
    <T> FileOutcome importRows(BookFiles file, byte[] content, Actor by, Function<CsvTable.Cells, T> reader,
            Function<T, List<Object>> key, Restore<T> restore, String already) {
        return withTable(file, content, table -> {
            List<RowProblem> problems = new ArrayList<>();
            List<Read<T>> read = new ArrayList<>();
            for (CsvTable.Row row : table.rows) {
                CsvTable.Cells cells = new CsvTable.Cells(row);
                T record = reader.apply(cells);
                problems.addAll(cells.problems());
                if (cells.problems().isEmpty()) {
                    read.add(new Read<>(row.line(), record));
                }
            }
            if (!problems.isEmpty()) {
                return BookImport.badRows(file, problems);
            }
            return write(file, by, read, key, restore, read.size() + " row(s)", already);
        });
    }

    /**
     * Writes records read from a file in one transaction, each unless it is there; {@code what} says what was read
     * and {@code already} how the summary ends.
     */
    <T> FileOutcome write(BookFiles file, Actor by, List<Read<T>> read, Function<T, List<Object>> key, Restore<T> restore,
            String what, String already) {
        List<RowProblem> problems = new ArrayList<>();
        int[] created = { 0 };
        Map<List<Object>, Integer> seen = new HashMap<>();
        try {
            Actors.runAs(Actor.importOf(file.file(), by), () -> transactions.executeWithoutResult(status -> {
                for (Read<T> record : read) {
                    try {
                        if (restore.once(record.record(), seen.merge(key.apply(record.record()), 1, Integer::sum))) {
                            created[0]++;
                        }
                    } catch (InvalidInput e) {
                        e.problems().forEach(p -> problems.add(new RowProblem(record.line(), p.field(), p.reason())));
                        throw e;
                    } catch (Conflict | NotFound e) {
                        problems.add(new RowProblem(record.line(), null, e.getMessage()));
                        throw e;
                    }
                }
            }));
        } catch (InvalidInput | Conflict | NotFound e) {
            return BookImport.badRows(file, problems);
        }
        return new FileOutcome(file.file(), "Imported " + file.file() + ": " + what + ": " + created[0] + " created, "
                + (read.size() - created[0]) + " " + already, List.of());
    }
}
