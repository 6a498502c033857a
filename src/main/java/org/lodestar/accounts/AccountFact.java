package org.lodestar.accounts;

/**
 * The kinds of record about an account that can change, each owned by one module: what a change event names,
 * so that whatever derives from them (a health score) re-reads only what changed.
 */
public enum AccountFact {
    /** The account itself: name, owner, segment, stage (which scorecard applies). */
    ACCOUNT,
    /** Contracts and their lines: seats, modules, ARR, renewal dates. */
    CONTRACTS,
    /** Product usage rollups. */
    USAGE,
    /** Support tickets. */
    SUPPORT,
    /** Survey answers (NPS, CSAT). */
    SURVEYS,
    /** Invoices and payments. */
    BILLING,
    /** Stakeholders and the timeline of calls, meetings and emails. */
    RELATIONSHIP
}
