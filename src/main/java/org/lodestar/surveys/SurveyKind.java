package org.lodestar.surveys;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Which question was asked: how likely to recommend us (NPS, 0-10) or how satisfied (CSAT, 1-5). */
public enum SurveyKind {
    NPS(0, 10), CSAT(1, 5);

    private final int lowest;
    private final int highest;

    SurveyKind(int lowest, int highest) {
        this.lowest = lowest;
        this.highest = highest;
    }

    public int lowest() {
        return lowest;
    }

    public int highest() {
        return highest;
    }

    public boolean allows(int score) {
        return score >= lowest && score <= highest;
    }

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    @JsonCreator
    public static SurveyKind of(String text) {
        return Labels.parse(SurveyKind.class, text);
    }
}
