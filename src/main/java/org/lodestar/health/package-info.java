/**
 * Health scores: scorecards as configuration (YAML), the pure scoring engine with its explanation,
 * the inputs read from every other module as of any date, snapshots and trends, event-driven
 * recomputation, and the backtest that checks whether a score predicts churn.
 */
@ApplicationModule(allowedDependencies = { "accounts", "billing", "cluster", "config", "errors", "infrastructure",
        "revenue", "support", "surveys", "usage" })
package org.lodestar.health;

import org.springframework.modulith.ApplicationModule;
