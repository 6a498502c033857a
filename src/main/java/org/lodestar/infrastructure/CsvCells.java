package org.lodestar.infrastructure;

/** Text for CSV files people open in spreadsheets. */
public final class CsvCells {

    private CsvCells() {
    }

    /** Spreadsheets run cells starting with = + - @ as formulas; such text gets a leading quote. */
    public static String safe(String text) {
        return text != null && !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
