package org.lodestar.signals;

import java.time.Duration;
import java.util.Set;

import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.cluster.ClusterLocks;
import org.lodestar.health.ScoresRecomputed;
import org.lodestar.plans.MilestonesChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fires signals as data arrives: every change to an account's data is rescored first (health), and the
 * rescore's durable {@link ScoresRecomputed} has the account evaluated once, against its new score. A
 * daily pass evaluates the whole book for the date-based rules (renewals ahead, milestones past due,
 * days without use), on one node, also at start-up unless {@code lodestar.signals.evaluate-on-start=false}. While a
 * load of the book is open ({@link DataLoads}) rescored accounts wait and are evaluated once when it completes.
 * {@code lodestar.signals.live=false} turns all of it off.
 */
@Component
class SignalFreshness {

    private static final Logger log = LoggerFactory.getLogger(SignalFreshness.class);
    private static final Actor ACTOR = Actor.automation("signals");

    private final Signals signals;
    private final DataLoads loads;
    private final ClusterLocks locks;
    private final boolean live;
    private final boolean evaluateOnStart;
    private final Duration passSpacing;

    SignalFreshness(Signals signals, DataLoads loads, ClusterLocks locks, @Value("${lodestar.signals.live:true}") boolean live,
            @Value("${lodestar.signals.evaluate-on-start:true}") boolean evaluateOnStart,
            @Value("${lodestar.cluster.pass-spacing:PT5M}") Duration passSpacing) {
        this.signals = signals;
        this.loads = loads;
        this.locks = locks;
        this.live = live;
        this.evaluateOnStart = evaluateOnStart;
        this.passSpacing = passSpacing;
    }

    /** After the rescore committed; the evaluation joins this listener's transaction (plays start in it too). */
    @ApplicationModuleListener
    void on(ScoresRecomputed event) {
        if (!live) {
            return;
        }
        if (loads.settling()) {
            // A load is open: these accounts are evaluated with the rest when it completes.
            loads.defer(event.accountIds());
            if (loads.settling()) {
                return;
            }
            // The load completed meanwhile, possibly before these were noted: evaluate what is noted now.
            loads.evaluateDeferred();
            return;
        }
        Actors.runAs(ACTOR, () -> signals.evaluate(event.accountIds()));
    }

    /** A success-plan milestone changed: the account's overdue-milestone signals fire or resolve now, not at the daily pass. */
    @ApplicationModuleListener
    void on(MilestonesChanged event) {
        if (!live) {
            return;
        }
        if (loads.settling()) {
            loads.defer(Set.of(event.accountId()));
            return;
        }
        Actors.runAs(ACTOR, () -> signals.evaluate(Set.of(event.accountId())));
    }

    @Scheduled(cron = "${lodestar.signals.daily-cron:0 45 2 * * *}", zone = "UTC")
    void daily() {
        if (live) {
            locks.runOnce("signals-daily-pass", Duration.ofHours(2), passSpacing, () -> {
                if (loads.settling()) {
                    loads.deferAll();
                    log.info("Daily signal pass: a load is open; the whole book is evaluated when it completes");
                    return;
                }
                SignalsChanged changed = Actors.runAs(ACTOR, () -> signals.evaluate(null));
                log.info("Daily signal pass: {} fired, {} resolved", changed.fired().size(), changed.resolved().size());
            });
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        if (live && evaluateOnStart) {
            Thread.ofVirtual().name("signals-start").start(this::daily);
        }
    }
}
