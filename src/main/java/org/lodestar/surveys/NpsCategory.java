package org.lodestar.surveys;

import org.lodestar.web.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Net Promoter categories: 9-10 promote us, 7-8 are passive, 0-6 detract. */
public enum NpsCategory {
    PROMOTER, PASSIVE, DETRACTOR;

    /** The category of an NPS score from 0 to 10. */
    public static NpsCategory of(int score) {
        if (score < 0 || score > 10) {
            throw new IllegalArgumentException("an NPS score is 0 to 10, got " + score);
        }
        return score >= 9 ? PROMOTER : score >= 7 ? PASSIVE : DETRACTOR;
    }

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static NpsCategory parse(String text) {
        return Labels.parse(NpsCategory.class, text);
    }
}
