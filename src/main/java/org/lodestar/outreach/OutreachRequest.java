package org.lodestar.outreach;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A message to prepare or send: which template, for which account, to which of its contacts (needed
 * for email, not for an internal Slack alert), with the caller's {@code vars.NAME} values.
 */
@Schema(example = """
        {"template": "renewal-check-in", "accountId": 42, "contactId": 12}""")
public record OutreachRequest(String template, long accountId, Long contactId, Map<String, String> vars) {

    public OutreachRequest {
        // A variable sent as null is one not given.
        Map<String, String> given = new java.util.LinkedHashMap<>();
        if (vars != null) {
            vars.forEach((name, value) -> {
                if (name != null && value != null) {
                    given.put(name, value);
                }
            });
        }
        vars = java.util.Collections.unmodifiableMap(given);
    }
}
