-- Filings (省际包车备案), their drivers, and the audit trail of every state change.
--
-- number: 备案编号 `YN-YYYYMMDD-NNNN`, the creation date in China Standard Time and a daily
--   sequence from 0001, assigned when the draft is created.
-- prefecture_code: the jurisdiction of the filing = the filing enterprise's prefecture when the
--   filing was created; that prefecture's reviewers work its manual review.
-- Times (departure_at, return_at, *_at) are RFC 3339 text with the +08:00 offset.
-- waypoints and manual_reasons are JSON arrays of text.
-- A draft may be incomplete, so the form's columns are nullable; submission checks them all.

CREATE TABLE filings (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
    prefecture_code TEXT NOT NULL,
    vehicle_id INTEGER REFERENCES vehicles(id),
    charter_kind TEXT CHECK (charter_kind IN ('dedicated', 'scheduled_line_temporary')),
    origin TEXT NOT NULL DEFAULT '',
    destination TEXT NOT NULL DEFAULT '',
    waypoints TEXT NOT NULL DEFAULT '[]',
    departure_at TEXT,
    return_at TEXT,
    one_way_km INTEGER,
    passengers INTEGER,
    contract_number TEXT NOT NULL DEFAULT '',
    charterer TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN
        ('draft', 'submitted', 'auto_approved', 'pending_review', 'approved', 'rejected', 'cancelled')),
    manual_reasons TEXT NOT NULL DEFAULT '[]',
    decision_reason TEXT,
    reviewer_id INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    submitted_at TEXT,
    decided_at TEXT
);
CREATE INDEX filings_enterprise ON filings(enterprise_id, status);
CREATE INDEX filings_prefecture ON filings(prefecture_code, status);

-- The filing's drivers, chosen from the enterprise's registered drivers, in form order.
CREATE TABLE filing_drivers (
    filing_id INTEGER NOT NULL REFERENCES filings(id) ON DELETE CASCADE,
    driver_id INTEGER NOT NULL REFERENCES drivers(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (filing_id, driver_id)
);
CREATE INDEX filing_drivers_driver ON filing_drivers(driver_id);

-- One row per state change: a filing's status, or an enterprise's automatic-review permission
-- (from_state/to_state `withdrawn` / `granted`). user_id NULL = the system (automatic review).
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_id INTEGER REFERENCES users(id),
    entity TEXT NOT NULL CHECK (entity IN ('filing', 'enterprise')),
    entity_id INTEGER NOT NULL,
    from_state TEXT,
    to_state TEXT NOT NULL,
    reason TEXT
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
