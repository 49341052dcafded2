//! The claims of a charter certificate: the CWT registered claims plus the charter data claim.

use super::cbor;
use super::cwt::{CwtClaims, KEY_EXP, KEY_IAT, KEY_ISS, KEY_NBF};
use super::error::VerifyError;
use super::limits::{MAX_CLAIM_TEXT_LEN, MAX_DRIVERS, MAX_DRIVER_NAME_LEN, MAX_WAYPOINTS};
use ciborium::Value;
use serde::{Deserialize, Serialize};

/// The private CWT claim key holding the charter data: the first key of the private-use range
/// (below -65536) of the IANA CWT Claims registry.
pub const KEY_CHARTER: i64 = -65537;

/// Integer keys of the charter data map, in encoding order.
pub mod key {
    /// 凭证编号 certificate number (text).
    pub const CERTIFICATE_NUMBER: i64 = 1;
    /// 备案编号 filing number (text).
    pub const FILING_NUMBER: i64 = 2;
    /// 车牌号 vehicle plate (text).
    pub const PLATE: i64 = 3;
    /// 核定座位数 seats (unsigned).
    pub const SEATS: i64 = 4;
    /// 企业名称 enterprise name (text).
    pub const ENTERPRISE_NAME: i64 = 5;
    /// 统一社会信用代码 credit code (text, 18 characters).
    pub const CREDIT_CODE: i64 = 6;
    /// 起点 origin (unsigned, 6-digit GB/T 2260 code).
    pub const ORIGIN: i64 = 7;
    /// 讫点 destination (unsigned, 6-digit GB/T 2260 code).
    pub const DESTINATION: i64 = 8;
    /// 途经地 waypoints (array of unsigned 6-digit codes, may be empty).
    pub const WAYPOINTS: i64 = 9;
    /// 行程开始 trip start (seconds since the Unix epoch).
    pub const TRIP_START: i64 = 10;
    /// 行程结束 trip end (seconds since the Unix epoch).
    pub const TRIP_END: i64 = 11;
    /// 驾驶员 drivers' names (array of text; optional, absent in certificates issued before it).
    pub const DRIVERS: i64 = 12;
}

/// The charter trip carried by a certificate (drivers by name only: no identity or phone numbers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CharterData {
    /// 凭证编号.
    pub certificate_number: String,
    /// 备案编号.
    pub filing_number: String,
    /// 车牌号, e.g. `云A12345`.
    pub plate: String,
    /// 核定座位数.
    pub seats: u16,
    /// 企业名称.
    pub enterprise_name: String,
    /// 统一社会信用代码.
    pub credit_code: String,
    /// 起点, a 6-digit GB/T 2260 code.
    pub origin: String,
    /// 讫点, a 6-digit GB/T 2260 code.
    pub destination: String,
    /// 途经地, 6-digit GB/T 2260 codes in travel order.
    pub waypoints: Vec<String>,
    /// 行程开始, seconds since the Unix epoch.
    pub trip_start: i64,
    /// 行程结束, seconds since the Unix epoch.
    pub trip_end: i64,
    /// 驾驶员 names, as on the paper plate; empty in certificates issued before key 12.
    #[serde(default)]
    pub drivers: Vec<String>,
}

impl CharterData {
    /// Every place of the trip: origin, waypoints, destination.
    pub fn places(&self) -> impl Iterator<Item = &str> {
        core::iter::once(self.origin.as_str())
            .chain(self.waypoints.iter().map(String::as_str))
            .chain(core::iter::once(self.destination.as_str()))
    }

    /// The drivers as the plate and the verdict show them, e.g. `张三、李四`.
    pub fn drivers_label(&self) -> String {
        if self.drivers.is_empty() {
            return "凭证未载明（请核对纸质标志牌）".to_owned();
        }
        self.drivers.join("、")
    }
}

/// The full claims of a certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// `iss`: the issuing province's 2-digit code, e.g. `53`.
    pub iss: String,
    /// `iat`: issued at, seconds since the Unix epoch.
    pub iat: i64,
    /// `nbf`: valid from, seconds since the Unix epoch.
    pub nbf: i64,
    /// `exp`: valid until (inclusive), seconds since the Unix epoch.
    pub exp: i64,
    /// The charter data claim ([`KEY_CHARTER`]).
    pub charter: CharterData,
}

