/**
 * Signals: rules kept as configuration (YAML) that notice what needs a CSM — health falling, usage
 * dropping, a sponsor leaving, a detractor, urgent tickets, late invoices, over-use, renewals ahead,
 * onboarding running late — fired as data arrives and on a daily pass, each open until its cause clears.
 */
package org.lodestar.signals;
