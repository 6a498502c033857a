package org.lodestar.usage;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * The rollups of these accounts changed (new, late or imported usage): published in the transaction that changed
 * them. Each account comes with the earliest day whose rollups changed, {@link #ANY_DAY} when any day may have (a
 * recount), so that what follows usage can tell a change to today from a change to history.
 */
public record UsageChanged(Map<Long, LocalDate> earliestDays) {

    /** The earliest day of an account whose every day may have changed. */
    public static final LocalDate ANY_DAY = LocalDate.of(1, 1, 1);

    public UsageChanged {
        earliestDays = Map.copyOf(earliestDays);
    }

    public Set<Long> accountIds() {
        return earliestDays.keySet();
    }
}
