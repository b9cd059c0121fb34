-- Security review (issue 17), F19: the audit chain's head (its newest hash and the number of
-- entries) is kept where every append updates it, and `verify` compares the walked chain with
-- it, so deleting the newest rows shows. TRUNCATE is refused on every append-only table (row
-- triggers do not fire for it).
ALTER TABLE audit_head ADD COLUMN head_hash TEXT;
UPDATE audit_head SET appends = (SELECT COUNT(*) FROM audit_log),
    head_hash = (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1);

CREATE TRIGGER case_documents_no_truncate BEFORE TRUNCATE ON case_documents
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER certificates_no_truncate BEFORE TRUNCATE ON certificates
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER charity_entries_no_truncate BEFORE TRUNCATE ON charity_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER charity_evidence_no_truncate BEFORE TRUNCATE ON charity_evidence
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER charity_postings_no_truncate BEFORE TRUNCATE ON charity_postings
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER charity_receipts_no_truncate BEFORE TRUNCATE ON charity_receipts
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER charity_updates_no_truncate BEFORE TRUNCATE ON charity_updates
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER correction_decisions_no_truncate BEFORE TRUNCATE ON correction_decisions
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER corrections_no_truncate BEFORE TRUNCATE ON corrections
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER credit_entries_no_truncate BEFORE TRUNCATE ON credit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER credit_postings_no_truncate BEFORE TRUNCATE ON credit_postings
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER goods_ledger_no_truncate BEFORE TRUNCATE ON goods_ledger
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
