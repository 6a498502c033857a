/**
 * The book of accounts (§1): accounts with their external ids, owner, hierarchy, lifecycle stage,
 * coverage model and segment; their stakeholders; and each account's timeline.
 */
@ApplicationModule(allowedDependencies = { "audit", "errors", "infrastructure", "people", "web" })
package org.lodestar.accounts;

import org.springframework.modulith.ApplicationModule;
