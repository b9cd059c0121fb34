-- Security review (issue 17), F5: the record secret, from which the look-up hashes, the seals of
-- personal data and the codes printed on receipts and certificates are derived, is kept here,
-- sealed under APP_SECRET (envelope encryption). Rotating APP_SECRET re-seals this one row
-- (`server rekey`); every look-up, seal and printed code stays valid. One row.
CREATE TABLE record_key (
    id          BIGINT PRIMARY KEY CHECK (id = 1),
    sealed      TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    resealed_at BIGINT
);

-- F19: each append-only chain's head carries a keyed seal (HMAC under a key derived from the
-- record secret), written by every append and first when the record secret is made.
ALTER TABLE audit_head ADD COLUMN head_mac TEXT;
ALTER TABLE charity_head ADD COLUMN head_mac TEXT;
