package org.lodestar.worklist;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A CSM's worklist on a day: the accounts that fit the day's capacity ({@code items}), accounts with overdue tasks
 * first, then by priority ({@code laterTasks} open tasks are due beyond the worklist's horizon); what does not fit ({@code overflow}, shown to them and to their leader on Team); and what
 * to do next when nothing is due. {@code accountsSetAside}: accounts needing attention without a task that the CSM set
 * aside for now ({@link Worklist#setAside}), off the list until their day, and which ({@code setAside}).
 */
public record WorklistView(String owner, String ownerName, LocalDate today, List<WorkItem> items, List<WorkItem> overflow,
        Capacity capacity, long openTasks, long laterTasks, long accountsNeedingAttention, long accountsSetAside,
        List<SetAside> setAside, long overdueTasks,
        long accountsOwned, List<Next> next) {

    /** An account set aside on this Today: until which day (it comes back then), and who set it aside. */
    public record SetAside(long accountId, String accountName, LocalDate until, String setBy) {
    }

    /** A suggestion for a day with nothing due: what to look at, and the page that shows it. */
    public record Next(String text, String href) {
    }

    /**
     * How much of the day the listed accounts take (1.00 is a full day) and the accounts a CSM works in a day by
     * coverage model.
     */
    public record Capacity(BigDecimal used, Map<String, Integer> accountsPerDay, long overflowAccounts,
            long overflowTasks) {

        /** The part of the day used, in percent, rounded. */
        public int percent() {
            return used.multiply(BigDecimal.valueOf(100)).setScale(0, java.math.RoundingMode.HALF_UP).intValue();
        }
    }
}
