/**
 * Outreach: message templates as configuration, merge fields filled from the account, its health
 * and usage, email over SMTP and alerts to Slack, and the guard that stops a message naming another customer.
 */
package org.lodestar.outreach;
