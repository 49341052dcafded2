-- Certificates (电子凭证), the inspectors' verification log (扫码核验), appeals (申诉) and
-- problem feedback. `filing_id` is a plain integer so this migration does not depend on the
-- order in which the filings table lands.

CREATE TABLE certificates (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    filing_id INTEGER,
    issuer_province TEXT NOT NULL,
    kid TEXT NOT NULL,
    text TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked', 'ended')),
    revoked_reason TEXT,
    issued_at TEXT NOT NULL,
    not_before TEXT NOT NULL,
    not_after TEXT NOT NULL,
    revoked_at TEXT,
    CHECK (status <> 'revoked' OR revoked_at IS NOT NULL)
);
CREATE INDEX certificates_filing ON certificates(filing_id);

CREATE TABLE verifications (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    inspector_id INTEGER REFERENCES users(id),
    certificate_number TEXT,
    issuer_province TEXT,
    outcome TEXT NOT NULL CHECK (outcome IN ('valid', 'invalid')),
    step TEXT,
    online_status TEXT CHECK (online_status IN ('valid', 'revoked', 'ended', 'unknown', 'offline')),
    prefecture_code TEXT
);
CREATE INDEX verifications_certificate ON verifications(certificate_number);
CREATE INDEX verifications_at ON verifications(at);

CREATE TABLE appeals (
    id INTEGER PRIMARY KEY,
    verification_id INTEGER NOT NULL REFERENCES verifications(id),
    lodged_by INTEGER NOT NULL REFERENCES users(id),
    reason TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    resolution TEXT,
    resolved_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    resolved_at TEXT,
    CHECK (status <> 'resolved' OR (resolution IS NOT NULL AND resolved_by IS NOT NULL))
);
CREATE INDEX appeals_status ON appeals(status);

CREATE TABLE feedback (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    role TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
