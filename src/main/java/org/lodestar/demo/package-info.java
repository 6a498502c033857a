/**
 * The demo book: a believable customer base (CS team, accounts, contacts, three years of contracts
 * with renewals, expansions and churn, and timelines) planned from a seed and the injected clock,
 * so the same seed on the same day always yields the same book.
 */
package org.lodestar.demo;
