package org.lodestar.feedback;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How an ask reached Lodestar: typed on a page, sent to the API, imported from CSV, tagged on a ticket or a note. */
public enum AskSource {
    UI, API, CSV, TICKET, NOTE;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static AskSource of(String text) {
        return Labels.parse(AskSource.class, text);
    }
}
