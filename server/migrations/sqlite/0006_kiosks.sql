-- Kiosks at street service centres. A system admin registers one and gets a one-time enrolment
-- code (kept only as a keyed hash, valid 24 hours); entering it on the kiosk gives the device a
-- credential (kept only as a keyed hash) that tells every flow which street centre it is in.
-- Revoking ends the credential at once.
CREATE TABLE kiosks (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    street_code      TEXT NOT NULL REFERENCES street_offices (code),
    enrol_hash       TEXT UNIQUE,          -- cleared when used
    enrol_expires_at BIGINT,
    credential_hash  TEXT UNIQUE,
    enrolled_at      BIGINT,
    revoked_at       BIGINT,
    created_at       BIGINT NOT NULL,
    created_by       TEXT NOT NULL         -- staff user id
);
