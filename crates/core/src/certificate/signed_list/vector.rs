//! A published trust-list test vector (`tests/vectors/trust-lists.json`) and how to run it.

use super::fingerprint::Fingerprint;
use super::open::{accept_for_inspector, accept_import};
use chrono::DateTime;
use serde::{Deserialize, Serialize};

/// Who reads the list in a vector: an inspector's phone or an operator's import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reader {
    /// [`accept_for_inspector`]: a stale list is accepted with a warning.
    Inspector,
    /// [`accept_import`]: a neighbour's list, strictly newer, current, own keys only.
    Import,
}

/// One trust-list vector: the signed bytes, the pinned root, the clock and the expected answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListVector {
    /// What the vector exercises.
    pub name: String,
    /// The signed list, hex.
    pub list: String,
    /// The pinned root fingerprint, 64 hex digits.
    pub pin: String,
    /// The reader's clock, RFC 3339.
    pub at: String,
    /// The sequence number the reader already holds, if any.
    pub held_sequence: Option<u64>,
    /// Who reads it.
    pub reader: Reader,
    /// The expected answer.
    pub expected: ListExpected,
}

/// The expected answer to a trust-list vector.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListExpected {
    /// Whether the list is accepted.
    pub accepted: bool,
    /// The refusal's code, or null when accepted.
    pub error: Option<String>,
    /// `current` or `stale` when an inspector accepts it, else null.
    pub freshness: Option<String>,
}

impl ListVector {
    /// Runs the vector; `None` when its clock, pin or hex is unreadable.
    pub fn run(&self) -> Option<ListExpected> {
        let bytes = hex::decode(&self.list).ok()?;
        let pin = Fingerprint::from_hex(&self.pin)?;
        let at = DateTime::parse_from_rfc3339(&self.at).ok()?.timestamp();
        let outcome = match self.reader {
            Reader::Inspector => accept_for_inspector(&bytes, &pin, at, self.held_sequence)
                .map(|(_, f)| Some(format!("{f:?}").to_lowercase())),
            Reader::Import => accept_import(&bytes, &pin, at, self.held_sequence).map(|_| None),
        };
        Some(match outcome {
            Ok(freshness) => ListExpected {
                accepted: true,
                error: None,
                freshness,
            },
            Err(e) => ListExpected {
                accepted: false,
                error: Some(e.code().to_owned()),
                freshness: None,
            },
        })
    }
}
