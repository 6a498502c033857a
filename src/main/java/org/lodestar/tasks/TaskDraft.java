package org.lodestar.tasks;

import java.time.LocalDate;

import org.lodestar.signals.SignalCategory;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A new task: the account and title are required; the owner defaults to the account's CSM, the team to
 * csm, the category to other, the priority to normal and the due date to today.
 */
@Schema(example = """
        {"accountId": 42, "title": "Call the champion about the renewal", "category": "renewal", "ownerEmail": "csm@lodestar.local", "dueOn": "2026-12-10", "priority": "high"}""")
public record TaskDraft(Long accountId, String title, String description, SignalCategory category, String ownerEmail,
        Team team, Priority priority, LocalDate dueOn, String outreach) {
}
