/**
 * Playbooks: configuration as code (YAML) saying which signals, on which accounts, start a play, and
 * the steps it puts on people's worklists (tasks with owners and due offsets, outreach, a success plan).
 * A play is not started twice for the same cause; closing it records the outcome.
 */
@ApplicationModule(allowedDependencies = { "accounts", "audit", "cluster", "config", "errors", "health",
        "infrastructure", "outreach", "revenue", "signals", "tasks" })
package org.lodestar.playbooks;

import org.springframework.modulith.ApplicationModule;
