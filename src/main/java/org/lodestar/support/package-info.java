/**
 * Support (§3): each account's support tickets, from the API, Lodestar CSV, Zendesk or RavenStack,
 * with status, priority, escalation and the customer's satisfaction; what is open and urgent.
 */
@ApplicationModule(allowedDependencies = { "accounts", "audit", "errors", "infrastructure", "people" })
package org.lodestar.support;

import org.springframework.modulith.ApplicationModule;
