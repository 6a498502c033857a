package org.lodestar.signals;

import java.util.Set;

import org.lodestar.accounts.AccountDataChanged;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.health.HealthChanged;
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
 * Fires signals as data arrives: an account whose usage, records or health changed is queued and
 * evaluated moments later (health changes arrive after the rescore, so a score-based rule sees the
 * new score). A daily pass evaluates the whole book for the date-based rules (renewals ahead,
 * onboarding deadlines, days without use), also at start-up unless
 * {@code lodestar.signals.evaluate-on-start=false}. {@code lodestar.signals.live=false} turns all of it off.
 */
@Component
class SignalFreshness {

    private static final Logger log = LoggerFactory.getLogger(SignalFreshness.class);
    private static final Actor ACTOR = Actor.automation("signals");

    private final Signals signals;
    private final boolean live;
    private final boolean evaluateOnStart;
    private final PendingAccounts pending = new PendingAccounts();

    SignalFreshness(Signals signals, @Value("${lodestar.signals.live:true}") boolean live,
            @Value("${lodestar.signals.evaluate-on-start:true}") boolean evaluateOnStart) {
        this.signals = signals;
        this.live = live;
        this.evaluateOnStart = evaluateOnStart;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(UsageChanged event) {
        queue(event.accountIds());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(AccountDataChanged event) {
        queue(event.accountIds());
    }

    @EventListener
    void on(HealthChanged event) {
        if (live) {
            pending.add(event.changes().stream().map(HealthChanged.Change::accountId).toList());
        }
    }

    private void queue(Set<Long> accountIds) {
        if (live) {
            pending.add(accountIds);
        }
    }

    @Scheduled(fixedDelayString = "${lodestar.signals.freshness-delay-ms:300}")
    void evaluatePending() {
        pending.drain(batch -> Actors.runAs(ACTOR, () -> signals.evaluate(batch)), log, "Evaluating signals");
    }

    @Scheduled(cron = "${lodestar.signals.daily-cron:0 45 2 * * *}", zone = "UTC")
    void daily() {
        if (live) {
            SignalsChanged changed = Actors.runAs(ACTOR, () -> signals.evaluate(null));
            log.info("Daily signal pass: {} fired, {} resolved", changed.fired().size(), changed.resolved().size());
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        if (live && evaluateOnStart) {
            Thread.ofVirtual().name("signals-start").start(this::daily);
        }
    }
}
