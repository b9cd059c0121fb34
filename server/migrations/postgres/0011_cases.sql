-- Cases (一门受理): every application a resident sends — a funeral subsidy claim or a
-- pre-application for assistance from the eligibility check — is one case in the queue of one
-- street office. The case row holds the current state; every change is an append-only event
-- (who, when, from, to, why). Personal data is sealed (encrypted) by the application; look-ups
-- use keyed hashes.
CREATE TABLE cases (
    id             TEXT PRIMARY KEY,
    reference      TEXT NOT NULL UNIQUE,      -- what the resident reads off the slip
    kind           TEXT NOT NULL CHECK (kind IN ('funeral', 'preapplication')),
    street_code    TEXT NOT NULL REFERENCES street_offices(code),
    state          TEXT NOT NULL CHECK (state IN ('submitted', 'accepted', 'more_documents',
                                                  'approved', 'rejected', 'paid', 'referred')),
    account_id     TEXT NOT NULL,             -- the signed-in resident who sent it
    phone_hash     TEXT NOT NULL,             -- keyed hash of the contact phone
    applicant      TEXT NOT NULL,             -- sealed JSON: name, ID number, phone, relation
    details        TEXT NOT NULL,             -- sealed JSON: the deceased, bank account, answers
    deceased_hash  TEXT UNIQUE,               -- funeral: keyed hash of the deceased's ID number
    programs       TEXT NOT NULL,             -- program ids, comma-separated
    claimed_fen    BIGINT NOT NULL DEFAULT 0, -- reimbursement asked for (cremation outside Wuhan)
    estimate_fen   BIGINT NOT NULL DEFAULT 0, -- the engine's estimate when sent
    decided_fen    BIGINT,                    -- fixed at approval; parameters never change it
    basis          TEXT,                      -- JSON: the parameter versions the decision used
    deadline       TEXT,                      -- YYYY-MM-DD, e.g. the reimbursement window's last day
    submitted_at   BIGINT NOT NULL,
    decided_at     BIGINT,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX cases_queue ON cases (street_code, state, submitted_at);
CREATE INDEX cases_account ON cases (account_id, submitted_at);

CREATE TABLE case_events (
    seq         BIGSERIAL PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES cases(id),
    at          BIGINT NOT NULL,
    actor       TEXT NOT NULL,                -- staff user id, or 'applicant'
    actor_label TEXT NOT NULL,                -- staff display name, or 申请人
    from_state  TEXT,                         -- NULL for the submission
    to_state    TEXT NOT NULL,
    reason_zh   TEXT NOT NULL DEFAULT '',     -- told to the resident in plain words
    reason_en   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_events_case ON case_events (case_id, seq);

CREATE TABLE case_documents (
    id           TEXT PRIMARY KEY,
    case_id      TEXT NOT NULL REFERENCES cases(id),
    kind         TEXT NOT NULL,               -- death_certificate, cremation_certificate, ...
    content_type TEXT NOT NULL,               -- from the content, never from the name
    size         BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    sealed       BYTEA NOT NULL,               -- the file, encrypted
    uploaded_by  TEXT NOT NULL,               -- 'applicant' or a staff user id
    uploaded_at  BIGINT NOT NULL
);
CREATE INDEX case_documents_case ON case_documents (case_id, uploaded_at);

CREATE TRIGGER case_events_no_change BEFORE UPDATE OR DELETE ON case_events
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER case_documents_no_change BEFORE UPDATE OR DELETE ON case_documents
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
