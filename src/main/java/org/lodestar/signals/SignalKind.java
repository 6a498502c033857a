package org.lodestar.signals;

import java.util.List;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a rule looks at, with the settings it takes (besides key, kind, category, severity and
 * description), its default category and severity. Formats in docs/signals.md.
 */
public enum SignalKind {
    HEALTH_BELOW(SignalCategory.RESCUE, Severity.HIGH, "threshold"),
    BAND_DROP(SignalCategory.RESCUE, Severity.MEDIUM, "days"),
    USAGE_DROP(SignalCategory.RESCUE, Severity.MEDIUM, "percent", "days"),
    NO_ACTIVE_USER(SignalCategory.RESCUE, Severity.HIGH, "days"),
    STAKEHOLDER_LEFT(SignalCategory.RESCUE, Severity.HIGH, "roles", "days"),
    STAKEHOLDER_JOINED(SignalCategory.EXPANSION, Severity.LOW, "roles", "days"),
    NPS_DETRACTOR(SignalCategory.RESCUE, Severity.MEDIUM, "max-score", "days"),
    TICKETS_UNRESOLVED(SignalCategory.RESCUE, Severity.MEDIUM, "above"),
    URGENT_TICKET(SignalCategory.RESCUE, Severity.HIGH),
    INVOICE_OVERDUE(SignalCategory.RESCUE, Severity.MEDIUM, "days"),
    OVER_UTILISATION(SignalCategory.EXPANSION, Severity.LOW, "percent", "days"),
    ADOPTION_DEPTH(SignalCategory.EXPANSION, Severity.LOW, "percent"),
    RENEWAL_AHEAD(SignalCategory.RENEWAL, Severity.MEDIUM, "days", "until"),
    NEW_CUSTOMER(SignalCategory.ONBOARDING, Severity.MEDIUM, "days"),
    ONBOARDING_OVERDUE(SignalCategory.ONBOARDING, Severity.MEDIUM, "kickoff-within", "complete-within"),
    MILESTONE_OVERDUE(SignalCategory.ONBOARDING, Severity.MEDIUM),
    FEATURE_USED(SignalCategory.OTHER, Severity.LOW, "features", "days"),
    BUSINESS_REVIEW_DUE(SignalCategory.QBR, Severity.LOW, "cadence"),
    EXECUTIVE_REVIEW_DUE(SignalCategory.QBR, Severity.MEDIUM, "segments", "days", "held-within"),
    /** The account's data hygiene score (100 minus its findings' weights) is under the threshold: for CS ops. */
    DATA_HYGIENE(SignalCategory.OTHER, Severity.LOW, "threshold");

    private final SignalCategory category;
    private final Severity severity;
    private final List<String> settings;

    SignalKind(SignalCategory category, Severity severity, String... settings) {
        this.category = category;
        this.severity = severity;
        this.settings = List.of(settings);
    }

    public SignalCategory defaultCategory() {
        return category;
    }

    public Severity defaultSeverity() {
        return severity;
    }

    /** The settings this kind takes, all required but {@code roles} (default sponsor and champion) and over-utilisation's {@code days} (default 30d). */
    public List<String> settings() {
        return settings;
    }

    @JsonValue
    public String label() {
        return Labels.of(this);
    }
}
