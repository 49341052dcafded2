//! The home-end rule (客运包车…其线路一端应当在车籍所在地): the origin or the destination lies in
//! the enterprise's prefecture, unless the trip is an emergency task ordered by the authority
//! (应急包车任务), which always goes to manual review instead.

use std::fmt;

use crate::division;

/// Which end of the route satisfies the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeEnd {
    /// The origin is the home prefecture.
    Origin,
    /// The destination is the home prefecture.
    Destination,
    /// An emergency task: exempt, reviewed by hand.
    Emergency,
}

/// A route with neither end at home.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HomeEndError {
    /// Neither the origin nor the destination is the home prefecture.
    NeitherEnd {
        /// The home prefecture's code.
        home: String,
    },
}

impl HomeEndError {
    /// The form field the error belongs to.
    pub fn field(&self) -> &'static str {
        "origin"
    }
}

impl fmt::Display for HomeEndError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HomeEndError::NeitherEnd { home } => {
                let name = division::prefecture(home).map_or(home.as_str(), |p| p.label());
                write!(f, "起点或讫点须为车籍所在地{name}（应急包车任务除外）")
            }
        }
    }
}

impl std::error::Error for HomeEndError {}

/// The rule for a route from `origin` to `destination` of an enterprise whose prefecture is `home`.
pub fn check(
    origin: &str,
    destination: &str,
    home: &str,
    emergency: bool,
) -> Result<HomeEnd, HomeEndError> {
    if emergency {
        return Ok(HomeEnd::Emergency);
    }
    if origin.trim() == home {
        return Ok(HomeEnd::Origin);
    }
    if destination.trim() == home {
        return Ok(HomeEnd::Destination);
    }
    Err(HomeEndError::NeitherEnd {
        home: home.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const KUNMING: &str = "530100";

    #[test]
    fn home_at_the_origin() {
        assert_eq!(
            check(KUNMING, "510100", KUNMING, false),
            Ok(HomeEnd::Origin)
        );
    }

    #[test]
    fn home_at_the_destination() {
        assert_eq!(
            check("510100", KUNMING, KUNMING, false),
            Ok(HomeEnd::Destination)
        );
    }

    #[test]
    fn home_at_neither_end_is_refused_naming_both_fields() {
        let error = check("510100", "500100", KUNMING, false).unwrap_err();
        assert_eq!(error.field(), "origin");
        assert_eq!(
            error.to_string(),
            "起点或讫点须为车籍所在地昆明市（应急包车任务除外）"
        );
    }

    #[test]
    fn an_emergency_task_is_exempt() {
        assert_eq!(
            check("510100", "500100", KUNMING, true),
            Ok(HomeEnd::Emergency)
        );
        assert_eq!(
            check(KUNMING, "500100", KUNMING, true),
            Ok(HomeEnd::Emergency)
        );
    }
}
