package org.lodestar.worklist;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.lodestar.signals.SignalCategory;

/**
 * One entry of a worklist: an open task ({@code kind} task, with its id and due date) or an account
 * needing attention ({@code kind} account: open signals or a red score), with the reason in one line.
 */
public record WorkItem(String kind, long accountId, String accountName, Long taskId, String title, String reason,
        SignalCategory category, String band, BigDecimal arr, LocalDate renewalDate, LocalDate dueOn, String outreach,
        WorklistRanking.Priority priority) implements WorklistRanking.Ranked {
}
