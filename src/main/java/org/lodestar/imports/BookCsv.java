package org.lodestar.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.lodestar.infrastructure.Labels;

/**
 * How an export writes a book's CSV files ({@link BookExport}, {@link BookHistory}): a file with its header, and each
 * cell as an import reads it back (empty for nothing, plain amounts, enums by their label).
 */
final class BookCsv {

    private BookCsv() {
    }

    /** Writes one CSV file with its header; returns its rows. */
    static int csv(Path folder, BookFiles file, Consumer<String> progress, Consumer<Consumer<List<String>>> rows)
            throws IOException {
        Path path = folder.resolve(file.file());
        progress.accept("Writing " + file.file() + " ...");
        int[] count = { 0 };
        try (Writer writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
                CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            printer.printRecord(file.header());
            rows.accept(row -> {
                try {
                    printer.printRecord(row);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                count[0]++;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        progress.accept("  " + count[0] + " row(s)");
        return count[0];
    }

    @SafeVarargs
    static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    static String money(BigDecimal amount) {
        return amount == null ? "" : amount.toPlainString();
    }

    static String label(Enum<?> value) {
        return value == null ? "" : Labels.of(value);
    }
}
