-- Security review (issue 17), F6: a caseworker may release a standing claim's hold on the
-- deceased's number (audited, with a reason) so that the family can claim before the deadline
-- while the first claim is still being checked. At most one claim per deceased person is ever
-- approved: approval copies the hash here, and the index refuses a second.
ALTER TABLE cases ADD COLUMN approved_deceased_hash TEXT;
CREATE UNIQUE INDEX cases_approved_deceased_hash_key ON cases (approved_deceased_hash);
