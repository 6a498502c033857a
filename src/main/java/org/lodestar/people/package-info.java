/**
 * People and access: users with roles, personal API tokens (scoped, expiring, revocable, stored
 * hashed), form login for the UI and bearer tokens for the API.
 */
@ApplicationModule(allowedDependencies = { "audit", "errors", "infrastructure", "web" })
package org.lodestar.people;

import org.springframework.modulith.ApplicationModule;
