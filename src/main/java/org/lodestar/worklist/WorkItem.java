package org.lodestar.worklist;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.lodestar.accounts.CoverageModel;
import org.lodestar.signals.SignalCategory;

/**
 * One row of a worklist: an account, why it is there in one line, and its open tasks beneath it (overdue first, then
 * by priority). An account with no task is there because it needs attention (an open signal, a red score or a high
 * churn risk). Its priority is the highest of its tasks' and its own; {@code share} is the part of a CSM's day it
 * takes at its coverage ({@link Worklist}). {@code cause} says what its attention is about ({@code signal 812} for its
 * newest open signal, {@code red}, {@code model}; null when it needs none): setting it aside is for that cause.
 */
public record WorkItem(long accountId, String accountName, CoverageModel coverage, String band, BigDecimal arr,
        LocalDate renewalDate, String reason, SignalCategory category, boolean needsAttention, long overdueTasks,
        LocalDate dueOn, WorklistRanking.Priority priority, BigDecimal share, List<TaskLine> tasks, String cause)
        implements WorklistRanking.Ranked {

    /** An open task on the worklist, with when it is due and why in one line. */
    public record TaskLine(long taskId, String title, String reason, SignalCategory category, LocalDate dueOn,
            boolean overdue, String outreach, String priorityLabel, WorklistRanking.Priority priority) {
    }
}
