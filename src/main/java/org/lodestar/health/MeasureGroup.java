package org.lodestar.health;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonValue;

/** The six families a scorecard's measures fall into (PRODUCT §4). */
public enum MeasureGroup {
    USAGE, ADOPTION, SENTIMENT, RELATIONSHIP, SUPPORT, COMMERCIAL;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }
}
