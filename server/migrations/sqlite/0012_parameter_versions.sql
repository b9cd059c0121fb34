-- Policy administration: dated values staff add to a parameter, merged on top of the values
-- compiled into the `policy` crate. Append-only: a correction is a newer version, never an edit.
-- `previous_value` is the value in force on `effective` before this version (the "old" of the
-- history); `created_by` is the staff account (ids only, no personal data).
CREATE TABLE parameter_versions (
    seq            BIGINT PRIMARY KEY,
    parameter_id   TEXT NOT NULL,
    effective      TEXT NOT NULL CHECK (length(effective) = 10),   -- YYYY-MM-DD
    value          BIGINT NOT NULL CHECK (value >= 0),
    source         TEXT NOT NULL CHECK (length(trim(source)) > 0),
    note           TEXT,
    created_by     TEXT NOT NULL REFERENCES staff_users (id),
    created_at     BIGINT NOT NULL,
    previous_value BIGINT,
    UNIQUE (parameter_id, effective)
);
CREATE INDEX parameter_versions_parameter ON parameter_versions (parameter_id, effective);

-- Appends take turns on this one row: the counter is the last version's seq, and a reader
-- compares it with the set it holds to know whether that set is still current.
CREATE TABLE parameter_head (
    id       BIGINT PRIMARY KEY CHECK (id = 1),
    versions BIGINT NOT NULL
);
INSERT INTO parameter_head (id, versions) VALUES (1, 0);

CREATE TRIGGER parameter_versions_no_update BEFORE UPDATE ON parameter_versions
BEGIN SELECT RAISE(ABORT, 'parameter_versions is append-only'); END;
CREATE TRIGGER parameter_versions_no_delete BEFORE DELETE ON parameter_versions
BEGIN SELECT RAISE(ABORT, 'parameter_versions is append-only'); END;
