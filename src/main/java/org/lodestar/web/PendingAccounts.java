package org.lodestar.web;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.slf4j.Logger;

/**
 * Accounts queued by data-change events for a background pass (health rescoring, signal evaluation):
 * each pass takes what has queued up; a failed pass puts its accounts back for the next one.
 */
public final class PendingAccounts {

    private final Set<Long> pending = ConcurrentHashMap.newKeySet();

    public void add(Collection<Long> accountIds) {
        pending.addAll(accountIds);
    }

    /** Runs {@code work} on the accounts queued so far, if any; on failure they are queued again and it is logged. */
    public void drain(Consumer<Set<Long>> work, Logger log, String what) {
        if (pending.isEmpty()) {
            return;
        }
        Set<Long> batch = new HashSet<>(pending);
        pending.removeAll(batch);
        try {
            work.accept(batch);
        } catch (RuntimeException e) {
            pending.addAll(batch);
            log.warn("{} of {} accounts failed, will retry: {}", what, batch.size(), e.toString());
        }
    }
}
