package org.lodestar.imports;

import java.util.List;

import org.lodestar.infrastructure.Labels;

/**
 * What can be imported: Lodestar's own CSV formats, with their columns (required columns must be
 * present and filled), and the JSON exports of other systems (Zendesk tickets, Stripe invoices).
 */
public enum ImportKind {
    ACCOUNTS(List.of("external_id", "name"),
            List.of("billing_id", "product_group_id", "domain", "industry", "country", "owner_email",
                    "parent_external_id", "lifecycle_stage", "coverage_model", "renewal_date", "arr", "seats")),
    STAKEHOLDERS(List.of("account_external_id", "email", "name", "role"),
            List.of("title", "status", "left_on")),
    SUBSCRIPTIONS(List.of("subscription_id", "account_external_id", "plan", "seats", "arr", "start_date"),
            List.of("module", "end_date", "auto_renew")),
    TICKETS(List.of("ticket_id", "account_external_id", "created_at"),
            List.of("subject", "status", "priority", "escalated", "solved_at", "satisfaction")),
    SURVEYS(List.of("response_id", "account_external_id", "kind", "score", "responded_at"),
            List.of("comment", "respondent_email")),
    INVOICES(List.of("invoice_id", "account_external_id", "currency", "amount_due", "issued_on"),
            List.of("number", "amount_paid", "due_on", "paid_on", "status")),
    /** Accounts asking for features: the request's title (an existing request of that title, else a new one). */
    FEATURE_REQUESTS(List.of("account_external_id", "title"), List.of("contact_email", "words", "asked_on")),
    /**
     * A table of stated figures (a monthly metrics report): a first column naming each row, columns of figures, "total"
     * rows and growth or share percentage columns; any header. Kept as imported for the data hygiene report.
     */
    METRICS,
    /** Zendesk's ticket JSON: {"ticket": {...}} or {"tickets": [...]}, optionally with "organizations". */
    ZENDESK_TICKETS,
    /** Stripe's invoice JSON: one invoice, a list ({"data": [...]}) or an array of invoices. */
    STRIPE_INVOICES;

    private final List<String> required;
    private final List<String> optional;

    ImportKind(List<String> required, List<String> optional) {
        this.required = required;
        this.optional = optional;
    }

    ImportKind() {
        this(List.of(), List.of());
    }

    /** A JSON export rather than a Lodestar CSV file. */
    public boolean json() {
        return this == ZENDESK_TICKETS || this == STRIPE_INVOICES;
    }

    public List<String> required() {
        return required;
    }

    public List<String> optional() {
        return optional;
    }

    public String label() {
        return Labels.of(this);
    }

    public static ImportKind of(String text) {
        return Labels.parse(ImportKind.class, text);
    }
}
