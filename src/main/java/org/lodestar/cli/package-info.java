/**
 * The command line ({@code ./lodestar}): serve, demo, imports, users, tokens, reports and the
 * benchmark. Each tool starts Lodestar against the chosen database, does its work as a named actor,
 * and exits.
 */
@ApplicationModule(allowedDependencies = { "accounts", "audit", "config", "demo", "errors", "health", "hygiene", "imports",
        "infrastructure", "outreach", "people", "playbooks", "plans", "revenue", "reviews", "signals", "usage", "worklist" })
package org.lodestar.cli;

import org.springframework.modulith.ApplicationModule;
