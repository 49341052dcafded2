//! Moments as China Standard Time text (UTC+8, no daylight saving), as every page shows them.
//!
//! Written out here rather than with chrono's formatter, whose pattern machinery would be most of
//! this module's weight in every browser bundle.

/// Seconds since the Unix epoch as `YYYY-MM-DD HH:MM` in China Standard Time ("—" if absurd).
pub fn minutes(at: i64) -> String {
    match Civil::of(at) {
        Some(c) => format!(
            "{:04}-{:02}-{:02} {:02}:{:02}",
            c.year, c.month, c.day, c.hour, c.minute
        ),
        None => "—".to_owned(),
    }
}

/// Seconds since the Unix epoch as `YYYY-MM-DD HH:MM:SS` in China Standard Time ("—" if absurd).
pub fn seconds(at: i64) -> String {
    match Civil::of(at) {
        Some(c) => format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            c.year, c.month, c.day, c.hour, c.minute, c.second
        ),
        None => "—".to_owned(),
    }
}

/// Seconds since the Unix epoch as a `datetime-local` value, `YYYY-MM-DDTHH:MM`, in China
/// Standard Time (empty if absurd, which leaves the form field blank).
pub fn local_input(at: i64) -> String {
    match Civil::of(at) {
        Some(c) => format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}",
            c.year, c.month, c.day, c.hour, c.minute
        ),
        None => String::new(),
    }
}

/// A calendar date and wall-clock time in China Standard Time.
struct Civil {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
}

impl Civil {
    /// The CST wall clock at `at`; `None` outside the years 1–9999.
    fn of(at: i64) -> Option<Civil> {
        /// Seconds from 0001-01-01T00:00:00+08:00 to 9999-12-31T23:59:59+08:00, as Unix time.
        const RANGE: std::ops::RangeInclusive<i64> = -62_135_625_600..=253_402_271_999;
        if !RANGE.contains(&at) {
            return None;
        }
        let local = at + 8 * 3600;
        let (days, second_of_day) = (local.div_euclid(86_400), local.rem_euclid(86_400));
        // Howard Hinnant's civil_from_days: days since 1970-01-01 to a proleptic Gregorian date.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        };
        Some(Civil {
            year: year_of_era + era * 400 + i64::from(month <= 2),
            month,
            day,
            hour: second_of_day / 3600,
            minute: second_of_day % 3600 / 60,
            second: second_of_day % 60,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn go_live_and_edges() {
        assert_eq!(minutes(1_716_166_800), "2024-05-20 09:00");
        assert_eq!(seconds(0), "1970-01-01 08:00:00");
        assert_eq!(seconds(-1), "1970-01-01 07:59:59");
        assert_eq!(minutes(951_753_600), "2000-02-29 00:00");
        assert_eq!(seconds(253_402_271_999), "9999-12-31 23:59:59");
        assert_eq!(minutes(253_402_272_000), "—");
        assert_eq!(minutes(i64::MIN), "—");
        assert_eq!(local_input(1_716_166_800), "2024-05-20T09:00");
        assert_eq!(local_input(i64::MAX), "");
    }

    /// Native only: proptest does not build for wasm32.
    #[cfg(not(target_arch = "wasm32"))]
    mod against_chrono {
        use chrono::DateTime;
        use proptest::prelude::*;

        use super::super::{local_input, minutes, seconds};
        use crate::scope::cst;

        fn by_chrono(at: i64, pattern: &str) -> String {
            let at = DateTime::from_timestamp(at, 0)
                .unwrap()
                .with_timezone(&cst());
            at.format(pattern).to_string()
        }

        proptest! {
            #[test]
            fn agrees_with_chrono(at in -62_135_625_600i64..=253_402_271_999) {
                prop_assert_eq!(minutes(at), by_chrono(at, "%Y-%m-%d %H:%M"));
                prop_assert_eq!(seconds(at), by_chrono(at, "%Y-%m-%d %H:%M:%S"));
                prop_assert_eq!(local_input(at), by_chrono(at, "%Y-%m-%dT%H:%M"));
            }
        }
    }
}
