-- Security review (issue 17), L3: at most one open correction request per service record, held
-- by the database (two requests sent at once could both be accepted). A row here is the open
-- request of its record; the decision removes it in the same transaction.
CREATE TABLE open_corrections (
    record_id     BIGINT PRIMARY KEY REFERENCES service_records (id),
    correction_id TEXT NOT NULL UNIQUE REFERENCES corrections (id)
);
INSERT INTO open_corrections (record_id, correction_id)
SELECT c.record_id, c.id FROM corrections c
WHERE NOT EXISTS (SELECT 1 FROM correction_decisions d WHERE d.correction_id = c.id)
ON CONFLICT DO NOTHING;
