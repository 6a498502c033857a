/**
 * Plumbing every module shares and none owns: SQL helpers (filters, id lists, PostgreSQL COPY, which database this is,
 * paging limits), enum constants as people write them ({@link org.lodestar.infrastructure.Labels}), CSV cells, random
 * secrets and their hashes, and the values Lodestar accepts from outside.
 */
@ApplicationModule(allowedDependencies = { "errors" })
package org.lodestar.infrastructure;

import org.springframework.modulith.ApplicationModule;
