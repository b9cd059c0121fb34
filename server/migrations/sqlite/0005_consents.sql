-- What a person agreed to, for which purpose, when, and the version of the text shown.
-- Withdrawing sets withdrawn_at; rows are never deleted.
CREATE TABLE consents (
    id           TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL REFERENCES accounts (id),
    purpose      TEXT NOT NULL,             -- e.g. 'account': keep the number to sign in and send updates
    text_version TEXT NOT NULL,             -- the notice shown, e.g. 'account-2026-11'
    granted_at   BIGINT NOT NULL,
    withdrawn_at BIGINT
);
CREATE INDEX consents_account ON consents (account_id, purpose);
