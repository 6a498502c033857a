package org.lodestar.health;

import org.lodestar.web.Labels;

/** The six families a scorecard's measures fall into (PRODUCT §4). */
public enum MeasureGroup {
    USAGE, ADOPTION, SENTIMENT, RELATIONSHIP, SUPPORT, COMMERCIAL;

    public String label() {
        return Labels.of(this);
    }
}
