/**
 * Business reviews (QBR, EBR): the pack of an account's quarter read from the other modules (plan milestones, usage,
 * health, support, ARR, risks, sponsors), the draft in which a CSM writes the narrative and states figures with their
 * parts, the cross-check of every total against its parts, and the pack rendered as a PPTX deck and a PDF.
 */
@ApplicationModule(allowedDependencies = { "accounts", "audit", "errors", "health", "infrastructure", "people", "plans",
        "revenue", "signals", "support", "usage", "web" })
package org.lodestar.reviews;

import org.springframework.modulith.ApplicationModule;
