package org.lodestar.worklist;

import java.time.LocalDate;
import java.util.List;

/** A CSM's worklist on a day, highest priority first. */
public record WorklistView(String owner, String ownerName, LocalDate today, List<WorkItem> items, long openTasks,
        long accountsNeedingAttention, long overdueTasks) {
}
