-- Charity donations (慈善捐赠): projects of the charity, payment orders, the hash-chained
-- double-entry ledger of money, receipts, evidence files and the goods ledger (款物签收台账).

CREATE TABLE charity_projects (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    story       TEXT NOT NULL,
    goal_fen    BIGINT NOT NULL CHECK (goal_fen > 0),
    filing_no   TEXT NOT NULL,                           -- 备案编号, shown on every project page
    emergency   BIGINT NOT NULL DEFAULT 0,
    starts_on   TEXT NOT NULL,                           -- YYYY-MM-DD, Asia/Shanghai
    ends_on     TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed', 'reported')),
    created_by  TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE TABLE charity_budget_lines (
    project_id TEXT NOT NULL REFERENCES charity_projects (id),
    line_no    BIGINT NOT NULL,
    label      TEXT NOT NULL,
    amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
    PRIMARY KEY (project_id, line_no)
);
-- Progress updates and the final report (第七十九条): append-only.
CREATE TABLE charity_updates (
    id           TEXT PRIMARY KEY,
    project_id   TEXT NOT NULL REFERENCES charity_projects (id),
    kind         TEXT NOT NULL CHECK (kind IN ('update', 'final')),
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    published_on TEXT NOT NULL,
    published_by TEXT NOT NULL,
    published_at BIGINT NOT NULL
);
CREATE INDEX charity_updates_project ON charity_updates (project_id);

-- Orders placed with the payment gateway. An order is paid at most once (status moves
-- pending → paid or pending → expired, never back); the donation itself is a ledger entry.
CREATE TABLE payment_orders (
    id             TEXT PRIMARY KEY,
    project_id     TEXT NOT NULL REFERENCES charity_projects (id),
    amount_fen     BIGINT NOT NULL CHECK (amount_fen > 0),
    donor_name     TEXT,                                 -- sealed; NULL when anonymous
    account_id     TEXT,                                 -- the signed-in resident, if any
    anonymous      BIGINT NOT NULL,
    receipt_wanted BIGINT NOT NULL,
    channel        TEXT NOT NULL CHECK (channel IN ('phone', 'kiosk', 'api')),
    status         TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'expired')),
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    paid_at        BIGINT,
    gateway_txn    TEXT
);
CREATE INDEX payment_orders_account ON payment_orders (account_id);
CREATE INDEX payment_orders_pending ON payment_orders (status, expires_at);

-- The sandbox gateway's own books (what a real gateway keeps on its side): the payment and the
-- delivery of its signed notification, retried until the merchant answers success.
CREATE TABLE sandbox_payments (
    order_id     TEXT PRIMARY KEY,
    amount_fen   BIGINT NOT NULL,
    txn_id       TEXT NOT NULL,
    paid_at      BIGINT NOT NULL,
    attempts     BIGINT NOT NULL DEFAULT 0,
    delivered_at BIGINT
);

-- One row every ledger append updates first: appends take turns, so the chain has one end.
CREATE TABLE charity_head (
    id      BIGINT PRIMARY KEY CHECK (id = 1),
    entries BIGINT NOT NULL,
    hash    TEXT NOT NULL
);
INSERT INTO charity_head (id, entries, hash) VALUES (1, 0, 'genesis');

-- The money ledger: entries chained by SHA-256, each with postings that sum to zero.
CREATE TABLE charity_entries (
    seq            BIGINT PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('donation', 'disbursement', 'refund')),
    project_id     TEXT NOT NULL REFERENCES charity_projects (id),
    amount_fen     BIGINT NOT NULL CHECK (amount_fen > 0),
    memo           TEXT NOT NULL,                        -- purpose of a disbursement, reason of a refund
    counterparty   TEXT NOT NULL,                        -- masked donor (张*), 匿名, or the payee category
    order_id       TEXT UNIQUE,                          -- one donation per paid order
    reverses       BIGINT UNIQUE,                        -- a refund reverses one donation once
    evidence_id    TEXT,
    budget_line    BIGINT,                               -- the budget line a disbursement counts against
    recorded_by    TEXT NOT NULL,
    at             BIGINT NOT NULL,
    prev_hash      TEXT NOT NULL UNIQUE,
    hash           TEXT NOT NULL
);
CREATE INDEX charity_entries_project ON charity_entries (project_id);
CREATE TABLE charity_postings (
    entry_seq  BIGINT NOT NULL REFERENCES charity_entries (seq),
    account    TEXT NOT NULL,                            -- donors, payees, project:<id>
    amount_fen BIGINT NOT NULL
);
CREATE INDEX charity_postings_account ON charity_postings (account);
CREATE INDEX charity_postings_entry ON charity_postings (entry_seq);

