package org.lodestar.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.lodestar.LodestarTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The two kinds of lock, as one process sees them from two threads (two nodes see them the same way, through the database). */
@LodestarTest
class ClusterLocksTest {

    @Autowired
    ClusterLocks locks;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void aPassRunningElsewhereIsSkippedAndRunsAgainOnceItIsDone() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Thread other = Thread.ofPlatform().start(() -> locks.runOnce("test-pass", Duration.ofMinutes(1), Duration.ZERO, () -> {
            running.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(locks.runOnce("test-pass", Duration.ofMinutes(1), Duration.ZERO, () -> { })).as("while it runs").isFalse();
        assertThat(locks.runOnce("another-pass", Duration.ofMinutes(1), Duration.ZERO, () -> { })).as("another pass").isTrue();
        finish.countDown();
        other.join();
        assertThat(locks.runOnce("test-pass", Duration.ofMinutes(1), Duration.ZERO, () -> { })).as("after it").isTrue();
    }

    @Test
    void aPassIsSkippedWithinItsSpacing() {
        assertThat(locks.runOnce("spaced-pass", Duration.ofMinutes(1), Duration.ofMinutes(1), () -> { })).isTrue();
        assertThat(locks.runOnce("spaced-pass", Duration.ofMinutes(1), Duration.ofMinutes(1), () -> { })).isFalse();
    }

    @Test
    void aSerialSectionWaitsForTheTransactionHoldingIt() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch held = new CountDownLatch(1);
        Thread first = Thread.ofPlatform().start(() -> transactions.executeWithoutResult(tx -> {
            locks.hold(SerialSection.PLAYBOOKS);
            held.countDown();
            sleep(2500); // longer than H2's lock timeout: the second asks again until it gets the lock
            order.add("first done");
        }));
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        transactions.executeWithoutResult(tx -> {
            locks.hold(SerialSection.PLAYBOOKS);
            order.add("second holds");
        });
        first.join();
        assertThat(order).containsExactly("first done", "second holds");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
