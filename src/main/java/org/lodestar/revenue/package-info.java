/**
 * Contracts and revenue (§2): subscriptions with their line items, and what they add up to per
 * account (ARR today, next renewal). The ARR ledger and retention build on this.
 */
@ApplicationModule(allowedDependencies = { "accounts", "audit", "cluster", "errors", "infrastructure", "people", "web" })
package org.lodestar.revenue;

import org.springframework.modulith.ApplicationModule;
