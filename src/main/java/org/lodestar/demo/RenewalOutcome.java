package org.lodestar.demo;

/** What a customer does when a contract reaches its renewal date. */
enum RenewalOutcome {
    FLAT, EXPANSION, CONTRACTION, CHURN
}
