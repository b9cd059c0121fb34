-- Resident accounts, one-time sign-in codes, refresh-token families and the development outbox.
-- Phone numbers are sealed (encrypted) and found by a keyed hash; codes and tokens are stored
-- only as hashes.
CREATE TABLE accounts (
    id           TEXT PRIMARY KEY,          -- random uuid
    kind         TEXT NOT NULL,             -- 'resident'
    phone_hash   TEXT NOT NULL UNIQUE,      -- keyed hash of the mobile number, for look-up
    phone_sealed TEXT NOT NULL,             -- the mobile number, encrypted
    created_at   BIGINT NOT NULL
);

CREATE TABLE otp_codes (
    id         TEXT PRIMARY KEY,
    phone_hash TEXT NOT NULL,
    code_hash  TEXT NOT NULL,               -- keyed hash of the 6 digits
    expires_at BIGINT NOT NULL,
    tries      BIGINT NOT NULL DEFAULT 0,   -- wrong guesses; dead at 5
    used_at    BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX otp_codes_phone ON otp_codes (phone_hash, created_at);

-- A sign-in is a family of refresh tokens; each use replaces the token, and reuse of a
-- replaced one revokes the whole family (someone else holds a copy).
CREATE TABLE session_families (
    family         TEXT PRIMARY KEY,
    account_id     TEXT NOT NULL REFERENCES accounts (id),
    created_at     BIGINT NOT NULL,
    revoked_at     BIGINT,
    revoked_reason TEXT
);
CREATE INDEX session_families_account ON session_families (account_id);

CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    family     TEXT NOT NULL REFERENCES session_families (family),
    expires_at BIGINT NOT NULL,
    used_at    BIGINT,
    created_at BIGINT NOT NULL
);

-- Development only: messages the built-in sender "sent", shown on /dev/outbox.
CREATE TABLE dev_outbox (
    id        BIGSERIAL PRIMARY KEY,
    at        BIGINT NOT NULL,
    recipient TEXT NOT NULL,                -- masked
    message   TEXT NOT NULL
);
