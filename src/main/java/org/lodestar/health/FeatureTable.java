package org.lodestar.health;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A table of features with a yes/no outcome, as a CS ops team exports it from a warehouse: one row
 * per customer, numeric and categorical columns, blanks for missing values. A column is numeric when
 * every value it holds reads as a finite number; any other column is categorical.
 */
public record FeatureTable(String source, String label, String positive, List<String> columns, List<Boolean> numeric,
        List<String[]> rows, boolean[] outcomes) {

    /** A table that cannot be used, with where and why. */
    public static final class Unusable extends RuntimeException {
        public Unusable(String message) {
            super(message);
        }
    }

    /**
     * Reads a CSV file with a header row. {@code positive} is the label value that means churned;
     * null picks {@code yes}, {@code 1} or {@code true} (in any case) when the label holds one of them.
     */
    public static FeatureTable read(Path file, String label, String positive, String id) {
        String name = file.getFileName().toString();
        if (!Files.isReadable(file)) {
            throw new Unusable(file + ": no such readable file");
        }
        try (Reader reader = new java.io.InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8
                .newDecoder().onMalformedInput(CodingErrorAction.REPORT));
                CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get()
                        .parse(reader)) {
            List<String> header = csv.getHeaderNames();
            if (!header.contains(label)) {
                throw new Unusable(name + ": no column '" + label + "' for --label; the columns are " + String.join(", ",
                        header));
            }
            if (id != null && !header.contains(id)) {
                throw new Unusable(name + ": no column '" + id + "' for --id; the columns are " + String.join(", ", header));
            }
            List<String> columns = header.stream().filter(c -> !c.equals(label) && !c.equals(id)).toList();
            if (columns.isEmpty()) {
                throw new Unusable(name + ": no feature columns besides the label");
            }
            List<String[]> rows = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (CSVRecord record : csv) {
                if (record.size() != header.size()) {
                    throw new Unusable(name + ":" + (record.getRecordNumber() + 1) + ": " + record.size()
                            + " cells, the header has " + header.size());
                }
                String outcome = record.get(label);
                if (outcome.isEmpty()) {
                    throw new Unusable(name + ":" + (record.getRecordNumber() + 1) + ": " + label + ": the label is empty");
                }
                labels.add(outcome);
                rows.add(columns.stream().map(record::get).toArray(String[]::new));
            }
            TreeSet<String> values = new TreeSet<>(labels);
            String chosen = positive != null ? positive : values.stream()
                    .filter(v -> v.equalsIgnoreCase("yes") || v.equals("1") || v.equalsIgnoreCase("true")).findFirst()
                    .orElse(null);
            if (chosen == null || !values.contains(chosen) || values.size() != 2) {
                throw new Unusable(name + ": " + label + " must hold exactly two values, one of them the positive one ("
                        + (positive == null ? "name it with --positive" : "--positive " + positive) + "); it holds "
                        + (values.size() > 10 ? values.size() + " different values" : String.join(", ", values)));
            }
            boolean[] outcomes = new boolean[labels.size()];
            for (int i = 0; i < outcomes.length; i++) {
                outcomes[i] = labels.get(i).equals(chosen);
            }
            List<Boolean> numeric = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                numeric.add(isNumeric(rows, c));
            }
            return new FeatureTable(name, label, chosen, columns, Collections.unmodifiableList(numeric), rows, outcomes);
        } catch (java.io.UncheckedIOException e) {
            throw new Unusable(name + ": " + (e.getCause() instanceof CharacterCodingException
                    ? "not UTF-8 text" : e.getMessage()));
        } catch (CharacterCodingException e) {
            throw new Unusable(name + ": not UTF-8 text");
        } catch (IOException | IllegalArgumentException e) {
            throw new Unusable(name + ": " + e.getMessage());
        }
    }

    public int size() {
        return rows.size();
    }

    static double number(String text) {
        return Double.parseDouble(text);
    }

    private static boolean isNumeric(List<String[]> rows, int column) {
        boolean any = false;
        for (String[] row : rows) {
            String value = row[column];
            if (value.isEmpty()) {
                continue;
            }
            try {
                if (!Double.isFinite(number(value))) {
                    return false;
                }
                any = true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return any;
    }
}
