package org.lodestar.playbooks;

import java.time.Instant;
import java.util.Map;

import org.lodestar.signals.SignalCategory;

/** A playbook running (or run) on an account, for the cause of one signal. */
public record Play(long id, long accountId, String accountName, String playbook, SignalCategory category, String causeKey,
        Long signalId, String reason, String status, PlayOutcome outcome, String outcomeNote, Map<String, Object> successPlan,
        Instant startedAt, Instant closedAt, String closedBy, Instant causeClearedAt) {

    public boolean open() {
        return "open".equals(status);
    }
}
