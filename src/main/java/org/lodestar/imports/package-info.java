/**
 * Imports (§3): Lodestar's own CSV formats for accounts, stakeholders, subscriptions and feature requests, all or
 * nothing unless partial is asked for, upserting by external id; adapters for outside data sets such as RavenStack; and
 * the whole book written out in those formats and read back in (export and import book).
 */
@ApplicationModule(allowedDependencies = { "accounts", "audit", "billing", "errors", "feedback", "health", "hygiene", "infrastructure", "notifications", "outreach", "people", "plans", "revenue",
        "reviews", "signals", "support", "surveys", "tasks", "usage" })
package org.lodestar.imports;

import org.springframework.modulith.ApplicationModule;
