-- Staff accounts: password (argon2id) plus a TOTP second factor, one role each; caseworkers
-- belong to one street office. Failed sign-ins lock the account for 30 minutes after 5.
CREATE TABLE staff_users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,            -- argon2id PHC string
    totp_sealed   TEXT NOT NULL,            -- the TOTP secret, encrypted
    role          TEXT NOT NULL,            -- system_admin, policy_admin, caseworker, coordinator, charity_staff, auditor
    street_code   TEXT REFERENCES street_offices (code),
    failed_count  BIGINT NOT NULL DEFAULT 0,
    locked_until  BIGINT NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL
);

-- A staff sign-in: ends after 30 minutes idle or 12 hours in all, or when revoked.
CREATE TABLE staff_sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES staff_users (id),
    created_at BIGINT NOT NULL,
    last_seen  BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX staff_sessions_user ON staff_sessions (user_id);
