package org.lodestar.hygiene.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An imported table of figures with stated totals and percentages, for example a monthly active users report: a first
 * column naming each row (a month), columns of values, rows whose first cell is "total" (the sum of the rows above it,
 * since the previous total), and percentage columns: a growth column ("growth", "change", "%" in its header: the
 * change of its value column from the row before, value / previous − 1) or a share column ("share", "of total": the
 * row's part of the column's sum). A percentage's value column is the one its header names ("MAU growth %" → "MAU"),
 * else the nearest value column to its left. Pure: {@link #wrongFigures()} recomputes each stated figure and names the
 * wrong ones with the right one; totals must match exactly, percentages to one decimal.
 */
public record StatedTable(String name, String content, String importedOn) {

    /** A stated figure that does not match its parts: where it is, what it says, and what it should say. */
    public record Wrong(long line, String row, String column, String stated, String computed, String rule) {
    }

    private enum Role { VALUE, GROWTH, SHARE }

    private static final Pattern TOTAL = Pattern.compile("(?i)^(grand )?(total|sum)$");
    private static final Pattern NOT_NUMBER = Pattern.compile("[\\s,$€£%]");

    /** What is wrong with the file as a table of figures; empty when it can be checked. */
    public static List<String> problems(String content) {
        List<String> problems = new ArrayList<>();
        List<Line> lines = parse(content);
        if (lines.size() < 2) {
            problems.add("expected a header row and at least one row of figures");
            return problems;
        }
        List<String> header = lines.getFirst().cells();
        if (header.size() < 2) {
            problems.add("line 1: expected a first column naming each row (e.g. month) and at least one column of figures");
        }
        for (Line line : lines.subList(1, lines.size())) {
            if (line.cells().size() != header.size()) {
                problems.add("line " + line.number() + ": expected " + header.size() + " cells as in the header, got "
                        + line.cells().size());
                continue;
            }
            for (int c = 1; c < header.size(); c++) {
                String cell = line.cells().get(c);
                if (!cell.isBlank() && number(cell) == null) {
                    problems.add("line " + line.number() + ", column " + header.get(c) + ": expected a number, got '" + cell + "'");
                }
            }
        }
        return problems;
    }

    /** Every stated total and percentage that does not match its parts, in file order. */
    public List<Wrong> wrongFigures() {
        List<Line> lines = parse(content);
        if (!problems(content).isEmpty()) {
            return List.of();
        }
        List<String> header = lines.getFirst().cells();
        Role[] roles = new Role[header.size()];
        for (int c = 1; c < header.size(); c++) {
            roles[c] = roleOf(header.get(c));
        }
        int[] bases = new int[header.size()];
        for (int c = 1; c < header.size(); c++) {
            bases[c] = roles[c] == Role.VALUE ? c : baseOf(c, header, roles);
        }
        List<Line> rows = lines.subList(1, lines.size());
        List<Wrong> wrong = new ArrayList<>();
        List<Line> parts = new ArrayList<>();
        List<Line> allParts = new ArrayList<>();
        Line previous = null;
        for (Line row : rows) {
            boolean total = TOTAL.matcher(row.cells().getFirst().strip()).matches();
            List<Line> summed = total && parts.isEmpty() ? allParts : parts;
            for (int c = 1; c < header.size(); c++) {
                BigDecimal stated = number(row.cells().get(c));
                if (stated == null || bases[c] < 0) {
                    continue;
                }
                String computed = switch (roles[c]) {
                    case VALUE -> total ? total(summed, c, stated) : null;
                    case GROWTH -> total ? null : growth(previous, row, bases[c], stated);
                    case SHARE -> total ? null : share(row, rowsAround(rows, row), bases[c], stated);
                };
                if (computed != null) {
                    wrong.add(new Wrong(row.number(), row.cells().getFirst(), header.get(c), row.cells().get(c).strip(), computed,
                            rule(roles[c], header.get(bases[c]))));
                }
            }
            if (total) {
                parts.clear();
            } else {
                parts.add(row);
                allParts.add(row);
                previous = row;
            }
        }
        return wrong;
    }

    /** The rows a share is a part of: the data rows of its block (between totals). */
    private static List<Line> rowsAround(List<Line> rows, Line row) {
        int at = rows.indexOf(row);
        int from = at;
        while (from > 0 && !TOTAL.matcher(rows.get(from - 1).cells().getFirst().strip()).matches()) {
            from--;
        }
        int to = at;
        while (to + 1 < rows.size() && !TOTAL.matcher(rows.get(to + 1).cells().getFirst().strip()).matches()) {
            to++;
        }
        return rows.subList(from, to + 1);
    }

    private static String rule(Role role, String base) {
        return switch (role) {
            case VALUE -> "sum of the rows above";
            case GROWTH -> base + " / previous row's " + base + " − 1";
            case SHARE -> base + " / sum of " + base;
        };
    }

    /** The right growth when the stated one is wrong, else null; none can be worked out from a missing or zero base. */
    private static String growth(Line previous, Line row, int base, BigDecimal stated) {
        BigDecimal before = previous == null ? null : number(previous.cells().get(base));
        BigDecimal now = number(row.cells().get(base));
        if (before == null || now == null || before.signum() == 0) {
            return null;
        }
        BigDecimal right = now.subtract(before).multiply(BigDecimal.valueOf(100)).divide(before, 1, RoundingMode.HALF_UP);
        return stated.setScale(1, RoundingMode.HALF_UP).compareTo(right) == 0 ? null : right.toPlainString() + "%";
    }

    private static String share(Line row, List<Line> block, int base, BigDecimal stated) {
        BigDecimal part = number(row.cells().get(base));
        BigDecimal whole = sum(block, base);
        if (part == null || whole.signum() == 0) {
            return null;
        }
        BigDecimal right = part.multiply(BigDecimal.valueOf(100)).divide(whole, 1, RoundingMode.HALF_UP);
        return stated.setScale(1, RoundingMode.HALF_UP).compareTo(right) == 0 ? null : right.toPlainString() + "%";
    }

    /** The right total when the stated one is wrong, else null. */
    private static String total(List<Line> parts, int column, BigDecimal stated) {
        BigDecimal right = sum(parts, column);
        return stated.compareTo(right) == 0 ? null : plain(right);
    }

    private static BigDecimal sum(List<Line> rows, int column) {
        return rows.stream().map(r -> number(r.cells().get(column))).filter(n -> n != null).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static String plain(BigDecimal sum) {
        return sum.stripTrailingZeros().scale() < 0 ? sum.setScale(0).toPlainString() : sum.toPlainString();
    }

    private static Role roleOf(String header) {
        String h = header.toLowerCase(Locale.ROOT);
        if (h.contains("share") || h.contains("of total")) {
            return Role.SHARE;
        }
        if (h.contains("growth") || h.contains("change") || h.contains("%") || h.contains("pct")) {
            return Role.GROWTH;
        }
        return Role.VALUE;
    }

    /** The value column a percentage column is about: the one its header names, else the nearest to its left (-1: none). */
    private static int baseOf(int column, List<String> header, Role[] roles) {
        String named = header.get(column).toLowerCase(Locale.ROOT)
                .replaceAll("growth|change|share|of total|pct|%|\\(|\\)|\\bin\\b|\\bof\\b", " ").replaceAll("\\s+", " ").strip();
        for (int c = 1; c < header.size(); c++) {
            if (roles[c] == Role.VALUE && !named.isEmpty() && header.get(c).strip().equalsIgnoreCase(named)) {
                return c;
            }
        }
        for (int c = column - 1; c >= 1; c--) {
            if (roles[c] == Role.VALUE) {
                return c;
            }
        }
        return -1;
    }

    /** A cell as a number: thousands separators, currency signs and a percent sign are ignored; null when empty or not one. */
    static BigDecimal number(String cell) {
        String bare = NOT_NUMBER.matcher(cell == null ? "" : cell).replaceAll("");
        if (bare.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(bare);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private record Line(long number, List<String> cells) {
    }

    /** CSV as in RFC 4180: quoted cells may hold commas, quotes ("") and line breaks; blank lines are skipped. */
    private static List<Line> parse(String content) {
        List<Line> lines = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        long line = 1;
        long start = 1;
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                cells.add(cell.toString());
                cell.setLength(0);
                if (!(cells.size() == 1 && cells.getFirst().isBlank())) {
                    lines.add(new Line(start, List.copyOf(cells)));
                }
                cells.clear();
                line++;
                start = line;
            } else {
                cell.append(ch);
            }
        }
        if (cell.length() > 0 || !cells.isEmpty()) {
            cells.add(cell.toString());
            if (!(cells.size() == 1 && cells.getFirst().isBlank())) {
                lines.add(new Line(start, List.copyOf(cells)));
            }
        }
        return lines;
    }
}
