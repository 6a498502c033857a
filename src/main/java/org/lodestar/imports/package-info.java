/**
 * Imports (§3): Lodestar's own CSV formats for accounts, stakeholders, subscriptions and feature requests, all or
 * nothing unless partial is asked for, upserting by external id; and adapters for outside data
 * sets such as RavenStack.
 */
@ApplicationModule(allowedDependencies = { "accounts", "audit", "billing", "errors", "feedback", "hygiene", "infrastructure", "revenue",
        "support", "surveys", "usage" })
package org.lodestar.imports;

import org.springframework.modulith.ApplicationModule;
