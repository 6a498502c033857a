package org.lodestar.accounts;

/** What an upsert by external id did. */
public enum UpsertOutcome { CREATED, UPDATED, UNCHANGED }
