-- Volunteer time bank. Real-name volunteers (志愿服务记录与证明出具办法 第五条): name, ID number
-- and phone encrypted, found by keyed hash; sex and date of birth as the ID number gives them.
CREATE TABLE volunteers (
    id            TEXT PRIMARY KEY,
    account_id    TEXT UNIQUE REFERENCES accounts (id),  -- NULL when registered by staff for someone without a phone
    name_sealed   TEXT NOT NULL,
    name_masked   TEXT NOT NULL,
    id_sealed     TEXT NOT NULL,
    id_hash       TEXT NOT NULL UNIQUE,
    id_masked     TEXT NOT NULL,
    sex           TEXT NOT NULL,                          -- 'F' or 'M'
    birth_date    TEXT NOT NULL,                          -- YYYY-MM-DD
    street_code   TEXT NOT NULL REFERENCES street_offices (code),
    phone_sealed  TEXT,
    skills        TEXT NOT NULL,
    categories    TEXT NOT NULL,                          -- comma-separated category codes
    consent_version TEXT NOT NULL,                        -- the notice version agreed to at registration
    registered_at BIGINT NOT NULL,
    registered_by TEXT NOT NULL                           -- 'self' or 'staff:<id>'
);

-- Family members a volunteer may gift time credits to.
CREATE TABLE family_links (
    volunteer_id TEXT NOT NULL REFERENCES volunteers (id),
    relative_id  TEXT NOT NULL REFERENCES volunteers (id),
    linked_at    BIGINT NOT NULL,
    PRIMARY KEY (volunteer_id, relative_id)
);

-- Organizations run activities; coordinators (staff) act for the organizations they belong to.
CREATE TABLE organizations (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    street_code TEXT REFERENCES street_offices (code),
    created_at  BIGINT NOT NULL
);
CREATE TABLE organization_coordinators (
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    staff_id        TEXT NOT NULL REFERENCES staff_users (id),
    PRIMARY KEY (organization_id, staff_id)
);

-- A member of staff who is also a volunteer (a coordinator may not confirm their own hours).
CREATE TABLE staff_volunteers (
    staff_id     TEXT PRIMARY KEY REFERENCES staff_users (id),
    volunteer_id TEXT NOT NULL UNIQUE REFERENCES volunteers (id)
);

-- An activity (第七条): name, date and times, place, content, category, capacity, organizing
-- unit and person in charge. Times are unix seconds (UTC).
CREATE TABLE activities (
    id               TEXT PRIMARY KEY,
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    name             TEXT NOT NULL,
    starts_at        BIGINT NOT NULL,
    ends_at          BIGINT NOT NULL,
    place            TEXT NOT NULL,
    content          TEXT NOT NULL,
    category         TEXT NOT NULL,
    capacity         BIGINT NOT NULL,
    organizer_unit   TEXT NOT NULL,
    person_in_charge TEXT NOT NULL,
    earns_credits    BIGINT NOT NULL,                    -- 1 when verified hours earn time credits
    created_by       TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    cancelled_at     BIGINT
);
CREATE INDEX activities_starts ON activities (starts_at);

-- Sign-ups: confirmed within capacity, otherwise waiting in order of sign-up.
CREATE TABLE signups (
    activity_id  TEXT NOT NULL REFERENCES activities (id),
    volunteer_id TEXT NOT NULL REFERENCES volunteers (id),
    status       TEXT NOT NULL,                          -- 'confirmed', 'waiting', 'cancelled'
    signed_up_at BIGINT NOT NULL,
    PRIMARY KEY (activity_id, volunteer_id)
);

-- Attendance: one per volunteer and activity. Pending until a coordinator verifies it.
CREATE TABLE attendance (
    id            TEXT PRIMARY KEY,
    activity_id   TEXT NOT NULL REFERENCES activities (id),
    volunteer_id  TEXT NOT NULL REFERENCES volunteers (id),
    check_in      BIGINT NOT NULL,
    check_out     BIGINT,
    auto_closed   BIGINT NOT NULL DEFAULT 0,             -- 1 when closed at the activity's end (flagged)
    method        TEXT NOT NULL,                         -- 'qr', 'kiosk', 'group'
    status        TEXT NOT NULL DEFAULT 'pending',       -- 'pending', 'verified'
    UNIQUE (activity_id, volunteer_id)
);

-- QR check-in tokens are single use per volunteer.
CREATE TABLE qr_uses (
    nonce        TEXT NOT NULL,
    volunteer_id TEXT NOT NULL,
    used_at      BIGINT NOT NULL,
    PRIMARY KEY (nonce, volunteer_id)
);

-- The statutory service record: append-only. A correction is a new entry that reverses the
-- old one and another that replaces it, never an edit.
CREATE TABLE service_records (
    id           BIGSERIAL PRIMARY KEY,
    volunteer_id TEXT NOT NULL REFERENCES volunteers (id),
    activity_id  TEXT REFERENCES activities (id),        -- NULL for honour hours
    minutes      BIGINT NOT NULL,                        -- negative for a reversal
    kind         TEXT NOT NULL,                          -- 'verified', 'honour', 'reversal', 'correction'
    reason       TEXT NOT NULL,
    reverses     BIGINT REFERENCES service_records (id),
    recorded_by  TEXT NOT NULL,
    recorded_at  BIGINT NOT NULL
);
CREATE INDEX service_records_volunteer ON service_records (volunteer_id);

-- Time credits, double-entry in integer minutes. Each volunteer has an account; the time bank
-- has an issuing account (credits earned) and a redemption account (care received). The
-- balance column is a cache kept by the same statement that posts; a check recomputes it.
CREATE TABLE credit_accounts (
    id       TEXT PRIMARY KEY,
    owner    TEXT UNIQUE,                                -- volunteer id, or 'bank:issue' / 'bank:redeem'
    balance  BIGINT NOT NULL DEFAULT 0,
    CHECK (owner LIKE 'bank:%' OR balance >= 0)
);
CREATE TABLE credit_entries (
    id              TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL,                       -- 'earn', 'gift', 'redeem', 'expire', 'reversal'
    memo            TEXT NOT NULL,
    at              BIGINT NOT NULL
);
CREATE TABLE credit_postings (
    entry_id   TEXT NOT NULL REFERENCES credit_entries (id),
    account_id TEXT NOT NULL REFERENCES credit_accounts (id),
    minutes    BIGINT NOT NULL,
    PRIMARY KEY (entry_id, account_id)
);

-- The ledgers are append-only.
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER service_records_no_change BEFORE UPDATE OR DELETE ON service_records
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER credit_entries_no_change BEFORE UPDATE OR DELETE ON credit_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER credit_postings_no_change BEFORE UPDATE OR DELETE ON credit_postings
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledgers_no_truncate BEFORE TRUNCATE ON service_records
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
