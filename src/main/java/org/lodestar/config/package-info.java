/**
 * Configuration as code: finding the YAML files (shipped defaults, overridden from the data
 * directory) and reading them with errors that name the file, line and field.
 */
@ApplicationModule(allowedDependencies = {})
package org.lodestar.config;

import org.springframework.modulith.ApplicationModule;