impl Claims {
    /// Encodes the claims as a deterministic CBOR map; fails on a malformed field.
    pub fn to_cbor(&self) -> Result<Vec<u8>, VerifyError> {
        self.check()?;
        let c = &self.charter;
        let mut waypoints = Vec::with_capacity(c.waypoints.len());
        for w in &c.waypoints {
            waypoints.push(division_value(w)?);
        }
        let mut charter = vec![
            (
                int(key::CERTIFICATE_NUMBER),
                Value::Text(c.certificate_number.clone()),
            ),
            (
                int(key::FILING_NUMBER),
                Value::Text(c.filing_number.clone()),
            ),
            (int(key::PLATE), Value::Text(c.plate.clone())),
            (int(key::SEATS), int(i64::from(c.seats))),
            (
                int(key::ENTERPRISE_NAME),
                Value::Text(c.enterprise_name.clone()),
            ),
            (int(key::CREDIT_CODE), Value::Text(c.credit_code.clone())),
            (int(key::ORIGIN), division_value(&c.origin)?),
            (int(key::DESTINATION), division_value(&c.destination)?),
            (int(key::WAYPOINTS), Value::Array(waypoints)),
            (int(key::TRIP_START), int(c.trip_start)),
            (int(key::TRIP_END), int(c.trip_end)),
        ];
        // Absent rather than empty, so a certificate without drivers keeps its version-1 bytes.
        if !c.drivers.is_empty() {
            let names = c.drivers.iter().cloned().map(Value::Text).collect();
            charter.push((int(key::DRIVERS), Value::Array(names)));
        }
        let charter = Value::Map(charter);
        let claims = Value::Map(vec![
            (int(KEY_ISS), Value::Text(self.iss.clone())),
            (int(KEY_IAT), int(self.iat)),
            (int(KEY_NBF), int(self.nbf)),
            (int(KEY_EXP), int(self.exp)),
            (int(KEY_CHARTER), charter),
        ]);
        let mut out = Vec::new();
        ciborium::ser::into_writer(&claims, &mut out).map_err(|_| VerifyError::ClaimsInvalid)?;
        Ok(out)
    }

    /// Decodes and checks the claims of a verified payload.
    pub fn from_payload(payload: &[u8]) -> Result<Claims, VerifyError> {
        let cwt = CwtClaims::decode(payload)?;
        let charter = cwt.get(KEY_CHARTER).ok_or(VerifyError::ClaimsInvalid)?;
        let claims = Claims {
            iss: cwt.iss.clone().ok_or(VerifyError::ClaimsInvalid)?,
            iat: cwt.iat.ok_or(VerifyError::ClaimsInvalid)?,
            nbf: cwt.nbf.ok_or(VerifyError::ClaimsInvalid)?,
            exp: cwt.exp.ok_or(VerifyError::ClaimsInvalid)?,
            charter: charter_of(charter)?,
        };
        claims.check()?;
        Ok(claims)
    }

    /// Checks the shape rules that do not depend on the clock.
    fn check(&self) -> Result<(), VerifyError> {
        let c = &self.charter;
        let province = self.iss.len() == 2 && self.iss.bytes().all(|b| b.is_ascii_digit());
        let texts = [
            &c.certificate_number,
            &c.filing_number,
            &c.plate,
            &c.enterprise_name,
            &c.credit_code,
        ];
        let texts_ok = texts
            .iter()
            .all(|t| !t.is_empty() && t.len() <= MAX_CLAIM_TEXT_LEN);
        let places_ok = c.places().all(is_division_code) && c.waypoints.len() <= MAX_WAYPOINTS;
        let times_ok = self.nbf <= self.exp && c.trip_start <= c.trip_end;
        let drivers_ok = c.drivers.len() <= MAX_DRIVERS
            && c.drivers
                .iter()
                .all(|d| !d.is_empty() && d.len() <= MAX_DRIVER_NAME_LEN);
        if !(province && texts_ok && places_ok && times_ok && drivers_ok) {
            return Err(VerifyError::ClaimsInvalid);
        }
        Ok(())
    }
}

/// Whether `code` looks like a GB/T 2260 code: six ASCII digits, not starting with 0.
fn is_division_code(code: &str) -> bool {
    code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) && !code.starts_with('0')
}

fn int(i: i64) -> Value {
    Value::Integer(i.into())
}

fn division_value(code: &str) -> Result<Value, VerifyError> {
    if !is_division_code(code) {
        return Err(VerifyError::ClaimsInvalid);
    }
    code.parse::<i64>()
        .map(int)
        .map_err(|_| VerifyError::ClaimsInvalid)
}

fn division_of(item: &[u8]) -> Result<String, VerifyError> {
    let n = cbor::int(item).filter(|n| (100_000..1_000_000).contains(n));
    n.map(|n| n.to_string()).ok_or(VerifyError::ClaimsInvalid)
}

/// The drivers' names of key 12: an array of at most [`MAX_DRIVERS`] texts.
fn names_of(item: &[u8]) -> Result<Vec<String>, VerifyError> {
    let names = cbor::array(item).ok_or(VerifyError::ClaimsInvalid)?;
    if names.len() > MAX_DRIVERS {
        return Err(VerifyError::ClaimsInvalid);
    }
    names
        .into_iter()
        .map(|n| cbor::text(n).ok_or(VerifyError::ClaimsInvalid))
        .collect()
}

