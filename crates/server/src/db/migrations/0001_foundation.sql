-- Enterprises, their vehicles and drivers, user accounts and sessions.

CREATE TABLE enterprises (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    credit_code TEXT NOT NULL UNIQUE,
    prefecture_code TEXT NOT NULL,
    auto_review INTEGER NOT NULL DEFAULT 0 CHECK (auto_review IN (0, 1)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE vehicles (
    id INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
    plate TEXT NOT NULL UNIQUE,
    seats INTEGER NOT NULL CHECK (seats > 0),
    kind TEXT NOT NULL
);

CREATE TABLE drivers (
    id INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
    name TEXT NOT NULL,
    phone TEXT NOT NULL,
    id_number TEXT NOT NULL,
    licence_number TEXT NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('enterprise', 'reviewer', 'admin', 'driver', 'inspector')),
    display_name TEXT NOT NULL,
    enterprise_id INTEGER REFERENCES enterprises(id),
    prefecture_code TEXT,
    driver_id INTEGER REFERENCES drivers(id),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (role <> 'enterprise' OR enterprise_id IS NOT NULL),
    CHECK (role <> 'reviewer' OR prefecture_code IS NOT NULL),
    CHECK (role <> 'driver' OR driver_id IS NOT NULL)
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
