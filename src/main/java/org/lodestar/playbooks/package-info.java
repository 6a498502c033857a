/**
 * Playbooks: configuration as code (YAML) saying which signals, on which accounts, start a play, and
 * the steps it puts on people's worklists (tasks with owners and due offsets, outreach), the success plan it starts and
 * the business review draft it opens.
 * A play is not started twice for the same cause; closing it records the outcome.
 */
@ApplicationModule(allowedDependencies = { "accounts", "audit", "cluster", "config", "errors", "health",
        "infrastructure", "outreach", "plans", "revenue", "reviews", "signals", "tasks" })
package org.lodestar.playbooks;

import org.springframework.modulith.ApplicationModule;
