-- Street offices (街道办事处) of Dongxihu District: where applications are routed and where
-- residents go. Addresses, hours and phones are placeholders until the bureau supplies them.
CREATE TABLE street_offices (
    code        TEXT PRIMARY KEY,          -- stable short code, e.g. 'wujiashan'
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    address_zh  TEXT NOT NULL,
    address_en  TEXT NOT NULL,
    hours_zh    TEXT NOT NULL,
    hours_en    TEXT NOT NULL,
    phone       TEXT NOT NULL,
    placeholder BIGINT NOT NULL DEFAULT 1, -- 1 while contact details are not confirmed
    sort_order  BIGINT NOT NULL
);
