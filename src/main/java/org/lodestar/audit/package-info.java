/**
 * The audit log: who (user, token, import, automation) changed what, with before and after.
 * Other modules record their changes through {@link org.lodestar.audit.AuditLog}.
 */
@ApplicationModule(allowedDependencies = { "infrastructure" })
package org.lodestar.audit;

import org.springframework.modulith.ApplicationModule;
