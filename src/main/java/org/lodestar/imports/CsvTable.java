package org.lodestar.imports;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.lodestar.infrastructure.Labels;
import org.lodestar.infrastructure.StrictValues;

/**
 * A CSV file read strictly: UTF-8 only (a bad byte is reported with its line), a header row whose
 * columns must be known, and rows that remember the line they started on. Cells follow the rules of
 * JSON bodies ({@link StrictValues}): no NUL characters, dates and times in years 1 to 9999.
 */
final class CsvTable {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern LOCAL_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");
    private static final String MOMENT_EXPECTED = "an ISO-8601 date-time such as 2026-01-31T14:00:00Z, a date and "
            + "time in UTC such as 2026-01-31 14:00:00, or a date, in the years 0001 to 9999";

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
                    Map<String, String> cells = new LinkedHashMap<>();
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
        return parsed(row, column, StrictValues::date);
    }

    /**
     * A moment, in years 1 to 9999: an ISO-8601 date-time with its offset (2026-01-31T14:00:00Z), or, as
     * spreadsheets write them, a date and time read as UTC (2026-01-31 14:00:00) or a date (its start,
     * UTC). Never a number of seconds: that leaves the unit to guesswork.
     */
    static Instant timestamp(Row row, String column) {
        return parsed(row, column, CsvTable::moment);
    }

    private static Instant moment(String value) {
        String text = value.trim();
        if (DAY.matcher(text).matches()) {
            return StrictValues.date(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (LOCAL_TIME.matcher(text).matches()) {
            try {
                Instant instant = LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
                if (StrictValues.storable(instant)) {
                    return instant;
                }
            } catch (DateTimeParseException e) {
                // falls through to the message below
            }
            throw new IllegalArgumentException("expected " + MOMENT_EXPECTED + ", got '" + value + "'");
        }
        try {
            return StrictValues.timestamp(text.replace(' ', 'T'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected " + MOMENT_EXPECTED + ", got '" + value + "'");
        }
    }

    /** Digits with an optional minus sign: no decimals, exponents or digits of other scripts. */
    static Integer wholeNumber(Row row, String column) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        if (!WHOLE_NUMBER.matcher(value).matches()) {
            throw new CellProblem(new RowProblem(row.line(), column,
                    "expected a whole number such as 12 (no decimals or exponent), got '" + value + "'"));
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new CellProblem(new RowProblem(row.line(), column, "expected a whole number between "
                    + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE + ", got '" + value + "'"));
        }
    }

    /** A decimal written out in digits; an exponent such as 1e3 is refused, since no one types one on purpose. */
    static BigDecimal amount(Row row, String column) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        if (!DECIMAL.matcher(value).matches()) {
            throw new CellProblem(new RowProblem(row.line(), column,
                    "expected an amount such as 12000 or 12000.50 (no currency sign, thousands separator or "
                            + "exponent), got '" + value + "'"));
        }
        return new BigDecimal(value);
    }

    /** An amount of money: at most two decimal places, as Lodestar stores it. */
    static BigDecimal money(Row row, String column) {
        BigDecimal amount = amount(row, column);
        if (amount != null && amount.stripTrailingZeros().scale() > 2) {
            throw new CellProblem(new RowProblem(row.line(), column,
                    "expected an amount with at most 2 decimal places (cents), such as 12000.50, got '"
                            + row.get(column) + "'"));
        }
        return amount;
    }

    /** true or false in any case (spreadsheets write TRUE); 1/0 and yes/no are refused, as in JSON bodies. */
    static Boolean bool(Row row, String column) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new CellProblem(new RowProblem(row.line(), column,
                    "expected true or false, got '" + value + "'"));
        };
    }

    static <E extends Enum<E>> E label(Row row, String column, Class<E> type) {
        return parsed(row, column, value -> Labels.parse(type, value));
    }

    private static <T> T parsed(Row row, String column, Function<String, T> parser) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new CellProblem(new RowProblem(row.line(), column, e.getMessage()));
        }
    }

    /**
     * Reads the cells of one row, noting every cell that cannot be read (as null) instead of stopping at
     * the first, so that a row reports all its bad cells at once. A cell holding text no database keeps
     * (a NUL character) is refused before anything reads it.
     */
    static final class Cells {
        private final Row row;
        private final Map<String, RowProblem> refused = new LinkedHashMap<>();

        Cells(Row row) {
            this.row = row;
            row.cells().forEach((column, value) -> {
                String problem = StrictValues.textProblem(value);
                if (problem != null) {
                    refuse(column, problem);
                }
            });
        }

        long line() {
            return row.line();
        }

        /** Free text; null when empty. */
        String text(String column) {
            return read(column, row::get);
        }

        /** Text that must be given. */
        String required(String column) {
            return required(column, text(column));
        }

        /** {@code value}, read from {@code column}, which must be given. */
        <T> T required(String column, T value) {
            if (value == null && !refused(column)) {
                refuse(column, "required, but empty");
            }
            return value;
        }

        LocalDate date(String column) {
            return read(column, c -> CsvTable.date(row, c));
        }

        Instant timestamp(String column) {
            return read(column, c -> CsvTable.timestamp(row, c));
        }

        Integer wholeNumber(String column) {
            return read(column, c -> CsvTable.wholeNumber(row, c));
        }

        BigDecimal money(String column) {
            return read(column, c -> CsvTable.money(row, c));
        }

        Boolean bool(String column) {
            return read(column, c -> CsvTable.bool(row, c));
        }

        <E extends Enum<E>> E label(String column, Class<E> type) {
            return read(column, c -> CsvTable.label(row, c, type));
        }

        /** {@code text}, read from {@code column}, refused when it is longer than {@code most} characters. */
        String limited(String column, String text, int most) {
            if (text != null && text.length() > most) {
                refuse(column, "must be at most " + most + " characters");
            }
            return text;
        }

        /** Refuses a cell for a reason of the caller's; the first reason given for a cell stands. */
        void refuse(String column, String reason) {
            refused.putIfAbsent(column, new RowProblem(row.line(), column, reason));
        }

        boolean refused(String column) {
            return refused.containsKey(column);
        }

        /** The refused cells, in the order of the file's columns. */
        List<RowProblem> problems() {
            List<String> columns = List.copyOf(row.cells().keySet());
            return refused.values().stream().sorted(Comparator.comparingInt(p -> columns.indexOf(p.column()))).toList();
        }

        private <T> T read(String column, Function<String, T> reader) {
            if (refused(column)) {
                return null;
            }
            try {
                return reader.apply(column);
            } catch (CellProblem e) {
                refuse(column, e.problem.reason());
                return null;
            }
        }
    }
}
