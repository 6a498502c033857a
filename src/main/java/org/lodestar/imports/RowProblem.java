package org.lodestar.imports;

/** A rejected row: its line in the file, the column at fault (when one is), and why. */
public record RowProblem(long line, String column, String reason) {

    @Override
    public String toString() {
        return "line " + line + (column == null ? "" : ", column " + column) + ": " + reason;
    }
}
