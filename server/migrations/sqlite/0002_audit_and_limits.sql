-- Audit log: append-only, each entry chained to the previous one by hash. A fork (two entries
-- claiming the same predecessor) is impossible: prev_hash is unique. Kept indefinitely
-- (at least 180 days); nothing in the application deletes from it.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        BIGINT NOT NULL,          -- unix seconds, UTC
    actor     TEXT NOT NULL,            -- who: a staff user id, 'resident:<id>', 'kiosk:<id>', 'system'
    action    TEXT NOT NULL,            -- what: e.g. 'staff.sign_in', 'case.read'
    target    TEXT NOT NULL,            -- which record (an id, never personal data)
    outcome   TEXT NOT NULL,            -- 'ok', 'denied', 'failed: <reason>'
    prev_hash TEXT NOT NULL UNIQUE,
    hash      TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- Fixed-window counters for rate limits and lockouts, shared by every server instance.
CREATE TABLE rate_limits (
    key          TEXT NOT NULL,         -- e.g. 'otp-send:phone:<keyed hash>'
    window_start BIGINT NOT NULL,       -- unix seconds at the start of the window
    count        BIGINT NOT NULL,
    PRIMARY KEY (key, window_start)
);
