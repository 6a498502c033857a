package org.lodestar.cli;

/** CSV cells for reports. */
final class Csv {

    private Csv() {
    }

    /** Quotes a cell when it needs it, and defuses text a spreadsheet would run as a formula. */
    static String quote(String cell) {
        if (cell == null) {
            return "";
        }
        String safe = !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
