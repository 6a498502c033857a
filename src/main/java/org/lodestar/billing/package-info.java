/**
 * Billing (§3): each account's invoices, from the API, Lodestar CSV or Stripe, with amounts to the
 * cent, due dates and status, and how many days an unpaid invoice is overdue on the injected clock.
 */
@ApplicationModule(allowedDependencies = { "accounts", "audit", "errors", "infrastructure", "people" })
package org.lodestar.billing;

import org.springframework.modulith.ApplicationModule;
