/**
 * Success plans (mutual action plans): an account's desired outcomes and the milestones towards them, owned on
 * our side or the customer's, with due dates, status and evidence; and the plan templates (YAML) they start from.
 */
@ApplicationModule(allowedDependencies = { "accounts", "audit", "config", "errors", "infrastructure", "people" })
package org.lodestar.plans;

import org.springframework.modulith.ApplicationModule;
