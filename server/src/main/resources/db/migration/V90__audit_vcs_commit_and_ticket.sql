-- Where a change came from outside Flagledger: the version-control commit and the ticket the caller
-- named (X-Flagledger-Vcs-Commit / X-Flagledger-Ticket, ChangeMetadata.VCS_COMMIT / TICKET), read from
-- the event metadata like actor and reason. Entries written before this migration have them once the
-- audit trail is rebuilt from the events (rebuildReadModel "audit-trail").
alter table audit_entry add column vcs_commit varchar(255);
alter table audit_entry add column ticket varchar(255);
create index audit_entry_ticket on audit_entry (ticket, position);
