//! The electronic certificate's scope (启用范围) and go-live moment (启用时间).

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, TimeZone};
use serde::{Deserialize, Serialize};

use crate::division::{self, Province};

/// The 2-digit prefixes of the six provinces in scope: 云南, 重庆, 四川, 贵州, 广西, 西藏.
pub const SCOPE_PROVINCES: [&str; 6] = ["53", "50", "51", "52", "45", "54"];

/// The road transport authority of each province within the scope, which issues its certificates.
const AUTHORITIES: [(&str, &str); 6] = [
    ("53", "云南省交通运输厅"),
    ("50", "重庆市交通运输委员会"),
    ("51", "四川省交通运输厅"),
    ("52", "贵州省交通运输厅"),
    ("45", "广西壮族自治区交通运输厅"),
    ("54", "西藏自治区交通运输厅"),
];

/// The issuing authority of a province within the scope, e.g. `51` → 四川省交通运输厅.
pub fn authority(province: &str) -> Option<&'static str> {
    AUTHORITIES
        .iter()
        .find(|(code, _)| *code == province)
        .map(|(_, name)| *name)
}

/// Whether a division code lies in scope, judged by its province prefix.
///
/// Accepts a 2-digit province prefix (`53`) or a 6-digit code of any level (`530100`); anything
/// else is out of scope. The division need not be in our table, so a newer code from another
/// province's certificate still counts by its province.
pub fn in_scope(code: &str) -> bool {
    let well_formed =
        (code.len() == 2 || code.len() == 6) && code.bytes().all(|b| b.is_ascii_digit());
    well_formed && SCOPE_PROVINCES.contains(&&code[..2])
}

/// The first place of a trip (origin, waypoints, destination) that lies out of scope, if any.
pub fn first_out_of_scope<'a>(places: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    places.into_iter().find(|code| !in_scope(code))
}

/// Whether the origin, the destination and every waypoint all lie in scope.
pub fn trip_in_scope<W: AsRef<str>>(origin: &str, destination: &str, waypoints: &[W]) -> bool {
    let places = [origin, destination]
        .into_iter()
        .chain(waypoints.iter().map(AsRef::as_ref));
    first_out_of_scope(places).is_none()
}

/// The moment the electronic certificate goes live; before it only the paper plate exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct GoLive(DateTime<FixedOffset>);

/// China Standard Time, UTC+8.
pub fn cst() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

impl GoLive {
    /// A go-live moment at the given instant.
    pub fn new(at: DateTime<FixedOffset>) -> Self {
        GoLive(at)
    }

    /// Parses an RFC 3339 timestamp such as `2024-05-20T09:00:00+08:00`.
    pub fn parse(rfc3339: &str) -> Result<Self, chrono::ParseError> {
        DateTime::parse_from_rfc3339(rfc3339.trim()).map(GoLive)
    }

    /// The moment itself.
    pub fn at(self) -> DateTime<FixedOffset> {
        self.0
    }

    /// Whether the electronic certificate is available at `now`.
    pub fn is_live<Tz: TimeZone>(self, now: &DateTime<Tz>) -> bool {
        now.timestamp_millis() >= self.0.timestamp_millis()
    }
}

impl Default for GoLive {
    /// 2024-05-20 09:00 China Standard Time, as set by 云交运输便〔2024〕266号.
    fn default() -> Self {
        let at = cst()
            .with_ymd_and_hms(2024, 5, 20, 9, 0, 0)
            .single()
            .expect("valid go-live moment");
        GoLive(at)
    }
}

impl FromStr for GoLive {
    type Err = chrono::ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        GoLive::parse(s)
    }
}

impl fmt::Display for GoLive {
    /// Shown in China Standard Time, e.g. `2024-05-20 09:00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::cst::minutes(self.0.timestamp()))
    }
}

/// Why a trip gets only the paper plate (纸质标志牌).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum PaperOnlyReason {
    /// The electronic certificate has not gone live yet at that moment.
    BeforeGoLive {
        /// The configured go-live moment.
        go_live: GoLive,
    },
    /// A place of the trip lies in a province outside the scope.
    OutOfScope {
        /// The division code of the first place out of scope.
        place: String,
        /// Its province, when the code names a known one.
        province: Option<Province>,
    },
}

