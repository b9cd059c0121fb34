-- Security review (issue 17), F11: the audit pages check the chain from the last point found
-- intact (id, hash and entries up to it, with a keyed seal so it cannot be moved forward by
-- hand), not from its start on every view. `server audit-verify` still walks all of it.
ALTER TABLE audit_head ADD COLUMN checkpoint_id INTEGER;
ALTER TABLE audit_head ADD COLUMN checkpoint_hash TEXT;
ALTER TABLE audit_head ADD COLUMN checkpoint_entries INTEGER;
ALTER TABLE audit_head ADD COLUMN checkpoint_mac TEXT;
