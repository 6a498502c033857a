package org.lodestar.reviews;

import java.util.List;

/** A draft as a CSM saves it: the four narrative texts (null keeps the one stored) and the stated figures (all of them). */
public record DraftEdit(String summary, String customerAsks, String ourAsks, String nextGoals, List<StatedFigure> figures) {
}
