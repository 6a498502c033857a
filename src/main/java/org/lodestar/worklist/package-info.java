/**
 * The worklist and the book view (PRODUCT §6): each CSM's "today" — one row per account with its open tasks, overdue
 * first, then ranked by risk × ARR × urgency with a one-line reason, filled up to a day's capacity by coverage model,
 * the rest shown as overflow — the team's book by segment, band, coverage and kind of work, and where each CSM's time
 * goes against the target of their coverage models.
 */
@ApplicationModule(allowedDependencies = { "accounts", "audit", "config", "errors", "health", "infrastructure", "people", "plans", "playbooks", "signals",
        "tasks" })
package org.lodestar.worklist;

import org.springframework.modulith.ApplicationModule;
