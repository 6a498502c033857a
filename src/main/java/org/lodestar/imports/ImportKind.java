package org.lodestar.imports;

import java.util.List;

import org.lodestar.web.Labels;

/** Lodestar's own CSV formats, with their columns. Required columns must be present and filled. */
public enum ImportKind {
    ACCOUNTS(List.of("external_id", "name"),
            List.of("billing_id", "product_group_id", "domain", "industry", "country", "owner_email",
                    "parent_external_id", "lifecycle_stage", "coverage_model")),
    STAKEHOLDERS(List.of("account_external_id", "email", "name", "role"),
            List.of("title", "status", "left_on")),
    SUBSCRIPTIONS(List.of("subscription_id", "account_external_id", "plan", "seats", "arr", "start_date"),
            List.of("module", "end_date", "auto_renew"));

    private final List<String> required;
    private final List<String> optional;

    ImportKind(List<String> required, List<String> optional) {
        this.required = required;
        this.optional = optional;
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
