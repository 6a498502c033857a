package org.lodestar.reviews;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A quarterly business review, or an executive one (which adds the multi-year view and the sponsors). */
public enum ReviewKind {
    QBR("Quarterly business review"), EBR("Executive business review");

    private final String title;

    ReviewKind(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static ReviewKind of(String text) {
        return Labels.parse(ReviewKind.class, text);
    }
}