-- Receipts (第三十八条), numbered after their ledger entry; the donor's name sealed.
CREATE TABLE charity_receipts (
    number     TEXT PRIMARY KEY,
    entry_seq  BIGINT NOT NULL UNIQUE REFERENCES charity_entries (seq),
    donor_name TEXT NOT NULL,
    account_id TEXT,
    issued_at  BIGINT NOT NULL
);
CREATE INDEX charity_receipts_account ON charity_receipts (account_id);

-- Goods pledged for drop-off at a street centre, and the goods ledger: each receipt (签收)
-- opens a lot; hand-outs draw on it and never below zero.
CREATE TABLE goods_pledges (
    id          TEXT PRIMARY KEY,
    category    TEXT NOT NULL,
    description TEXT NOT NULL,
    quantity    BIGINT NOT NULL CHECK (quantity > 0),
    unit        TEXT NOT NULL,
    condition   TEXT NOT NULL CHECK (condition IN ('new', 'good', 'used')),
    street_code TEXT NOT NULL REFERENCES street_offices (code),
    donor_name  TEXT,                                    -- sealed; NULL when anonymous
    account_id  TEXT,
    pledged_at  BIGINT NOT NULL
);
CREATE TABLE goods_lots (
    id          TEXT PRIMARY KEY,
    pledge_id   TEXT UNIQUE REFERENCES goods_pledges (id),
    category    TEXT NOT NULL,
    description TEXT NOT NULL,
    unit        TEXT NOT NULL,
    street_code TEXT NOT NULL,
    remaining   BIGINT NOT NULL CHECK (remaining >= 0)   -- cached; the check recomputes it
);
CREATE TABLE goods_ledger (
    seq         INTEGER PRIMARY KEY,
    lot_id      TEXT NOT NULL REFERENCES goods_lots (id),
    kind        TEXT NOT NULL CHECK (kind IN ('received', 'handed_out')),
    quantity    BIGINT NOT NULL CHECK (quantity > 0),
    recipient   TEXT NOT NULL,                           -- project id or beneficiary category
    note        TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    at          BIGINT NOT NULL
);
CREATE INDEX goods_ledger_lot ON goods_ledger (lot_id);

-- Evidence of disbursements (invoices, hand-over lists), checked by content on upload.
CREATE TABLE charity_evidence (
    id           TEXT PRIMARY KEY,
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    bytes        BLOB NOT NULL,
    uploaded_by  TEXT NOT NULL,
    uploaded_at  BIGINT NOT NULL
);

CREATE TRIGGER charity_updates_no_update BEFORE UPDATE ON charity_updates
BEGIN SELECT RAISE(ABORT, 'charity_updates is append-only'); END;
CREATE TRIGGER charity_updates_no_delete BEFORE DELETE ON charity_updates
BEGIN SELECT RAISE(ABORT, 'charity_updates is append-only'); END;
CREATE TRIGGER charity_entries_no_update BEFORE UPDATE ON charity_entries
BEGIN SELECT RAISE(ABORT, 'charity_entries is append-only'); END;
CREATE TRIGGER charity_entries_no_delete BEFORE DELETE ON charity_entries
BEGIN SELECT RAISE(ABORT, 'charity_entries is append-only'); END;
CREATE TRIGGER charity_postings_no_update BEFORE UPDATE ON charity_postings
BEGIN SELECT RAISE(ABORT, 'charity_postings is append-only'); END;
CREATE TRIGGER charity_postings_no_delete BEFORE DELETE ON charity_postings
BEGIN SELECT RAISE(ABORT, 'charity_postings is append-only'); END;
CREATE TRIGGER charity_receipts_no_update BEFORE UPDATE ON charity_receipts
BEGIN SELECT RAISE(ABORT, 'charity_receipts is append-only'); END;
CREATE TRIGGER charity_receipts_no_delete BEFORE DELETE ON charity_receipts
BEGIN SELECT RAISE(ABORT, 'charity_receipts is append-only'); END;
CREATE TRIGGER goods_ledger_no_update BEFORE UPDATE ON goods_ledger
BEGIN SELECT RAISE(ABORT, 'goods_ledger is append-only'); END;
CREATE TRIGGER goods_ledger_no_delete BEFORE DELETE ON goods_ledger
BEGIN SELECT RAISE(ABORT, 'goods_ledger is append-only'); END;
CREATE TRIGGER charity_evidence_no_update BEFORE UPDATE ON charity_evidence
BEGIN SELECT RAISE(ABORT, 'charity_evidence is append-only'); END;
CREATE TRIGGER charity_evidence_no_delete BEFORE DELETE ON charity_evidence
BEGIN SELECT RAISE(ABORT, 'charity_evidence is append-only'); END;
