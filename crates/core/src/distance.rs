//! Distance plausibility: how long a route at least is, and whether a declared one-way distance
//! can be true.
//!
//! The route runs between the seats of its prefecture-level places (`data/seats.tsv`, from PyPI's
//! `cpca` 0.5.5, MIT; see `data/README.md`). Its great-circle length is a hard lower bound: a
//! declared distance below it is impossible. Roads are longer than straight lines; a declared
//! distance below the length × [`ROAD_FACTOR`] is doubtful (里程存疑) and goes to manual review.
//! The factor is calibrated on real road distances in `docs/distance.md`.

use std::fmt;
use std::sync::OnceLock;

/// The embedded seat table, as shipped in `data/seats.tsv`.
pub const SEATS_TSV: &str = include_str!("../data/seats.tsv");

/// Road length over great-circle length below which a declared distance is doubtful
/// (calibrated in `docs/distance.md`: the lowest ratio of the real routes there is 1.175).
pub const ROAD_FACTOR: f64 = 1.15;

/// The mean Earth radius (IUGG), in kilometres.
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// A place on the Earth, in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Seat {
    /// Longitude, degrees east.
    pub longitude: f64,
    /// Latitude, degrees north.
    pub latitude: f64,
}

fn table() -> &'static [(&'static str, Seat)] {
    static TABLE: OnceLock<Vec<(&'static str, Seat)>> = OnceLock::new();
    TABLE.get_or_init(|| parse(SEATS_TSV))
}

/// Parses the embedded table; the data is part of the build, so a malformed row is a bug.
fn parse(tsv: &'static str) -> Vec<(&'static str, Seat)> {
    let mut rows: Vec<(&'static str, Seat)> = tsv
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .skip(1)
        .map(|row| {
            let mut cols = row.split('\t');
            let (Some(code), Some(lon), Some(lat)) = (cols.next(), cols.next(), cols.next()) else {
                panic!("seats.tsv: malformed row {row:?}");
            };
            let number = |s: &str| -> f64 {
                s.parse()
                    .unwrap_or_else(|_| panic!("seats.tsv: bad number {s:?}"))
            };
            let seat = Seat {
                longitude: number(lon),
                latitude: number(lat),
            };
            (code, seat)
        })
        .collect();
    rows.sort_by_key(|(code, _)| *code);
    rows
}

/// The seat of the prefecture-level division `code`, if the table has one.
pub fn seat(code: &str) -> Option<Seat> {
    let table = table();
    table
        .binary_search_by_key(&code, |(c, _)| c)
        .ok()
        .map(|i| table[i].1)
}

/// The great-circle distance between two seats, in kilometres (haversine formula).
pub fn great_circle_km(a: Seat, b: Seat) -> f64 {
    let (phi1, phi2) = (a.latitude.to_radians(), b.latitude.to_radians());
    let d_phi = phi2 - phi1;
    let d_lambda = (b.longitude - a.longitude).to_radians();
    let h = (d_phi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (d_lambda / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// The great-circle length of a route through `places` in order, in kilometres; `None` when a
/// place has no seat in the table (unknown codes, or groupings without a seat).
pub fn route_km<'a>(places: impl IntoIterator<Item = &'a str>) -> Option<f64> {
    let mut total = 0.0;
    let mut previous: Option<Seat> = None;
    for code in places {
        let here = seat(code)?;
        if let Some(before) = previous {
            total += great_circle_km(before, here);
        }
        previous = Some(here);
    }
    previous.map(|_| total)
}

/// What a route's seats say about its one-way distance, in whole kilometres rounded up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Estimate {
    /// The great-circle length: a declared distance below it is impossible.
    pub straight_km: u32,
    /// The great-circle length × [`ROAD_FACTOR`]: a declared distance below it is doubtful.
    pub road_km: u32,
}

/// The estimate for a route through `places` in order; `None` when a place has no seat.
pub fn estimate<'a>(places: impl IntoIterator<Item = &'a str>) -> Option<Estimate> {
    let km = route_km(places)?;
    Some(Estimate {
        straight_km: km.ceil() as u32,
        road_km: (km * ROAD_FACTOR).ceil() as u32,
    })
}

/// A declared distance that is possible, judged against the estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plausibility {
    /// At least the estimated road length.
    Plausible,
    /// Shorter than the estimated road length: 里程存疑, manual review.
    Doubtful,
}

/// A declared distance that cannot be true.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DistanceError {
    /// Shorter than the straight line through the route's places.
    ShorterThanStraightLine {
        /// The declared one-way distance.
        declared_km: u32,
        /// The great-circle length, rounded up.
        straight_km: u32,
    },
}

