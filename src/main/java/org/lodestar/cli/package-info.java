/**
 * The command line ({@code ./lodestar}): serve, demo, imports, users and tokens. Each tool starts
 * Lodestar against the chosen database, does its work as a named actor, and exits.
 */
package org.lodestar.cli;
