package org.lodestar.feedback;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where the product team stands on a request; shipped tells the people who asked. */
public enum RequestStatus {
    NEW, UNDER_REVIEW, PLANNED, SHIPPED, DECLINED;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    /** The label with spaces, as a page shows it ("under review"). */
    public String text() {
        return label().replace('-', ' ');
    }

    @JsonCreator
    public static RequestStatus of(String text) {
        return Labels.parse(RequestStatus.class, text);
    }
}
