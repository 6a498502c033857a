/**
 * Data hygiene (§8): where the book contradicts itself (the CRM's renewal date, ARR and seats against the contracts),
 * duplicates, impossible values, stale data, missing owners and sponsors, and stated totals and percentages that do
 * not match their parts. Findings are worked out from the data each time, so they clear when the data is fixed.
 */
@ApplicationModule(allowedDependencies = { "accounts", "audit", "errors", "infrastructure", "people", "revenue", "support",
        "surveys", "usage", "web" })
package org.lodestar.hygiene;

import org.springframework.modulith.ApplicationModule;
