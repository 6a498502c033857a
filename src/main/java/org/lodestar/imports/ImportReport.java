package org.lodestar.imports;

import java.util.List;

/**
 * What an import did. {@code committed} is false when a bad row stopped the whole file; then the
 * created / updated / unchanged counts say what would have happened and nothing was written.
 */
public record ImportReport(String kind, String source, int rows, int created, int updated, int unchanged,
        List<RowProblem> rejected, boolean committed) {

    public String summary() {
        String counts = rows + " row(s): " + created + " created, " + updated + " updated, " + unchanged
                + " unchanged, " + rejected.size() + " rejected";
        if (!committed) {
            return "Nothing imported from " + source + " (" + kind + "): " + rejected.size()
                    + " bad row(s); fix them, or use partial to import the good rows. " + counts;
        }
        return "Imported " + source + " (" + kind + "): " + counts;
    }
}
