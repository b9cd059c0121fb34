-- The district totals page sums the service record by date.
CREATE INDEX service_records_recorded ON service_records (recorded_at);

-- Corrections of the service record (志愿服务记录与证明出具办法 第十三条): the volunteer asks,
-- the organization decides once. Both tables are append-only; an open request is one without
-- a decision.
CREATE TABLE corrections (
    id              TEXT PRIMARY KEY,
    record_id       BIGINT NOT NULL REFERENCES service_records (id),
    volunteer_id    TEXT NOT NULL REFERENCES volunteers (id),
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    minutes         BIGINT NOT NULL,                     -- what the volunteer says is right
    reason          TEXT NOT NULL,
    requested_at    BIGINT NOT NULL
);
CREATE INDEX corrections_organization ON corrections (organization_id);
CREATE TABLE correction_decisions (
    correction_id TEXT PRIMARY KEY REFERENCES corrections (id),
    accepted      BIGINT NOT NULL,                       -- 1 accepted, 0 rejected
    reason        TEXT NOT NULL,
    decided_by    TEXT NOT NULL,
    decided_at    BIGINT NOT NULL
);

-- Issued certificates (志愿服务记录证明): what each one states, as issued, sealed with a keyed
-- hash so /verify can tell it is genuine and unchanged.
CREATE TABLE certificates (
    number       TEXT PRIMARY KEY,
    volunteer_id TEXT NOT NULL REFERENCES volunteers (id),
    content      TEXT NOT NULL,                          -- JSON: masked name and ID, hours by category and period, unit
    seal         TEXT NOT NULL,
    issued_at    BIGINT NOT NULL
);
CREATE INDEX certificates_volunteer ON certificates (volunteer_id);

-- Care services the time bank offers for credits (members aged 60 and over).
CREATE TABLE care_services (
    code    TEXT PRIMARY KEY,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    minutes BIGINT NOT NULL CHECK (minutes > 0)
);
INSERT INTO care_services (code, name_zh, name_en, minutes) VALUES
    ('meal_delivery', '助餐送餐（一次）', 'Meal delivered (once)', 30),
    ('errands', '代购代办（一次）', 'Shopping or errands (once)', 45),
    ('home_cleaning', '上门助洁（1 小时）', 'Home cleaning (1 hour)', 60),
    ('companionship', '陪伴聊天（1 小时）', 'Company and a chat (1 hour)', 60),
    ('medical_escort', '陪同就医（半天）', 'Escort to a medical appointment (half a day)', 120);

CREATE TRIGGER corrections_no_change BEFORE UPDATE OR DELETE ON corrections
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER correction_decisions_no_change BEFORE UPDATE OR DELETE ON correction_decisions
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER certificates_no_change BEFORE UPDATE OR DELETE ON certificates
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
