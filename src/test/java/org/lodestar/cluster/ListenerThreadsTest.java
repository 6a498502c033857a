package org.lodestar.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/**
 * When the node stops, a listener already running finishes (its connections are still open) and what is
 * queued is dropped, to be published again from the registry on restart.
 */
class ListenerThreadsTest {

    @Test
    void stoppingLetsARunningListenerFinishAndDropsTheQueued() throws Exception {
        ListenerThreads threads = new ListenerThreads(1, Duration.ofSeconds(10), null);
        Executor executor = threads.getAsyncExecutor();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean queuedRan = new AtomicBoolean();
        executor.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(300);
                finished.set(true);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        executor.execute(() -> queuedRan.set(true));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        threads.destroy();

        assertThat(finished).as("the running listener finished").isTrue();
        assertThat(interrupted).isFalse();
        assertThat(queuedRan).as("the queued one was left to the registry").isFalse();
        AtomicBoolean lateRan = new AtomicBoolean();
        executor.execute(() -> lateRan.set(true));
        assertThat(lateRan).as("one handed over after the stop is left to the registry too, without an error").isFalse();
    }

    @Test
    void aListenerRunningPastTheWaitIsInterrupted() throws Exception {
        ListenerThreads threads = new ListenerThreads(1, Duration.ofMillis(100), null);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        threads.getAsyncExecutor().execute(() -> {
            started.countDown();
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        threads.destroy();
        Thread.sleep(200);
        assertThat(interrupted).isTrue();
    }
}
