package org.lodestar.hygiene;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a data hygiene finding is about, with its title and the severity it carries. */
public enum FindingKind {
    RENEWAL_DATE_DISAGREES("Renewal date: CRM vs contracts", FindingSeverity.HIGH),
    ARR_DISAGREES("ARR: CRM vs line items", FindingSeverity.HIGH),
    SEATS_DISAGREE("Seats: CRM vs contract", FindingSeverity.MEDIUM),
    DUPLICATE_ACCOUNT("Duplicate accounts", FindingSeverity.MEDIUM),
    CONTACT_IN_TWO_ACCOUNTS("One contact on two accounts", FindingSeverity.LOW),
    USAGE_WITHOUT_CONTRACT("Usage without a contract", FindingSeverity.MEDIUM),
    CONTRACT_ENDS_BEFORE_START("Contract ends before it starts", FindingSeverity.HIGH),
    ZERO_SEATS_WITH_USERS("Zero seats with active users", FindingSeverity.MEDIUM),
    FUTURE_DATE("Past event dated in the future", FindingSeverity.MEDIUM),
    STALE_USAGE("No usage for a long time", FindingSeverity.LOW),
    STALE_CONTACT("No contact for a long time", FindingSeverity.LOW),
    MISSING_OWNER("No owner", FindingSeverity.MEDIUM),
    MISSING_SPONSOR("No economic sponsor", FindingSeverity.LOW),
    MISSING_CHAMPION("No champion", FindingSeverity.LOW),
    STATED_FIGURE_WRONG("Stated figure does not match its parts", FindingSeverity.MEDIUM);

    private final String title;
    private final FindingSeverity severity;

    FindingKind(String title, FindingSeverity severity) {
        this.title = title;
        this.severity = severity;
    }

    public String title() {
        return title;
    }

    public FindingSeverity severity() {
        return severity;
    }

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    public static FindingKind of(String text) {
        return Labels.parse(FindingKind.class, text);
    }
}
