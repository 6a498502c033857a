package org.lodestar.signals;

import java.util.Map;

/**
 * A rule's finding on an account today: {@code causeKey} names the cause (the rule and the record
 * behind it, such as a ticket), so an open signal is not fired again while the cause holds.
 */
public record Detected(String rule, SignalKind kind, SignalCategory category, Severity severity, String causeKey,
        String summary, Map<String, Object> data) {
}
