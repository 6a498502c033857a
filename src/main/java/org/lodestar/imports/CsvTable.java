package org.lodestar.imports;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file read strictly: UTF-8 only (a bad byte is reported with its line), a header row whose
 * columns must be known, and rows that remember the line they started on.
 */
final class CsvTable {

    /** One data row; cells are trimmed, empty cells read as null. */
    record Row(long line, Map<String, String> cells) {

        String get(String column) {
            String value = cells.get(column);
            return value == null || value.isBlank() ? null : value.trim();
        }
    }

    /** A cell that could not be read as the type its column needs. */
    static final class CellProblem extends RuntimeException {
        final RowProblem problem;

        CellProblem(RowProblem problem) {
            super(problem.toString());
            this.problem = problem;
        }
    }

    final List<String> header;
    final List<Row> rows;

    private CsvTable(List<String> header, List<Row> rows) {
        this.header = header;
        this.rows = rows;
    }

    /**
     * Reads a file, checking it against the required and allowed columns. Problems with the file as a
     * whole (encoding, header, quoting) come back as a single problem and no rows.
     */
    static CsvTable read(byte[] content, Collection<String> required, Collection<String> optional)
            throws FileProblem {
        String text = decode(content);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
            checkHeader(header, required, optional);
            List<Row> rows = new ArrayList<>();
            long previousEnd = 1;
            try {
                for (CSVRecord record : parser) {
                    long line = previousEnd + 1;
                    previousEnd = parser.getCurrentLineNumber();
                    if (record.size() != header.size()) {
                        throw new FileProblem(new RowProblem(line, null, "expected " + header.size()
                                + " columns as in the header, found " + record.size()));
                    }
                    Map<String, String> cells = new java.util.LinkedHashMap<>();
                    for (int i = 0; i < header.size(); i++) {
                        cells.put(header.get(i), record.get(i));
                    }
                    rows.add(new Row(line, cells));
                }
            } catch (UncheckedIOException | IllegalStateException e) {
                throw new FileProblem(new RowProblem(parser.getCurrentLineNumber(), null,
                        "not valid CSV: " + rootMessage(e)));
            }
            return new CsvTable(header, rows);
        } catch (IOException | IllegalArgumentException e) {
            throw new FileProblem(new RowProblem(1, null, "not a valid CSV header: " + rootMessage(e)));
        }
    }

    private static void checkHeader(List<String> header, Collection<String> required, Collection<String> optional)
            throws FileProblem {
        Set<String> known = new HashSet<>(required);
        known.addAll(optional);
        List<String> missing = required.stream().filter(c -> !header.contains(c)).toList();
        List<String> unknown = header.stream().filter(c -> !known.contains(c)).toList();
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            StringBuilder reason = new StringBuilder("header ");
            if (!missing.isEmpty()) {
                reason.append("lacks required column(s) ").append(String.join(", ", missing));
            }
            if (!unknown.isEmpty()) {
                reason.append(missing.isEmpty() ? "" : " and ").append("has unknown column(s) ")
                        .append(String.join(", ", unknown));
            }
            reason.append("; expected ").append(String.join(", ", required));
            if (!optional.isEmpty()) {
                reason.append(" and optionally ").append(String.join(", ", optional));
            }
            throw new FileProblem(new RowProblem(1, null, reason.toString()));
        }
    }

    private static String decode(byte[] content) throws FileProblem {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new FileProblem(new RowProblem(lineOfFirstBadByte(content), null,
                    "not valid UTF-8 text; save the file as UTF-8 (for example, 'CSV UTF-8' in a spreadsheet)"));
        }
    }

    private static long lineOfFirstBadByte(byte[] content) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        long line = 1;
        int start = 0;
        for (int i = 0; i <= content.length; i++) {
            if (i == content.length || content[i] == '\n') {
                try {
                    decoder.decode(ByteBuffer.wrap(content, start, i - start));
                } catch (CharacterCodingException e) {
                    return line;
                }
                line++;
                start = i + 1;
            }
        }
        return line;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    /** A problem that stops the whole file. */
    static final class FileProblem extends Exception {
        final RowProblem problem;

        FileProblem(RowProblem problem) {
            super(problem.toString());
            this.problem = problem;
        }
    }

    static String required(Row row, String column) {
        String value = row.get(column);
        if (value == null) {
            throw new CellProblem(new RowProblem(row.line(), column, "required, but empty"));
        }
        return value;
    }

    static LocalDate date(Row row, String column) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new CellProblem(new RowProblem(row.line(), column, "expected a date as YYYY-MM-DD, got '" + value + "'"));
        }
    }

    /**
     * A moment: an ISO timestamp with its offset (2026-01-31T14:00:00Z), a date and time in UTC
     * (2026-01-31 14:00:00), or a date (the start of that day, UTC).
     */
    static java.time.Instant instant(Row row, String column) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            }
            if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return java.time.OffsetDateTime.parse(value.replace(' ', 'T')).toInstant();
            }
            return java.time.LocalDateTime.parse(value.replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new CellProblem(new RowProblem(row.line(), column, "expected a date (YYYY-MM-DD) or a time such as "
                    + "2026-01-31T14:00:00Z or 2026-01-31 14:00:00 (UTC), got '" + value + "'"));
        }
    }

    static Integer wholeNumber(Row row, String column) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new CellProblem(new RowProblem(row.line(), column, "expected a whole number, got '" + value + "'"));
        }
    }

    static BigDecimal amount(Row row, String column) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new CellProblem(new RowProblem(row.line(), column,
                    "expected an amount such as 12000 or 12000.50 (no currency sign or thousands separator), got '"
                            + value + "'"));
        }
    }

    static Boolean bool(Row row, String column) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new CellProblem(new RowProblem(row.line(), column,
                    "expected true or false, got '" + value + "'"));
        };
    }

    static <E extends Enum<E>> E label(Row row, String column, Class<E> type) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return org.lodestar.web.Labels.parse(type, value);
        } catch (IllegalArgumentException e) {
            throw new CellProblem(new RowProblem(row.line(), column, e.getMessage()));
        }
    }
}
