-- Drivers' receipts of issued certificates (接收), one per certificate and driver, and the rule
-- that a filing has at most one active certificate (issuing twice returns the same one).

CREATE TABLE certificate_receipts (
    certificate_id INTEGER NOT NULL REFERENCES certificates(id),
    driver_id INTEGER NOT NULL REFERENCES drivers(id),
    accepted_at TEXT NOT NULL,
    PRIMARY KEY (certificate_id, driver_id)
);
CREATE INDEX certificate_receipts_driver ON certificate_receipts(driver_id);

CREATE UNIQUE INDEX certificates_one_active_per_filing
    ON certificates(filing_id) WHERE status = 'active';
