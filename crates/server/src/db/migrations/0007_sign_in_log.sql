-- The sign-in part of the audit trail (crates/server/src/store/sign_ins.rs): every sign-in,
-- failed sign-in, lock-out and sign-out, with the user name as typed and the client address
-- (the real one behind a trusted proxy). No passwords, no session tokens.

CREATE TABLE sign_in_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    event TEXT NOT NULL CHECK (event IN
        ('signed_in', 'failed', 'locked_out', 'signed_out', 'signed_out_everywhere')),
    username TEXT NOT NULL,
    user_id INTEGER REFERENCES users(id),
    client_address TEXT NOT NULL,
    detail TEXT
);
CREATE INDEX sign_in_log_user ON sign_in_log(user_id);
