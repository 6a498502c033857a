-- Spring Modulith's event publication registry (schema v2): an event that drives freshness is stored
-- here in the transaction that causes it, once per listener, and deleted when that listener has
-- handled it. What is left after a crash is published again on restart and resubmitted when stale.
-- One text for H2 and PostgreSQL: varchar without a length (PostgreSQL: unbounded; H2: a million
-- characters; Lodestar's events carry at most 10,000 account ids).
create table event_publication (
    id                      uuid         not null primary key,
    listener_id             varchar(512) not null,
    event_type              varchar(512) not null,
    serialized_event        varchar      not null,
    publication_date        timestamp with time zone not null,
    completion_date         timestamp with time zone,
    status                  varchar(20),
    completion_attempts     integer,
    last_resubmission_date  timestamp with time zone
);
create index event_publication_by_completion_date on event_publication (completion_date);

-- Accounts whose score inputs changed (usage, tickets, surveys, invoices, contacts, contracts) and
-- that have not been rescored since: marked in the transaction of the change, cleared by the rescore
-- that read it (only if version is still the one it read, so a change during the rescore stays due).
create table health_rescore_due (
    account_id  bigint   not null primary key,
    version     bigint   not null,
    changed_at  timestamp with time zone not null
);
