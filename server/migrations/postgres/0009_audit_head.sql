-- One row every audit append updates first, inside its transaction: appends take turns (a row
-- lock on PostgreSQL, the write lock on SQLite), across instances too, so none loses a race for
-- the end of the hash chain.
CREATE TABLE audit_head (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    appends BIGINT NOT NULL
);
INSERT INTO audit_head (id, appends) VALUES (1, 0);
