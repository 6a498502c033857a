/**
 * The web layer's shared parts: the page layout and model, error responses as RFC 9457 problem details (mapping the
 * {@code errors} module's exceptions), request size limits, and strict reading of JSON bodies and parameters.
 */
@ApplicationModule(allowedDependencies = { "errors", "infrastructure" })
package org.lodestar.web;

import org.springframework.modulith.ApplicationModule;
