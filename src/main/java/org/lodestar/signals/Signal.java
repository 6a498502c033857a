package org.lodestar.signals;

import java.time.Instant;
import java.util.Map;

/** A fired signal: open while {@code resolvedAt} is null. */
public record Signal(long id, long accountId, String accountName, String rule, SignalKind kind, SignalCategory category,
        Severity severity, String causeKey, String summary, Map<String, Object> data, Instant firedAt, Instant resolvedAt) {

    public boolean open() {
        return resolvedAt == null;
    }
}
