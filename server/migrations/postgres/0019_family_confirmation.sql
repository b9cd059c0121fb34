-- Security review (issue 17), F13: naming a relative by their ID number only asks; the link
-- holds (credits may be given) once the relative confirms it from their own account. Links
-- made before this change stand as confirmed.
ALTER TABLE family_links ADD COLUMN confirmed_at BIGINT;
UPDATE family_links SET confirmed_at = linked_at;
