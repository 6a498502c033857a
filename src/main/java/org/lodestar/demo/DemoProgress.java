package org.lodestar.demo;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * How far the demo book's generation has come, for the page shown instead of the sign-in while it runs
 * ({@link DemoGate}), the readiness probe and the console. A server started for the demo
 * ({@code lodestar.demo.awaiting-book=true}) is "waiting" from its first request until the book is ready, so nobody
 * signs in to half a book; any other server never waits.
 * <p>
 * The steps are those of {@link DemoBook#generate}; each carries a share of the whole, as measured on a busy 2-core machine (187 s in all),
 * so the percentage moves about as the time does.
 */
@Component("demoBookHealthIndicator")
public class DemoProgress implements HealthIndicator {

    /** One step of the generation and its share of the time (percent; the shares add up to 100). */
    record Step(String label, int share) {
    }

    static final List<Step> STEPS = List.of(
            new Step("Planning the book and creating the CS team", 1),
            new Step("Writing the accounts with their contacts, contracts, timelines, tickets, surveys and invoices", 21),
            new Step("Saving the book and recording the CSMs' renewal forecasts", 18),
            new Step("Rolling up product usage", 14),
            new Step("Scoring health for the last 90 days", 41),
            new Step("Scoring health today", 1),
            new Step("Evaluating signals and starting their plays", 3),
            new Step("Completing some of the CSMs' tasks", 1));

    /** Where the generation is, as a whole: what a page, a probe or a test reads. */
    public record Snapshot(boolean waiting, int step, int steps, String label, int done, int total, int percent,
            Duration elapsed) {

        /** "step 2 of 8: Writing the accounts ... (150 of 380)". */
        public String describe() {
            if (!waiting) {
                return "the demo book is ready";
            }
            if (step == 0) {
                return "starting";
            }
            return "step " + step + " of " + steps + ": " + label + (total > 0 ? " (" + done + " of " + total + ")" : "");
        }
    }

    private volatile boolean waiting;
    /** Whether this server runs the demo (its progress is then asked at /demo/progress). */
    private volatile boolean demo;
    private volatile int step;
    private volatile int done;
    private volatile int total;
    private volatile long startedNanos = System.nanoTime();

    DemoProgress(@Value("${lodestar.demo.awaiting-book:false}") boolean awaitingBook) {
        this.waiting = awaitingBook;
        this.demo = awaitingBook;
    }

    /** Whether this server was started for the demo, or generated a demo book. */
    public boolean demo() {
        return demo;
    }

    /** Whether pages and sign-ins wait for the demo book. */
    public boolean waiting() {
        return waiting;
    }

    /** The book is there (generated now, or by an earlier run): pages and sign-ins open. */
    public void ready() {
        waiting = false;
    }

    /** Generation starts: everything waits until {@link #ready()}. */
    void begin() {
        startedNanos = System.nanoTime();
        step = 0;
        done = 0;
        total = 0;
        demo = true;
        waiting = true;
    }

    /** Step {@code number} (1-based, of {@link #STEPS}) starts. */
    void step(int number) {
        if (number < 1 || number > STEPS.size()) {
            throw new IllegalArgumentException("step " + number + ": expected 1 to " + STEPS.size());
        }
        done = 0;
        total = 0;
        step = number;
    }

    /** Within the current step: {@code done} of {@code total} items. */
    void within(int done, int total) {
        this.total = total;
        this.done = Math.min(done, total);
    }

    public Snapshot snapshot() {
        int current = step;
        int of = STEPS.size();
        int itemsDone = done;
        int items = total;
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
        if (!waiting) {
            return new Snapshot(false, of, of, "ready", 0, 0, 100, elapsed);
        }
        if (current == 0) {
            return new Snapshot(true, 0, of, "starting", 0, 0, 0, elapsed);
        }
        double percent = STEPS.subList(0, current - 1).stream().mapToInt(Step::share).sum();
        if (items > 0) {
            percent += STEPS.get(current - 1).share() * (double) itemsDone / items;
        }
        return new Snapshot(true, current, of, STEPS.get(current - 1).label(), itemsDone, items,
                (int) Math.min(99, Math.floor(percent)), elapsed);
    }

    /** Not ready (OUT_OF_SERVICE) while the demo book is being generated; in the readiness group. */
    @Override
    public Health health() {
        Snapshot now = snapshot();
        if (!now.waiting()) {
            return Health.up().build();
        }
        return Health.outOfService().withDetail("generating", now.describe()).withDetail("percent", now.percent()).build();
    }
}
