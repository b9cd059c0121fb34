-- Security review (issue 17), L9: a registration made with someone else's ID number is released
-- by a system administrator who has seen the real person's ID card: its look-up hash moves to
-- released_id_hash (kept for the record), its account link ends, and the real person can
-- register. Its service record stays as it was, under the released registration.
ALTER TABLE volunteers ADD COLUMN released_at BIGINT;
ALTER TABLE volunteers ADD COLUMN released_id_hash TEXT;
ALTER TABLE volunteers ADD COLUMN released_account_id TEXT;
