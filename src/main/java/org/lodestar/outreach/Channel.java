package org.lodestar.outreach;

import org.lodestar.infrastructure.Labels;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a template's message goes: an email to a customer's contact, or an internal Slack alert. */
public enum Channel {
    EMAIL, SLACK;

    @JsonValue
    public String label() {
        return Labels.of(this);
    }
}
