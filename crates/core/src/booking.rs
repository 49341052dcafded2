//! No double booking: a vehicle or a driver is on one trip at a time. A trip occupies the
//! half-open window from its departure to its return, so a trip may start the minute the
//! previous one ends.

use std::fmt;

use crate::cst;

/// A trip's claim on a vehicle and drivers for a window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Booking {
    /// 备案编号 of the filing.
    pub number: String,
    /// The vehicle's row id.
    pub vehicle_id: i64,
    /// The drivers: row id and name.
    pub drivers: Vec<(i64, String)>,
    /// Departure, seconds since the Unix epoch.
    pub departure_at: i64,
    /// Return, seconds since the Unix epoch (after the departure).
    pub return_at: i64,
}

impl Booking {
    /// Whether the two windows share at least one instant (touching windows do not).
    pub fn overlaps(&self, other: &Booking) -> bool {
        self.departure_at < other.return_at && other.departure_at < self.return_at
    }
}

/// A vehicle or driver already taken for an overlapping window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookingConflict {
    /// The vehicle is on the other filing's trip.
    Vehicle {
        /// The other filing's number.
        number: String,
        /// Its window, seconds since the Unix epoch.
        window: (i64, i64),
    },
    /// A driver is on the other filing's trip.
    Driver {
        /// The driver's name.
        name: String,
        /// The other filing's number.
        number: String,
        /// Its window, seconds since the Unix epoch.
        window: (i64, i64),
    },
}

impl BookingConflict {
    /// The form field the conflict belongs to.
    pub fn field(&self) -> &'static str {
        match self {
            BookingConflict::Vehicle { .. } => "vehicle_id",
            BookingConflict::Driver { .. } => "driver_ids",
        }
    }
}

impl fmt::Display for BookingConflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let span =
            |(from, to): (i64, i64)| format!("{} 至 {}", cst::minutes(from), cst::minutes(to));
        match self {
            BookingConflict::Vehicle { number, window } => write!(
                f,
                "所选车辆已在备案 {number} 的行程中（{}），时间重叠",
                span(*window)
            ),
            BookingConflict::Driver {
                name,
                number,
                window,
            } => write!(
                f,
                "驾驶员{name}已在备案 {number} 的行程中（{}），时间重叠",
                span(*window)
            ),
        }
    }
}

impl std::error::Error for BookingConflict {}

/// The rule: `trip` shares neither its vehicle nor a driver with an overlapping trip of `others`
/// (the approved and pending filings of the same enterprise); the first conflict otherwise.
pub fn check(trip: &Booking, others: &[Booking]) -> Result<(), BookingConflict> {
    for other in others.iter().filter(|o| trip.overlaps(o)) {
        let window = (other.departure_at, other.return_at);
        if other.vehicle_id == trip.vehicle_id {
            return Err(BookingConflict::Vehicle {
                number: other.number.clone(),
                window,
            });
        }
        if let Some((_, name)) = trip
            .drivers
            .iter()
            .find(|(id, _)| other.drivers.iter().any(|(o, _)| o == id))
        {
            return Err(BookingConflict::Driver {
                name: name.clone(),
                number: other.number.clone(),
                window,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const HOUR: i64 = 3600;
    const START: i64 = 1_780_272_000; // 2026-06-01 08:00 CST

    fn trip(number: &str, vehicle_id: i64, driver: i64, from: i64, to: i64) -> Booking {
        Booking {
            number: number.into(),
            vehicle_id,
            drivers: vec![(driver, format!("驾驶员{driver}"))],
            departure_at: from,
            return_at: to,
        }
    }

    fn booked() -> Vec<Booking> {
        vec![trip("YN-20260520-0001", 1, 1, START, START + 48 * HOUR)]
    }

    #[test]
    fn the_same_vehicle_overlapping_by_one_minute_is_refused_naming_the_filing() {
        let end = START + 48 * HOUR;
        let next = trip("", 1, 2, end - 60, end + 24 * HOUR);
        let conflict = check(&next, &booked()).unwrap_err();
        assert_eq!(conflict.field(), "vehicle_id");
        assert_eq!(
            conflict.to_string(),
            "所选车辆已在备案 YN-20260520-0001 的行程中（2026-06-01 08:00 至 2026-06-03 08:00），时间重叠"
        );
        // …and the other way round: ending one minute into the booked trip.
        let before = trip("", 1, 2, START - 24 * HOUR, START + 60);
        assert_eq!(check(&before, &booked()).unwrap_err().field(), "vehicle_id");
    }

    #[test]
    fn touching_windows_do_not_overlap() {
        let end = START + 48 * HOUR;
        assert_eq!(check(&trip("", 1, 1, end, end + HOUR), &booked()), Ok(()));
        assert_eq!(
            check(&trip("", 1, 1, START - HOUR, START), &booked()),
            Ok(())
        );
    }

    #[test]
    fn the_same_driver_overlapping_is_refused_naming_the_driver() {
        let next = trip("", 2, 1, START + HOUR, START + 2 * HOUR);
        let conflict = check(&next, &booked()).unwrap_err();
        assert_eq!(conflict.field(), "driver_ids");
        assert!(conflict
            .to_string()
            .starts_with("驾驶员驾驶员1已在备案 YN-20260520-0001"));
    }

    #[test]
    fn another_vehicle_and_driver_may_overlap() {
        assert_eq!(
            check(&trip("", 2, 2, START, START + HOUR), &booked()),
            Ok(())
        );
    }

    #[test]
    fn a_window_inside_another_overlaps() {
        let inside = trip("", 1, 2, START + HOUR, START + 2 * HOUR);
        assert!(inside.overlaps(&booked()[0]) && booked()[0].overlaps(&inside));
    }
}
