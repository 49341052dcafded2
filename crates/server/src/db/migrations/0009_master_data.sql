-- Master data of issue 11: what the administrator keeps about an enterprise (its 道路运输经营许可证
-- and whether it is disabled), and what an enterprise keeps about its vehicles (车辆类型等级,
-- 道路运输证) and drivers (准驾车型, 从业资格证). Dates are `YYYY-MM-DD`, the last valid day.
-- A retired vehicle or driver (retired_at set) stays on past filings and certificates but is
-- offered for no new filing. A disabled enterprise (disabled = 1) files nothing.

ALTER TABLE enterprises ADD COLUMN permit_number TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprises ADD COLUMN permit_valid_until TEXT;
ALTER TABLE enterprises ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1));
-- The administrator's list: ordered by prefecture and name, searched by name or credit code.
CREATE INDEX enterprises_listing ON enterprises(prefecture_code, name, id);

ALTER TABLE vehicles ADD COLUMN grade TEXT NOT NULL DEFAULT '';
ALTER TABLE vehicles ADD COLUMN permit_number TEXT NOT NULL DEFAULT '';
ALTER TABLE vehicles ADD COLUMN permit_valid_until TEXT;
ALTER TABLE vehicles ADD COLUMN retired_at TEXT;
CREATE INDEX vehicles_enterprise ON vehicles(enterprise_id, plate);

ALTER TABLE drivers ADD COLUMN licence_class TEXT;
ALTER TABLE drivers ADD COLUMN qualification_number TEXT NOT NULL DEFAULT '';
ALTER TABLE drivers ADD COLUMN qualification_valid_until TEXT;
ALTER TABLE drivers ADD COLUMN retired_at TEXT;
-- An enterprise registers a person once: the identity number is the import's key for drivers.
CREATE UNIQUE INDEX drivers_identity ON drivers(enterprise_id, id_number);
