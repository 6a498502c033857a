/**
 * What any module throws when a request cannot be done: bad input naming every problem ({@link
 * org.lodestar.errors.InvalidInput}), something that does not exist ({@link org.lodestar.errors.NotFound}) and a clash
 * with what exists ({@link org.lodestar.errors.Conflict}). The web module's error handler maps them to RFC 9457 problem
 * details; the command line prints their messages.
 */
@ApplicationModule(allowedDependencies = {})
package org.lodestar.errors;

import org.springframework.modulith.ApplicationModule;
