/**
 * Notifications (PRODUCT §6): each CSM's daily email digest (their Today and what changed since the last one) and a
 * Slack message when a high-severity signal fires on one of their accounts, with per-user settings.
 */
@ApplicationModule(allowedDependencies = { "accounts", "audit", "cluster", "errors", "infrastructure", "outreach", "people",
        "playbooks", "signals", "worklist" })
package org.lodestar.notifications;

import org.springframework.modulith.ApplicationModule;
