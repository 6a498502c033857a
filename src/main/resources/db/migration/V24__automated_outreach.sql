-- Outreach steps name the contact's role they go to; on tech-touch and digital accounts Lodestar sends them itself
-- when they fall due (automated), and hands them to the CSM only if it cannot.
alter table task add column outreach_to varchar(40);
alter table task add column automated boolean default false not null;
