package org.lodestar.reviews;

import java.time.Instant;
import java.util.List;

/**
 * The CSM's draft of an account's review for a kind and quarter: the narrative and the stated figures. {@code id} is
 * null (and {@code updatedAt}, {@code updatedBy} too) for a draft made from the data that nobody has saved yet.
 */
public record ReviewDraft(Long id, long accountId, ReviewKind kind, Quarter quarter, ReviewPack.Narrative narrative,
        List<StatedFigure> figures, Instant updatedAt, String updatedBy) {

    public boolean saved() {
        return id != null;
    }
}
