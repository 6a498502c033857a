/**
 * Feature requests (§8): product requests the product team decides on, and the asks of accounts and their contacts
 * behind each, ranked by how many accounts ask, their ARR and the ARR at risk; when one ships, the people who asked
 * are told through outreach drafts checked by the wrong-customer guard.
 */
@ApplicationModule(allowedDependencies = { "accounts", "audit", "errors", "infrastructure", "outreach", "support" })
package org.lodestar.feedback;

import org.springframework.modulith.ApplicationModule;
