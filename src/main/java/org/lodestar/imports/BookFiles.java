package org.lodestar.imports;

import java.util.List;
import java.util.stream.Stream;

/**
 * The files of a whole-book export, in the order an import reads them: each file's records may name those of the files
 * before it (an account its owner, a contact its account, an ask its contact, a milestone its owner). Users, activities, plans and usage are only in
 * a book: the other files are the import kinds of the same name.
 */
public enum BookFiles {
    USERS("users.csv", List.of("email", "name", "role"), List.of("enabled")),
    /** The views each user saved of a page: its name and query string. */
    SAVED_VIEWS("saved-views.csv", List.of("user_email", "page", "name"), List.of("query")),
    /** The notification settings users chose; a user's own Slack webhook is a secret and stays out. */
    NOTIFICATION_SETTINGS("notification-settings.csv", List.of("user_email", "daily_digest", "digest_hour",
            "slack_alerts"), List.of()),
    ACCOUNTS("accounts.csv", ImportKind.ACCOUNTS),
    STAKEHOLDERS("stakeholders.csv", ImportKind.STAKEHOLDERS),
    /** The notes, calls, meetings and emails the CS team logged on the accounts' timelines. */
    ACTIVITIES("activities.csv", List.of("account_external_id", "kind", "occurred_at", "subject"),
            List.of("meeting_type", "body", "duration_minutes", "category", "author")),
    SUBSCRIPTIONS("subscriptions.csv", ImportKind.SUBSCRIPTIONS),
    /** The CSMs' forecasts of renewals and the outcomes they recorded, by subscription. */
    RENEWAL_CALLS("renewal-calls.csv", List.of("subscription_external_id"), List.of("forecast_arr", "forecast_note",
            "forecast_by", "forecast_at", "outcome", "outcome_arr", "outcome_note", "outcome_by", "outcome_at")),
    TICKETS("tickets.csv", ImportKind.TICKETS),
    SURVEYS("surveys.csv", ImportKind.SURVEYS),
    INVOICES("invoices.csv", ImportKind.INVOICES),
    /**
     * Where the product team stands on each feature request (its status, description) and which were merged into
     * which, by title; before the asks, which name their request by title.
     */
    REQUESTS("requests.csv", List.of("title", "status"), List.of("description", "merged_into", "created_at",
            "created_by", "updated_at", "updated_by")),
    FEATURE_REQUESTS("feature-requests.csv", ImportKind.FEATURE_REQUESTS),
    /**
     * Success plans: a row per milestone, or per outcome without milestones; {@code plan_key} is the plan's number in
     * its account, so that two plans of the same title stay two. Owners by email: a user, or a contact of the account.
     */
    PLANS("plans.csv", List.of("account_external_id", "plan_key", "plan_title", "plan_starts_on", "outcome_position",
            "outcome_title"), List.of("plan_template", "plan_created_at", "plan_created_by", "milestone_position",
                    "milestone_title", "owner_side", "owner_email", "owner_contact_email", "due_on", "status", "is_value",
                    "evidence", "completed_at", "completed_by")),
    /**
     * Tasks written by hand, whatever their status, and the done or cancelled tasks of plays (the record of the work);
     * a play's open task is made again by its play.
     */
    TASKS("tasks.csv", List.of("account_external_id", "title", "due_on", "status", "created_at"),
            List.of("description", "category", "owner_email", "team", "priority", "due_at", "snoozed_until", "outreach",
                    "created_by", "completed_at", "minutes_spent")),
    /** Saved QBR and EBR drafts: a row per part of a stated figure, or one row for a draft without figures. */
    REVIEWS("reviews.csv", List.of("account_external_id", "kind", "quarter", "saved_at"), List.of("saved_by", "summary",
            "customer_asks", "our_asks", "next_goals", "figure_position", "figure_label", "figure_unit", "figure_stated",
            "part_label", "part_value")),
    /** Every message sent to or about an account, or stopped before it went out, as history: nothing is sent again. */
    OUTREACH("outreach.csv", List.of("account_external_id", "template", "channel", "status", "sent_at", "body"),
            List.of("contact_email", "recipient", "subject", "reason", "actor")),
    USAGE_COUNTS("usage-counts.csv", List.of("source", "account_external_id", "day", "feature", "events"), List.of()),
    USAGE_EVENTS("usage-events.jsonl", List.of(), List.of());

    /** What an export says about itself: the files and their counts, the version that wrote it, when. */
    public static final String MANIFEST = "manifest.json";

    private final String file;
    private final ImportKind kind;
    private final List<String> required;
    private final List<String> optional;

    BookFiles(String file, ImportKind kind) {
        this.file = file;
        this.kind = kind;
        this.required = kind.required();
        this.optional = kind.optional();
    }

    BookFiles(String file, List<String> required, List<String> optional) {
        this.file = file;
        this.kind = null;
        this.required = required;
        this.optional = optional;
    }

    public String file() {
        return file;
    }

    /** The import kind that reads this file, or null for the files only a book holds (users, usage). */
    ImportKind kind() {
        return kind;
    }

    /** The header an export writes: the required columns, then the optional ones. */
    List<String> header() {
        return Stream.concat(required.stream(), optional.stream()).toList();
    }

    List<String> required() {
        return required;
    }

    List<String> optional() {
        return optional;
    }
}
