/**
 * Tasks: work on an account for a person or a team (sales, support), with a due date, priority and
 * the kind of work it is; created by hand or by a play; completed, reassigned, snoozed or cancelled.
 */
@ApplicationModule(allowedDependencies = { "accounts", "audit", "errors", "infrastructure", "people", "signals" })
package org.lodestar.tasks;

import org.springframework.modulith.ApplicationModule;
