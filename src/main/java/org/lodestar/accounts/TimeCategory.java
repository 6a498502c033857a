package org.lodestar.accounts;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a CSM's time goes (PRODUCT §6). A completed task counts under its kind of work (a play's task under its
 * playbook's category); a logged activity under the work its author said it was, else its meeting type (QBR and EBR:
 * business reviews; kickoff: onboarding); everything else is other.
 */
public enum TimeCategory {
    RESCUE, RENEWAL, EXPANSION, ONBOARDING, BUSINESS_REVIEWS, OTHER;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    /** As a person reads it: "Business reviews". */
    public String title() {
        String label = label().replace('-', ' ');
        return Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }

    @JsonCreator
    public static TimeCategory parse(String text) {
        return Labels.parse(TimeCategory.class, text);
    }

    /** An activity by its meeting type: a QBR or EBR is a business review, a kickoff is onboarding; the rest is other. */
    public static TimeCategory of(MeetingType meeting) {
        if (meeting == null) {
            return OTHER;
        }
        return switch (meeting) {
            case QBR, EBR -> BUSINESS_REVIEWS;
            case KICKOFF -> ONBOARDING;
            case CHECK_IN -> OTHER;
        };
    }
}