/// The charter data of the encoded claim [`KEY_CHARTER`]: a map with integer keys, each once.
fn charter_of(item: &[u8]) -> Result<CharterData, VerifyError> {
    let entries = cbor::map(item).ok_or(VerifyError::ClaimsInvalid)?;
    let find = |k: i64| {
        cbor::find(&entries, |key| cbor::int(key) == Some(k)).ok_or(VerifyError::ClaimsInvalid)
    };
    let text = |k: i64| find(k).and_then(|v| cbor::text(v).ok_or(VerifyError::ClaimsInvalid));
    let integer = |k: i64| find(k).and_then(|v| cbor::int(v).ok_or(VerifyError::ClaimsInvalid));
    let raw_waypoints = cbor::array(find(key::WAYPOINTS)?).ok_or(VerifyError::ClaimsInvalid)?;
    if raw_waypoints.len() > MAX_WAYPOINTS {
        return Err(VerifyError::ClaimsInvalid);
    }
    let waypoints = raw_waypoints
        .into_iter()
        .map(division_of)
        .collect::<Result<Vec<_>, _>>()?;
    let has_drivers = entries
        .iter()
        .any(|(k, _)| cbor::int(k) == Some(key::DRIVERS));
    let drivers = if has_drivers {
        names_of(find(key::DRIVERS)?)?
    } else {
        Vec::new()
    };
    Ok(CharterData {
        certificate_number: text(key::CERTIFICATE_NUMBER)?,
        filing_number: text(key::FILING_NUMBER)?,
        plate: text(key::PLATE)?,
        seats: u16::try_from(integer(key::SEATS)?).map_err(|_| VerifyError::ClaimsInvalid)?,
        enterprise_name: text(key::ENTERPRISE_NAME)?,
        credit_code: text(key::CREDIT_CODE)?,
        origin: division_of(find(key::ORIGIN)?)?,
        destination: division_of(find(key::DESTINATION)?)?,
        waypoints,
        trip_start: integer(key::TRIP_START)?,
        trip_end: integer(key::TRIP_END)?,
        drivers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An ordinary trip from Kunming to Chengdu through Guiyang.
    pub fn sample() -> Claims {
        Claims {
            iss: "53".into(),
            iat: 1_716_166_800,
            nbf: 1_716_166_800,
            exp: 1_716_512_400,
            charter: CharterData {
                certificate_number: "BC5301202405200001".into(),
                filing_number: "530100202405200001".into(),
                plate: "云A12345".into(),
                seats: 45,
                enterprise_name: "昆明旅游汽车客运有限公司".into(),
                credit_code: "91530100MA6K5XXX0X".into(),
                origin: "530100".into(),
                destination: "510100".into(),
                waypoints: vec!["520100".into()],
                trip_start: 1_716_166_800,
                trip_end: 1_716_512_400,
                drivers: vec!["张三".into(), "李四".into()],
            },
        }
    }

    #[test]
    fn round_trip() {
        let claims = sample();
        assert_eq!(
            Claims::from_payload(&claims.to_cbor().unwrap()).unwrap(),
            claims
        );
    }

    #[test]
    fn drivers_are_optional_and_bounded() {
        let mut claims = sample();
        claims.charter.drivers.clear();
        let bytes = claims.to_cbor().unwrap();
        assert_eq!(Claims::from_payload(&bytes).unwrap(), claims);
        claims.charter.drivers = vec!["某".into(); MAX_DRIVERS + 1];
        assert_eq!(claims.to_cbor(), Err(VerifyError::ClaimsInvalid));
        claims.charter.drivers = vec![String::new()];
        assert_eq!(claims.to_cbor(), Err(VerifyError::ClaimsInvalid));
    }

    #[test]
    fn rejects_bad_division_and_window() {
        let mut claims = sample();
        claims.charter.origin = "5301".into();
        assert_eq!(claims.to_cbor(), Err(VerifyError::ClaimsInvalid));
        let mut claims = sample();
        claims.exp = claims.nbf - 1;
        assert_eq!(claims.to_cbor(), Err(VerifyError::ClaimsInvalid));
    }

    #[test]
    fn rejects_missing_charter_claim() {
        // {1: "53", 6: 0, 5: 0, 4: 0}
        let bytes = [
            0xa4, 0x01, 0x62, b'5', b'3', 0x06, 0x00, 0x05, 0x00, 0x04, 0x00,
        ];
        assert_eq!(
            Claims::from_payload(&bytes),
            Err(VerifyError::ClaimsInvalid)
        );
    }
}
