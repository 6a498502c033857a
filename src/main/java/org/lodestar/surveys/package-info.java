/**
 * Surveys (§3): what customers answer when asked, NPS (0-10, with the promoter, passive and detractor
 * categories and the net promoter score) and CSAT (1-5), each with its comment and respondent.
 */
@ApplicationModule(allowedDependencies = { "accounts", "audit", "errors", "infrastructure", "people" })
package org.lodestar.surveys;

import org.springframework.modulith.ApplicationModule;
