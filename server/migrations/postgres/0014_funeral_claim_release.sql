-- Security review (issue 17), F6: one claim per deceased person among the claims still standing.
-- A rejected claim gives its look-up hash up (it moves to released_deceased_hash, kept for the
-- record), so one bogus claim made with someone's ID number cannot block the real family.
ALTER TABLE cases ADD COLUMN released_deceased_hash TEXT;
