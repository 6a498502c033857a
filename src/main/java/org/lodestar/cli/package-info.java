/**
 * The command line ({@code ./lodestar}): serve, demo, imports, users, tokens, reports and the
 * benchmark. Each tool starts Lodestar against the chosen database, does its work as a named actor,
 * and exits.
 */
package org.lodestar.cli;
