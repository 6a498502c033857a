package org.lodestar.cli;

import java.util.List;

/** Prints rows as aligned columns: the first column left-aligned, the rest right-aligned. */
final class Table {

    private Table() {
    }

    static void print(List<String[]> rows) {
        int columns = rows.getFirst().length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = row[i];
                String pad = " ".repeat(widths[i] - cell.length());
                line.append(i == 0 ? cell + pad : pad + cell).append(i < columns - 1 ? "  " : "");
            }
            System.out.println(line.toString().stripTrailing());
        }
    }
}
