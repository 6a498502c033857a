package org.lodestar.health.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.lodestar.health.Backtest;
import org.lodestar.health.BacktestReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;


/**
 * The backtests asked for, kept (without their pairs) beside the count of score recomputes they were computed at. Every
 * change to the book reaches the scores through a rescore, which counts itself in its transaction, and marks the
 * accounts due until then: a kept backtest is current while the count has not moved and no account waits for a
 * rescore. Scoring the book on a dozen past dates takes half a second on the demo book and more on a large one, so
 * the page shows the last one kept at once, saying when it was computed, and has it recomputed in the background when
 * the book has changed since; the API answers with a current one, computed there and then if need be.
 */
@Component
class BacktestResults implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BacktestResults.class);
    /** Backtests kept per node, the least recently asked for dropped first. */
    static final int KEPT = 16;

    /** What a backtest is asked for: the candidates carry their scorecards, so an edited candidate file is another key. */
    record Key(LocalDate from, LocalDate to, int horizonDays, int stepDays, List<Backtest.Candidate> candidates,
            boolean withModel) {
    }

    /** A backtest computed at {@code computedAt} from the book as of {@code recomputes}; {@code current}: still so. */
    record Computed(BacktestReport report, Instant computedAt, long recomputes, boolean current) {

        Computed stale() {
            return new Computed(report, computedAt, recomputes, false);
        }
    }

    private final Backtest backtest;
    private final HealthStore store;
    private final Clock clock;
    private final Map<Key, Computed> kept = new LinkedHashMap<>(KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Computed> eldest) {
            return size() > KEPT;
        }
    };
    private final Set<Key> refreshing = ConcurrentHashMap.newKeySet();
    /** One backtest recomputed in the background at a time: each takes the cores for its while. */
    private final ExecutorService background = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("backtest-refresh")
            .factory());

    BacktestResults(Backtest backtest, HealthStore store, Clock clock) {
        this.backtest = backtest;
        this.store = store;
        this.clock = clock;
    }

    /** A current backtest: the one kept if the book has not changed since, else computed now. */
    Computed current(Key key) {
        Computed found = kept(key);
        return found != null && stillCurrent(found) ? found : compute(key);
    }

    /**
     * For the page: the one kept, at once, marked stale (and recomputed in the background) when the book has changed
     * since; computed now when none is kept.
     */
    Computed latest(Key key) {
        Computed found = kept(key);
        if (found == null) {
            return compute(key);
        }
        if (stillCurrent(found)) {
            return found;
        }
        refreshInBackground(key);
        return found.stale();
    }

    /** Whether a recompute of the key runs in the background now. */
    boolean refreshing(Key key) {
        return refreshing.contains(key);
    }

    private boolean stillCurrent(Computed computed) {
        return computed.recomputes() == store.recomputes() && !store.rescoreDue();
    }

    /**
     * Computes and keeps the backtest. The count is read first: a change committed while it runs has its rescore move
     * the count past it, so it is not taken for current afterwards.
     */
    private Computed compute(Key key) {
        long recomputes = store.recomputes();
        BacktestReport full = backtest.run(key.from(), key.to(), key.horizonDays(), key.stepDays(), key.candidates(),
                key.withModel(), line -> { });
        Computed computed = new Computed(withoutPairs(full), clock.instant(), recomputes, true);
        synchronized (kept) {
            Computed other = kept.get(key);
            // Two computing at once: the one from the later count stays.
            if (other == null || other.recomputes() <= recomputes) {
                kept.put(key, computed);
            }
        }
        return computed;
    }

    private Computed kept(Key key) {
        synchronized (kept) {
            return kept.get(key);
        }
    }

    private void refreshInBackground(Key key) {
        if (!refreshing.add(key)) {
            return;
        }
        background.execute(() -> {
            try {
                compute(key);
            } catch (RuntimeException e) {
                log.warn("Recomputing the backtest from {} to {} failed; the page keeps the last one", key.from(), key.to(), e);
            } finally {
                refreshing.remove(key);
            }
        });
    }

    /** The report as the page and the API show it by default: figures, not the account-dates they come from. */
    static BacktestReport withoutPairs(BacktestReport report) {
        return new BacktestReport(report.from(), report.to(), report.horizonDays(), report.stepDays(), report.dates(),
                report.results().stream().map(r -> new BacktestReport.Result(r.label(), r.total(), r.bySegment(), List.of()))
                        .toList());
    }

    @Override
    public void destroy() {
        background.shutdownNow();
    }
}
