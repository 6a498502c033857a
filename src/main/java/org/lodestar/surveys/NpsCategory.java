package org.lodestar.surveys;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Net Promoter categories: 9-10 promote us, 7-8 are passive, 0-6 detract. */
public enum NpsCategory {
    PROMOTER(9, 10), PASSIVE(7, 8), DETRACTOR(0, 6);

    private final int lowest;
    private final int highest;

    NpsCategory(int lowest, int highest) {
        this.lowest = lowest;
        this.highest = highest;
    }

    public int lowest() {
        return lowest;
    }

    public int highest() {
        return highest;
    }

    /** The category of an NPS score from 0 to 10. */
    public static NpsCategory of(int score) {
        for (NpsCategory category : values()) {
            if (score >= category.lowest && score <= category.highest) {
                return category;
            }
        }
        throw new IllegalArgumentException("an NPS score is 0 to 10, got " + score);
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
