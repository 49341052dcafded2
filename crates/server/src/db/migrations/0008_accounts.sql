-- Accounts (issue 11): one-time passwords, disabling, password history, inspectors' ties, and
-- an audit trail that also records accounts, vehicles and drivers.

-- must_change_password = 1: the account was given a one-time password (by `first-admin`, by an
-- administrator creating it or resetting its password, or by an enterprise giving a driver an
-- account); until its holder sets a new one it may only change its password and sign out.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
-- Set when an administrator disables the account (its sessions are deleted at the same time);
-- NULL while the account is active.
ALTER TABLE users ADD COLUMN disabled_at TEXT;
-- Ties: an enterprise operator has enterprise_id, a reviewer a prefecture_code, a driver a
-- driver_id. An inspector has a prefecture_code for a prefecture's law-enforcement unit, or NULL
-- for the provincial law-enforcement bureau (省交通运输综合执法局).
CREATE INDEX users_role ON users(role);

-- The hashes of the passwords an account used before, newest last: a new password may not be one
-- of the last three (the current one included).
CREATE TABLE password_history (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    password_hash TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
CREATE INDEX password_history_user ON password_history(user_id, id);

-- The audit trail also records accounts, vehicles and drivers. SQLite cannot widen a CHECK
-- constraint in place, so the table is rebuilt. `detail` holds the field changes as
-- "field: before → after" lines (personal numbers masked, passwords never).
CREATE TABLE audit_log_new (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_id INTEGER REFERENCES users(id),
    entity TEXT NOT NULL CHECK (entity IN
        ('filing', 'enterprise', 'trust_list', 'account', 'vehicle', 'driver')),
    entity_id INTEGER NOT NULL,
    from_state TEXT,
    to_state TEXT NOT NULL,
    reason TEXT,
    detail TEXT
);
INSERT INTO audit_log_new (id, at, user_id, entity, entity_id, from_state, to_state, reason)
    SELECT id, at, user_id, entity, entity_id, from_state, to_state, reason FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_log_user ON audit_log(user_id, id);
