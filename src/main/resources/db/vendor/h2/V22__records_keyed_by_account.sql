-- Every table of an account's records is keyed by account first, (account_id, id), so that on Citus it can be
-- distributed by account and co-located with the account (docs/scale.md); lookups by id alone keep an index of
-- their own. H2 drops a primary key by its own syntax; PostgreSQL has its own file.
alter table arr_movement drop primary key;
alter table arr_movement add constraint arr_movement_key primary key (account_id, id);
create index arr_movement_id on arr_movement (id);
alter table health_snapshot drop primary key;
alter table health_snapshot add constraint health_snapshot_key primary key (account_id, id);
create index health_snapshot_id on health_snapshot (id);
alter table invoice drop primary key;
alter table invoice add constraint invoice_key primary key (account_id, id);
create index invoice_id on invoice (id);
alter table support_ticket drop primary key;
alter table support_ticket add constraint support_ticket_key primary key (account_id, id);
create index support_ticket_id on support_ticket (id);
alter table survey_response drop primary key;
alter table survey_response add constraint survey_response_key primary key (account_id, id);
create index survey_response_id on survey_response (id);
alter table stakeholder drop primary key;
alter table stakeholder add constraint stakeholder_key primary key (account_id, id);
create index stakeholder_id on stakeholder (id);
alter table timeline_entry drop primary key;
alter table timeline_entry add constraint timeline_entry_key primary key (account_id, id);
create index timeline_entry_id on timeline_entry (id);
alter table outreach_message drop primary key;
alter table outreach_message add constraint outreach_message_key primary key (account_id, id);
create index outreach_message_id on outreach_message (id);
alter table task drop primary key;
alter table task add constraint task_key primary key (account_id, id);
create index task_id on task (id);
