package org.lodestar.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long command on stderr (stdout stays the command's result): "Scoring accounts: 1,200 of 5,000 (24%),
 * 3 s", on the first step, then at most every {@link #EVERY_NANOS} and on the last one, so a long run says it is
 * alive without flooding a log.
 */
final class Progress {

    /** Two seconds between lines. */
    static final long EVERY_NANOS = 2_000_000_000L;

    private final String what;
    private final PrintStream out;
    private final LongSupplier nanos;
    private final long started;
    private long lastPrinted = Long.MIN_VALUE;
    private long lastDone = -1;

    private Progress(String what, PrintStream out, LongSupplier nanos) {
        this.what = what;
        this.out = out;
        this.nanos = nanos;
        this.started = nanos.getAsLong();
    }

    /** Progress of {@code what} ("Scoring accounts") on stderr. */
    static Progress of(String what) {
        return new Progress(what, System.err, System::nanoTime);
    }

    /** For tests: lines to {@code out}, time from {@code nanos}. */
    static Progress of(String what, PrintStream out, LongSupplier nanos) {
        return new Progress(what, out, nanos);
    }

    /** {@code done} of {@code total} (total 0 or less: unknown); {@code note} is added to the line when not null. */
    void update(long done, long total, String note) {
        long now = nanos.getAsLong();
        boolean last = total > 0 && done >= total;
        boolean first = lastDone < 0;
        if (done == lastDone || !(first || last || now - lastPrinted >= EVERY_NANOS)) {
            return;
        }
        lastPrinted = now;
        lastDone = done;
        StringBuilder line = new StringBuilder(what).append(": ").append(String.format(Locale.ROOT, "%,d", done));
        if (total > 0) {
            line.append(String.format(Locale.ROOT, " of %,d (%d%%)", total, done * 100 / total));
        }
        line.append(", ").append((now - started) / 1_000_000_000L).append(" s");
        if (note != null) {
            line.append(" - ").append(note);
        }
        out.println(line);
    }

    void update(long done, long total) {
        update(done, total, null);
    }
}