impl fmt::Display for DistanceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DistanceError::ShorterThanStraightLine {
                declared_km,
                straight_km,
            } => write!(
                f,
                "单边行程 {declared_km} 公里短于起点经途经地到讫点的直线距离（约 {straight_km} 公里），请核实"
            ),
        }
    }
}

impl std::error::Error for DistanceError {}

/// The rule: below the straight line is impossible, below the estimated road length doubtful.
pub fn check(declared_km: u32, estimate: Estimate) -> Result<Plausibility, DistanceError> {
    if declared_km < estimate.straight_km {
        return Err(DistanceError::ShorterThanStraightLine {
            declared_km,
            straight_km: estimate.straight_km,
        });
    }
    if declared_km < estimate.road_km {
        return Ok(Plausibility::Doubtful);
    }
    Ok(Plausibility::Plausible)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn every_prefecture_in_scope_has_a_seat() {
        for province in ["530000", "500000", "510000", "520000", "450000", "540000"] {
            let province = crate::division::province(province).unwrap();
            for prefecture in province.prefectures() {
                assert!(seat(prefecture.code()).is_some(), "{}", prefecture.code());
            }
        }
        assert_eq!(seat("530000"), None, "a province has no seat here");
        assert_eq!(seat("419000"), None, "a grouping without a seat");
    }

    #[test]
    fn kunming_to_chengdu_is_about_645_km_in_a_straight_line() {
        let km = route_km(["530100", "510100"]).unwrap();
        assert!((644.0..645.0).contains(&km), "{km}");
        assert_eq!(
            estimate(["530100", "510100"]),
            Some(Estimate {
                straight_km: 645,
                road_km: 742
            })
        );
    }

    #[test]
    fn a_route_adds_its_legs_and_one_place_is_no_distance() {
        let direct = route_km(["530100", "500100"]).unwrap();
        let via_guiyang = route_km(["530100", "520100", "500100"]).unwrap();
        assert!(via_guiyang > direct);
        assert_eq!(route_km(["530100"]), Some(0.0));
        assert_eq!(route_km(["530100", "999900"]), None);
    }

    #[test]
    fn the_straight_line_is_a_hard_bound_both_ways() {
        let estimate = estimate(["530100", "510100"]).unwrap();
        assert_eq!(
            check(644, estimate),
            Err(DistanceError::ShorterThanStraightLine {
                declared_km: 644,
                straight_km: 645
            })
        );
        assert_eq!(check(645, estimate), Ok(Plausibility::Doubtful));
        let message = check(644, estimate).unwrap_err().to_string();
        assert!(message.starts_with("单边行程 644 公里") && message.contains("645"));
    }

    #[test]
    fn the_road_factor_boundary_both_ways() {
        let estimate = estimate(["530100", "510100"]).unwrap();
        assert_eq!(check(741, estimate), Ok(Plausibility::Doubtful));
        assert_eq!(check(742, estimate), Ok(Plausibility::Plausible));
    }

    #[test]
    fn great_circle_is_symmetric_and_zero_at_one_place() {
        let kunming = seat("530100").unwrap();
        let lhasa = seat("540100").unwrap();
        assert_eq!(great_circle_km(kunming, kunming), 0.0);
        let there = great_circle_km(kunming, lhasa);
        assert!((there - great_circle_km(lhasa, kunming)).abs() < 1e-9);
        assert!((1267.0..1269.0).contains(&there), "{there}");
    }
}
