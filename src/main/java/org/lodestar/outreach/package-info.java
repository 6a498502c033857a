/**
 * Outreach: message templates as configuration, merge fields filled from the account, its health
 * and usage, email over SMTP and alerts to Slack, and the guard that stops a message naming another customer.
 */
@ApplicationModule(allowedDependencies = { "accounts", "audit", "config", "errors", "health", "infrastructure",
        "usage" })
package org.lodestar.outreach;

import org.springframework.modulith.ApplicationModule;
