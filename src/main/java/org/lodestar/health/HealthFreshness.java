package org.lodestar.health;

import org.lodestar.accounts.AccountDataChanged;
import org.lodestar.usage.UsageChanged;
import org.lodestar.web.PendingAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps scores fresh: after any change to an account's usage, tickets, surveys, invoices,
 * stakeholders or contracts commits, the account is queued and rescored within moments (changes
 * arriving together are scored together). The whole book is recomputed on a schedule (a snapshot
 * per account per day) and at start-up when the scores are from an earlier day.
 */
@Component
class HealthFreshness {

    private static final Logger log = LoggerFactory.getLogger(HealthFreshness.class);

    private final HealthScores scores;
    private final boolean recomputeOnStart;
    private final boolean live;
    private final PendingAccounts pending = new PendingAccounts();

    /** @param live false turns event-driven rescoring off (tests that set scores by hand) */
    HealthFreshness(HealthScores scores, @Value("${lodestar.health.recompute-on-start:true}") boolean recomputeOnStart,
            @Value("${lodestar.health.live:true}") boolean live) {
        this.scores = scores;
        this.recomputeOnStart = recomputeOnStart;
        this.live = live;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(UsageChanged event) {
        if (live) {
            pending.add(event.accountIds());
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(AccountDataChanged event) {
        if (live) {
            pending.add(event.accountIds());
        }
    }

    /** Scores the accounts queued since the last pass. */
    @Scheduled(fixedDelayString = "${lodestar.health.freshness-delay-ms:200}")
    void rescorePending() {
        pending.drain(batch -> scores.recompute(batch, done -> { }), log, "Rescoring");
    }

    @Scheduled(cron = "${lodestar.health.recompute-cron:0 30 2 * * *}", zone = "UTC")
    void daily() {
        Recompute result = scores.recomputeAll(done -> { });
        log.info("Daily health recompute: {} accounts, {} changed, {} changed band, {} ms", result.accounts(),
                result.changed(), result.bandChanges(), result.millis());
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        if (recomputeOnStart && scores.stale()) {
            Thread.ofVirtual().name("health-start").start(() -> {
                Recompute result = scores.recomputeAll(done -> { });
                log.info("Health scores brought up to date: {} accounts, {} changed in {} ms", result.accounts(),
                        result.changed(), result.millis());
            });
        }
    }
}
