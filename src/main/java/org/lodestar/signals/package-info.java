/**
 * Signals: rules kept as configuration (YAML) that notice what needs a CSM — health falling, usage
 * dropping, a sponsor leaving, a detractor, urgent tickets, late invoices, over-use, renewals ahead,
 * onboarding or a success-plan milestone running late — fired as data arrives and on a daily pass, each open until its cause clears.
 */
@ApplicationModule(allowedDependencies = { "accounts", "audit", "billing", "cluster", "config", "errors", "health", "hygiene",
        "infrastructure", "plans", "revenue", "support", "surveys", "usage" })
package org.lodestar.signals;

import org.springframework.modulith.ApplicationModule;
