/**
 * The demo book: a believable customer base (CS team, accounts, contacts, three years of contracts
 * with renewals, expansions and churn, and timelines) planned from a seed and the injected clock,
 * so the same seed on the same day always yields the same book. Each term's hidden risk
 * ({@link org.lodestar.demo.TermRisk}) decides its renewal and the warning signs written before it
 * (docs/demo.md).
 */
@ApplicationModule(allowedDependencies = { "accounts", "audit", "billing", "health", "people", "plans", "revenue", "signals",
        "support", "surveys", "tasks", "usage" })
package org.lodestar.demo;

import org.springframework.modulith.ApplicationModule;
