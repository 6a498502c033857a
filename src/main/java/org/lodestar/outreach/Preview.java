package org.lodestar.outreach;

import java.util.List;

/**
 * A message as it would go out. Fields without a value show as an em dash and are listed in
 * {@code missing}; {@code blockedReason} says why the wrong-customer guard would stop it (null when it would not).
 */
public record Preview(String template, Channel channel, long accountId, String accountName, Long contactId, String to,
        String subject, String body, List<String> missing, String blockedReason) {

    public Preview {
        missing = List.copyOf(missing);
    }

    public boolean sendable() {
        return missing.isEmpty() && blockedReason == null;
    }
}
