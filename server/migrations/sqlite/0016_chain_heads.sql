-- Security review (issue 17), F19: the audit chain's head (its newest hash and the number of
-- entries) is kept where every append updates it, and `verify` compares the walked chain with
-- it, so deleting the newest rows shows. (SQLite has no TRUNCATE: a DELETE fires the row
-- triggers that refuse it.)
ALTER TABLE audit_head ADD COLUMN head_hash TEXT;
UPDATE audit_head SET appends = (SELECT COUNT(*) FROM audit_log),
    head_hash = (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1);
