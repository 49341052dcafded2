-- The rules of issue 13 on filings: the emergency-task mark (应急包车任务), which exempts a filing
-- from the home-end rule and always sends it to manual review. 0 = an ordinary trip.
-- The double-booking check reads a vehicle's and a driver's active filings by window.

ALTER TABLE filings ADD COLUMN emergency INTEGER NOT NULL DEFAULT 0 CHECK (emergency IN (0, 1));
CREATE INDEX filings_vehicle ON filings(vehicle_id, status);
