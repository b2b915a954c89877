-- Audit entries of changes the scheduler applied name the user who scheduled them.
alter table audit_entry add column scheduled_by_subject varchar(255);
alter table audit_entry add column scheduled_by_name varchar(255);