impl fmt::Display for PaperOnlyReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PaperOnlyReason::BeforeGoLive { go_live } => {
                write!(f, "电子凭证于 {go_live} 启用，此前只能使用纸质标志牌")
            }
            PaperOnlyReason::OutOfScope { province: Some(province), .. } => write!(
                f,
                "行程经过{}，不在电子凭证启用范围（云南、重庆、四川、贵州、广西、西藏）内，只能使用纸质标志牌",
                province.name()
            ),
            PaperOnlyReason::OutOfScope { place, province: None } => write!(
                f,
                "行政区划代码 {place} 不在电子凭证启用范围（云南、重庆、四川、贵州、广西、西藏）内，只能使用纸质标志牌"
            ),
        }
    }
}

impl std::error::Error for PaperOnlyReason {}

/// Whether a trip through `places` (origin, waypoints, destination) may get an electronic
/// certificate at `now`, or else why it gets only the paper plate. Go-live is checked first.
pub fn e_certificate_available<'a, Tz: TimeZone>(
    places: impl IntoIterator<Item = &'a str>,
    now: &DateTime<Tz>,
    go_live: GoLive,
) -> Result<(), PaperOnlyReason> {
    if !go_live.is_live(now) {
        return Err(PaperOnlyReason::BeforeGoLive { go_live });
    }
    if let Some(place) = first_out_of_scope(places) {
        let province = division::province_of(place);
        return Err(PaperOnlyReason::OutOfScope {
            place: place.to_owned(),
            province,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn at(rfc3339: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(rfc3339).unwrap()
    }

    const AFTER: &str = "2024-06-01T08:00:00+08:00";

    #[test]
    fn the_six_provinces_are_in_scope() {
        for code in [
            "530100", "500100", "510100", "520100", "450100", "540100", "53",
        ] {
            assert!(in_scope(code), "{code}");
        }
    }

    #[test]
    fn other_provinces_and_junk_are_out_of_scope() {
        for code in ["430100", "440300", "43", "", "5", "5301", "53010a", "云南"] {
            assert!(!in_scope(code), "{code:?}");
        }
    }

    #[test]
    fn a_chongqing_trip_is_in_scope() {
        assert!(trip_in_scope("530100", "500100", &["520100"]));
        assert!(trip_in_scope::<&str>("530100", "500200", &[]));
    }

    #[test]
    fn a_waypoint_in_hunan_puts_the_trip_out_of_scope() {
        assert!(!trip_in_scope("530100", "500100", &["430100"]));
    }

    #[test]
    fn hunan_trip_gets_the_paper_plate_naming_hunan() {
        let places = ["530100", "430100"];
        let reason = e_certificate_available(places, &at(AFTER), GoLive::default()).unwrap_err();
        assert!(matches!(&reason, PaperOnlyReason::OutOfScope { place, .. } if place == "430100"));
        assert!(reason.to_string().contains("湖南省"), "{reason}");
    }

    #[test]
    fn chongqing_trip_after_go_live_gets_the_certificate() {
        let places = ["530100", "510100", "500100"];
        assert_eq!(
            e_certificate_available(places, &at(AFTER), GoLive::default()),
            Ok(())
        );
    }

    #[test]
    fn go_live_boundary_is_inclusive() {
        let places = ["530100", "500100"];
        let before = at("2024-05-20T08:59:59+08:00");
        let exactly = at("2024-05-20T01:00:00Z");
        let reason = e_certificate_available(places, &before, GoLive::default()).unwrap_err();
        assert!(matches!(reason, PaperOnlyReason::BeforeGoLive { .. }));
        assert!(reason.to_string().contains("2024-05-20 09:00"), "{reason}");
        assert_eq!(
            e_certificate_available(places, &exactly, GoLive::default()),
            Ok(())
        );
    }

    #[test]
    fn go_live_is_configurable_from_rfc3339() {
        let go_live: GoLive = "2025-01-01T00:00:00+08:00".parse().unwrap();
        assert!(!go_live.is_live(&at(AFTER)));
        assert!(GoLive::parse("next tuesday").is_err());
        assert_eq!(GoLive::default().at(), at("2024-05-20T09:00:00+08:00"));
    }

    #[test]
    fn go_live_round_trips_through_json() {
        let json = serde_json::to_string(&GoLive::default()).unwrap();
        assert_eq!(json, "\"2024-05-20T09:00:00+08:00\"");
        assert_eq!(
            serde_json::from_str::<GoLive>(&json).unwrap(),
            GoLive::default()
        );
    }
}
