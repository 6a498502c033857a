package org.lodestar.usage.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

import org.lodestar.usage.EventLog;
import org.lodestar.usage.TrackedMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Group commit for the tracking API. Requests arriving together are written in one transaction by a
 * writer thread ({@code lodestar.usage.ingest-writers}, default 1: on two cores one writer with larger
 * groups measured faster than two), so many requests share one commit; each request is answered only
 * after the transaction holding its calls committed. Should a shared transaction fail, its requests are retried
 * one by one, so one request's problem never costs another its answer.
 */
@Service
public class IngestQueue implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IngestQueue.class);
    /** A group takes more requests while it holds fewer calls than this (a request is never split). */
    private static final int MOST_CALLS = 10_000;

    private record Pending(EventLog.Submission submission, CompletableFuture<Void> done) {
    }

    private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final EventLog eventLog;
    private final TransactionTemplate transactions;
    private final int writers;
    private final Counter stored;
    private final Counter duplicates;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    IngestQueue(EventLog eventLog, PlatformTransactionManager transactions, MeterRegistry meters,
            @Value("${lodestar.usage.ingest-writers:1}") int writers) {
        if (writers < 1 || writers > 32) {
            throw new IllegalStateException("lodestar.usage.ingest-writers must be 1 to 32; got " + writers);
        }
        this.eventLog = eventLog;
        this.transactions = new TransactionTemplate(transactions);
        this.writers = writers;
        // Counted once committed: a call stored, or one already stored (a client's retry, by its messageId) and so skipped.
        this.stored = Counter.builder("lodestar.events.ingested").tag("outcome", "stored")
                .description("Tracking calls committed through the tracking API").register(meters);
        this.duplicates = Counter.builder("lodestar.events.ingested").tag("outcome", "duplicate")
                .description("Tracking calls committed through the tracking API").register(meters);
    }

    /** Stores a request's calls; completes once they are committed, or exceptionally when they could not be. */
    CompletableFuture<Void> submit(long writeKeyId, List<TrackedMessage> messages, Instant receivedAt) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!running) {
            done.completeExceptionally(new IllegalStateException("Lodestar is stopping"));
            return done;
        }
        pending.add(new Pending(eventLog.submission(writeKeyId, messages, receivedAt), done));
        return done;
    }

    private void write() {
        while (running || !pending.isEmpty()) {
            List<Pending> group = new ArrayList<>();
            try {
                Pending first = pending.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                int calls = first.submission().messages().size();
                Pending next;
                while (calls < MOST_CALLS && (next = pending.poll()) != null) {
                    group.add(next);
                    calls += next.submission().messages().size();
                }
                store(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                group.forEach(p -> p.done().completeExceptionally(e));
                return;
            } catch (RuntimeException | Error e) {
                log.error("Tracking writer failed", e);
                group.forEach(p -> p.done().completeExceptionally(e));
            }
        }
    }

    private void store(List<Pending> group) {
        try {
            EventLog.Appended appended = transactions.execute(status -> eventLog.appendAll(
                    group.stream().map(Pending::submission).toList()));
            count(appended);
            group.forEach(p -> p.done().complete(null));
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.getFirst().done().completeExceptionally(e);
                return;
            }
            for (Pending p : group) {
                try {
                    count(transactions.execute(status -> eventLog.appendAll(List.of(p.submission()))));
                    p.done().complete(null);
                } catch (RuntimeException alone) {
                    p.done().completeExceptionally(alone);
                }
            }
        }
    }

    private void count(EventLog.Appended appended) {
        if (appended != null) {
            stored.increment(appended.stored());
            duplicates.increment(appended.duplicates());
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        for (int i = 0; i < writers; i++) {
            Thread thread = Thread.ofPlatform().name("tracking-writer-" + i).daemon(true).start(this::write);
            threads.add(thread);
        }
    }

    /** Writes what was accepted before stopping, so nothing answered is left behind. */
    @Override
    public synchronized void stop() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
        pending.forEach(p -> p.done().completeExceptionally(new IllegalStateException("Lodestar stopped")));
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
