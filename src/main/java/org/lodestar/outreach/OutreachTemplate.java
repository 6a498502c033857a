package org.lodestar.outreach;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A message template read from configuration. {@code subject} is null for Slack. {@code fields} are
 * the merge fields its subject and body use, in order of first use.
 */
public record OutreachTemplate(String name, String description, Channel channel, String subject, String body,
        List<String> fields, String origin) {

    public OutreachTemplate {
        fields = List.copyOf(fields);
    }

    /** The caller variables it needs, without the {@code vars.} prefix. */
    @JsonProperty("vars")
    public List<String> vars() {
        return fields.stream().filter(f -> f.startsWith(MergeFields.VARS)).map(f -> f.substring(MergeFields.VARS.length()))
                .toList();
    }
}
