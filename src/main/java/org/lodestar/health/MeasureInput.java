package org.lodestar.health;

import java.util.Set;

import org.lodestar.accounts.AccountFact;
import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a measure reads, as of a date. Windowed inputs look back over the measure's window (the
 * date itself included); the others are a state on the date. See docs/health.md for each one.
 */
public enum MeasureInput {
    ACTIVE_DAYS(MeasureGroup.USAGE, true, "days with any product event in the window"),
    EVENTS(MeasureGroup.USAGE, true, "product events in the window"),
    ACTIVE_USERS(MeasureGroup.USAGE, true, "distinct active users in the window"),
    USAGE_TREND(MeasureGroup.USAGE, true, "% change in events over the window against the window before it"),
    LICENCE_UTILISATION(MeasureGroup.ADOPTION, true, "distinct active users in the window as % of contracted seats"),
    ADOPTION_DEPTH(MeasureGroup.ADOPTION, true, "contracted modules used in the window as % of contracted modules"),
    FEATURES_USED(MeasureGroup.ADOPTION, true, "distinct features used in the window"),
    NPS(MeasureGroup.SENTIMENT, true, "average NPS answer (0-10) in the window"),
    CSAT(MeasureGroup.SENTIMENT, true, "average CSAT answer (1-5) in the window"),
    SPONSOR_PRESENT(MeasureGroup.RELATIONSHIP, false, "1 when an economic sponsor is in place, else 0"),
    CHAMPION_PRESENT(MeasureGroup.RELATIONSHIP, false, "1 when a champion is in place, else 0"),
    SPONSOR_GONE_DAYS(MeasureGroup.RELATIONSHIP, false,
            "days since the last economic sponsor left with none in place since (0 while one is in place)"),
    DAYS_SINCE_ENGAGEMENT(MeasureGroup.RELATIONSHIP, false, "days since the last call, meeting or email logged"),
    OPEN_TICKETS(MeasureGroup.SUPPORT, false, "support tickets open on the date"),
    URGENT_OPEN_TICKETS(MeasureGroup.SUPPORT, false, "urgent support tickets open on the date"),
    TICKETS_OPENED(MeasureGroup.SUPPORT, true, "support tickets raised in the window"),
    OLDEST_OPEN_TICKET_DAYS(MeasureGroup.SUPPORT, false, "age in days of the oldest ticket still open (0 when none)"),
    DAYS_OVERDUE(MeasureGroup.COMMERCIAL, false, "days the most overdue unpaid invoice is past its due date (0 when none)");

    private final MeasureGroup group;
    private final boolean windowed;
    private final String description;

    MeasureInput(MeasureGroup group, boolean windowed, String description) {
        this.group = group;
        this.windowed = windowed;
        this.description = description;
    }

    @JsonValue
    public String label() {
        return Labels.of(this);
    }

    public MeasureGroup group() {
        return group;
    }

    /** The kinds of record this input is computed from: a change to any other leaves its value as it was. */
    public Set<AccountFact> reads() {
        return switch (this) {
            case ACTIVE_DAYS, EVENTS, ACTIVE_USERS, USAGE_TREND, FEATURES_USED -> Set.of(AccountFact.USAGE);
            case LICENCE_UTILISATION, ADOPTION_DEPTH -> Set.of(AccountFact.USAGE, AccountFact.CONTRACTS);
            case NPS, CSAT -> Set.of(AccountFact.SURVEYS);
            case SPONSOR_PRESENT, CHAMPION_PRESENT, SPONSOR_GONE_DAYS, DAYS_SINCE_ENGAGEMENT -> Set.of(AccountFact.RELATIONSHIP);
            case OPEN_TICKETS, URGENT_OPEN_TICKETS, TICKETS_OPENED, OLDEST_OPEN_TICKET_DAYS -> Set.of(AccountFact.SUPPORT);
            case DAYS_OVERDUE -> Set.of(AccountFact.BILLING);
        };
    }

    public boolean windowed() {
        return windowed;
    }

    public String description() {
        return description;
    }

    /**
     * Whether the input counts trouble, so that 0 means nothing happened (no ticket, nothing overdue, no sponsor
     * gone): the absence of trouble is no evidence of health, and by default such a measure is left out at 0
     * instead of paying full marks.
     */
    public boolean countsTrouble() {
        return switch (this) {
            case OPEN_TICKETS, URGENT_OPEN_TICKETS, TICKETS_OPENED, OLDEST_OPEN_TICKET_DAYS, DAYS_OVERDUE, SPONSOR_GONE_DAYS -> true;
            default -> false;
        };
    }

    /** The input and the window it is read over (0 for inputs that are a state on the date). */
    public record Key(MeasureInput input, int windowDays) {
    }
}
