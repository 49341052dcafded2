-- Mutual recognition (互信互认): neighbours' imported key lists, removed keys, and the signed
-- lists this province published (their sequence numbers only ever increase).

-- The last list imported from each neighbouring province, checked against its pinned root.
CREATE TABLE neighbour_lists (
    province TEXT PRIMARY KEY,
    root_fingerprint TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    list BLOB NOT NULL,
    imported_at TEXT NOT NULL,
    -- 1 when created by the demo: a real import for the province replaces it.
    demo INTEGER NOT NULL DEFAULT 0
);

-- Keys withdrawn by this province's operator (撤销密钥), its own or a neighbour's.
CREATE TABLE removed_keys (
    kid TEXT PRIMARY KEY,
    province TEXT NOT NULL,
    removed_at INTEGER NOT NULL,
    reason TEXT NOT NULL
);

-- Every list this province signed: the combined list for its inspectors and exports for neighbours.
CREATE TABLE published_lists (
    sequence INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('combined', 'export')),
    issued_at INTEGER NOT NULL,
    next_update INTEGER NOT NULL,
    content_sha256 TEXT NOT NULL,
    list BLOB NOT NULL
);
CREATE INDEX published_lists_kind ON published_lists(kind, sequence);

-- The audit trail also records trust-list changes (entity 'trust_list', entity_id = the list's
-- sequence number): SQLite cannot widen a CHECK constraint in place, so the table is rebuilt.
CREATE TABLE audit_log_new (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_id INTEGER REFERENCES users(id),
    entity TEXT NOT NULL CHECK (entity IN ('filing', 'enterprise', 'trust_list')),
    entity_id INTEGER NOT NULL,
    from_state TEXT,
    to_state TEXT NOT NULL,
    reason TEXT
);
INSERT INTO audit_log_new (id, at, user_id, entity, entity_id, from_state, to_state, reason)
    SELECT id, at, user_id, entity, entity_id, from_state, to_state, reason FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
