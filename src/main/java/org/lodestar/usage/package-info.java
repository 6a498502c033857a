/**
 * Product usage: the Segment-compatible tracking API and its write keys, the durable event log,
 * and the rollups per account per day (active users, events, features) with the usage metrics
 * built on them (licence utilisation, adoption depth, trends).
 */
@ApplicationModule(allowedDependencies = { "accounts", "audit", "cluster", "errors", "infrastructure", "revenue" })
package org.lodestar.usage;

import org.springframework.modulith.ApplicationModule;
