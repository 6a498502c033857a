package org.lodestar.cluster;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands stale event publications to their listeners again: one whose listener failed, or whose node
 * died while handling it, is still in the registry. On start the registry publishes what is left again
 * ({@code spring.modulith.events.republish-outstanding-events-on-restart}); this pass catches the rest
 * while the nodes run, on one node at a time. Listeners are idempotent, so a publication that was only
 * slow is at worst handled twice.
 */
@Component
class EventResubmission {

    private static final Logger log = LoggerFactory.getLogger(EventResubmission.class);

    private final IncompleteEventPublications incomplete;
    private final ClusterLocks locks;
    private final Duration olderThan;

    EventResubmission(IncompleteEventPublications incomplete, ClusterLocks locks,
            @Value("${lodestar.events.resubmit-older-than:PT1M}") Duration olderThan,
            org.lodestar.infrastructure.QueueTables queues) {
        // Every durable event is a row from its publication until its listeners complete it.
        queues.register("event_publication");
        this.incomplete = incomplete;
        this.locks = locks;
        this.olderThan = olderThan;
    }

    @Scheduled(fixedDelayString = "${lodestar.events.resubmit-delay-ms:30000}", initialDelayString = "${lodestar.events.resubmit-delay-ms:30000}")
    void resubmitStale() {
        try {
            locks.runOnce("event-resubmission", Duration.ofMinutes(5), Duration.ZERO,
                    () -> incomplete.resubmitIncompletePublicationsOlderThan(olderThan));
        } catch (RuntimeException e) {
            log.warn("Resubmitting stale event publications failed, will retry: {}", e.toString());
        }
    }
}
