/**
 * The worklist and the book view (PRODUCT §6): each CSM's "today" — open tasks and accounts needing
 * attention, ranked by risk × ARR × urgency with a one-line reason — and the team's book by segment,
 * band, coverage and kind of work.
 */
@ApplicationModule(allowedDependencies = { "errors", "health", "people", "playbooks", "signals", "tasks" })
package org.lodestar.worklist;

import org.springframework.modulith.ApplicationModule;
