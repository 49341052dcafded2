//! The rules a filing checks against the master data (issue 11): the vehicle's 道路运输证 and
//! each driver's 从业资格证 valid through the return time, each driver's 机动车驾驶证 class
//! allowing the vehicle's kind ([`crate::licence`]), and a disabled enterprise filing nothing.
//!
//! A document valid until a date is valid through the end of that day in China Standard Time.

use std::fmt;

use chrono::NaiveDate;

use crate::filing::{FilingInput, Fleet};
use crate::licence::{LicenceClass, VehicleKind};

/// One refusal: it names the field and the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentError {
    /// The enterprise is disabled by the authority: it files nothing.
    EnterpriseDisabled,
    /// The vehicle's 道路运输证 has no validity on record.
    VehiclePermitMissing {
        /// The vehicle's plate.
        plate: String,
    },
    /// The vehicle's 道路运输证 ends before the return.
    VehiclePermitExpired {
        /// The vehicle's plate.
        plate: String,
        /// The last day it is valid.
        valid_until: NaiveDate,
        /// The return, seconds since the Unix epoch.
        return_at: i64,
    },
    /// The driver's 从业资格证 has no validity on record.
    QualificationMissing {
        /// The driver's name.
        driver: String,
    },
    /// The driver's 从业资格证 ends before the return.
    QualificationExpired {
        /// The driver's name.
        driver: String,
        /// The last day it is valid.
        valid_until: NaiveDate,
        /// The return, seconds since the Unix epoch.
        return_at: i64,
    },
    /// The driver's licence class is not on record.
    LicenceClassMissing {
        /// The driver's name.
        driver: String,
    },
    /// The driver's licence class does not allow the vehicle's kind.
    LicenceClassNotAllowed {
        /// The driver's name.
        driver: String,
        /// The driver's class.
        class: LicenceClass,
        /// The vehicle's kind.
        kind: VehicleKind,
    },
}

impl DocumentError {
    /// The form field the refusal belongs to.
    pub fn field(&self) -> &'static str {
        match self {
            DocumentError::EnterpriseDisabled => "enterprise",
            DocumentError::VehiclePermitMissing { .. }
            | DocumentError::VehiclePermitExpired { .. } => "vehicle_id",
            _ => "driver_ids",
        }
    }
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocumentError::EnterpriseDisabled => {
                write!(
                    f,
                    "本企业已被停用，不能提交省际包车备案，请联系运输管理部门"
                )
            }
            DocumentError::VehiclePermitMissing { plate } => write!(
                f,
                "车辆：{plate}的道路运输证有效期未登记，请先在车辆管理中补充"
            ),
            DocumentError::VehiclePermitExpired {
                plate,
                valid_until,
                return_at,
            } => write!(
                f,
                "车辆：{plate}的道路运输证有效期至 {valid_until}，未覆盖返程时间（{}）",
                crate::cst::minutes(*return_at)
            ),
            DocumentError::QualificationMissing { driver } => write!(
                f,
                "驾驶员：{driver}的从业资格证有效期未登记，请先在驾驶员管理中补充"
            ),
            DocumentError::QualificationExpired {
                driver,
                valid_until,
                return_at,
            } => write!(
                f,
                "驾驶员：{driver}的从业资格证有效期至 {valid_until}，未覆盖返程时间（{}）",
                crate::cst::minutes(*return_at)
            ),
            DocumentError::LicenceClassMissing { driver } => write!(
                f,
                "驾驶员：{driver}的机动车驾驶证准驾车型未登记，请先在驾驶员管理中补充"
            ),
            DocumentError::LicenceClassNotAllowed {
                driver,
                class,
                kind,
            } => {
                let allowed: Vec<&str> =
                    kind.allowed_classes().iter().map(|c| c.as_str()).collect();
                write!(
                    f,
                    "驾驶员：{driver}的机动车驾驶证准驾车型为 {class}，不能驾驶{kind}（须为 {}）",
                    allowed.join("、")
                )
            }
        }
    }
}

impl std::error::Error for DocumentError {}

/// The first moment a document valid until `day` no longer covers: the next midnight in CST.
fn end_of(day: NaiveDate) -> i64 {
    let next = day.succ_opt().unwrap_or(day);
    next.and_hms_opt(0, 0, 0)
        .map_or(i64::MAX, |t| t.and_utc().timestamp() - 8 * 3600)
}

/// Whether a document valid until `day` covers the moment `at` (Unix seconds).
pub fn covers(day: NaiveDate, at: i64) -> bool {
    at < end_of(day)
}

/// Every refusal of `input` against the master data, in form order; a check waits until the
/// fields it needs are chosen (the vehicle, the drivers, the return time).
pub fn check(input: &FilingInput, fleet: &Fleet, enterprise_disabled: bool) -> Vec<DocumentError> {
    let mut errors = Vec::new();
    if enterprise_disabled {
        errors.push(DocumentError::EnterpriseDisabled);
    }
    let return_at = input.return_at.map(|t| t.timestamp());
    let vehicle = input.vehicle_id.and_then(|id| fleet.vehicle(id));
    if let (Some(vehicle), Some(return_at)) = (vehicle, return_at) {
        match vehicle.permit_valid_until {
            None => errors.push(DocumentError::VehiclePermitMissing {
                plate: vehicle.plate.clone(),
            }),
            Some(day) if !covers(day, return_at) => {
                errors.push(DocumentError::VehiclePermitExpired {
                    plate: vehicle.plate.clone(),
                    valid_until: day,
                    return_at,
                })
            }
            Some(_) => {}
        }
    }
    let kind = vehicle.and_then(|v| VehicleKind::parse(&v.kind));
    for id in &input.driver_ids {
        let Some(driver) = fleet.drivers.iter().find(|d| d.id == *id) else {
            continue;
        };
        if let Some(return_at) = return_at {
            match driver.qualification_valid_until {
                None => errors.push(DocumentError::QualificationMissing {
                    driver: driver.name.clone(),
                }),
                Some(day) if !covers(day, return_at) => {
                    errors.push(DocumentError::QualificationExpired {
                        driver: driver.name.clone(),
                        valid_until: day,
                        return_at,
                    })
                }
                Some(_) => {}
            }
        }
        let Some(kind) = kind else { continue };
        match driver.licence_class {
            None => errors.push(DocumentError::LicenceClassMissing {
                driver: driver.name.clone(),
            }),
            Some(class) if !class.allows(kind) => {
                errors.push(DocumentError::LicenceClassNotAllowed {
                    driver: driver.name.clone(),
                    class,
                    kind,
                })
            }
            Some(_) => {}
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filing::{Driver, Vehicle};
    use chrono::DateTime;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn fleet() -> Fleet {
        Fleet {
            vehicles: vec![Vehicle {
                id: 7,
                plate: "云A12345".into(),
                seats: 45,
                kind: "大型客车".into(),
                permit_valid_until: Some(day("2024-06-03")),
            }],
            drivers: vec![Driver {
                id: 11,
                name: "张三".into(),
                phone_masked: "138****0001".into(),
                id_number_masked: "5301**********1234".into(),
                licence_class: Some(LicenceClass::A1),
                qualification_valid_until: Some(day("2024-06-03")),
            }],
        }
    }

    fn trip(return_at: &str) -> FilingInput {
        FilingInput {
            vehicle_id: Some(7),
            driver_ids: vec![11],
            return_at: Some(DateTime::parse_from_rfc3339(return_at).unwrap()),
            ..FilingInput::default()
        }
    }

    #[test]
    fn documents_valid_through_the_last_day_cover_a_return_that_day() {
        assert_eq!(
            check(&trip("2024-06-03T23:59:00+08:00"), &fleet(), false),
            []
        );
    }

    #[test]
    fn a_return_after_the_last_day_is_refused_naming_field_and_document() {
        let errors = check(&trip("2024-06-04T00:00:00+08:00"), &fleet(), false);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0].field(), "vehicle_id");
        assert_eq!(
            errors[0].to_string(),
            "车辆：云A12345的道路运输证有效期至 2024-06-03，未覆盖返程时间（2024-06-04 00:00）"
        );
        assert_eq!(errors[1].field(), "driver_ids");
        assert!(errors[1].to_string().contains("从业资格证"));
        assert!(errors[1].to_string().contains("张三"));
    }

    #[test]
    fn the_licence_class_must_allow_the_vehicle_kind() {
        let mut fleet = fleet();
        fleet.drivers[0].licence_class = Some(LicenceClass::B1);
        let errors = check(&trip("2024-06-02T18:00:00+08:00"), &fleet, false);
        assert_eq!(
            errors,
            [DocumentError::LicenceClassNotAllowed {
                driver: "张三".into(),
                class: LicenceClass::B1,
                kind: VehicleKind::Large
            }]
        );
        assert_eq!(
            errors[0].to_string(),
            "驾驶员：张三的机动车驾驶证准驾车型为 B1，不能驾驶大型客车（须为 A1）"
        );
        fleet.vehicles[0].kind = "中型客车".into();
        assert_eq!(check(&trip("2024-06-02T18:00:00+08:00"), &fleet, false), []);
    }

    #[test]
    fn missing_documents_and_a_disabled_enterprise_are_refused() {
        let mut fleet = fleet();
        fleet.vehicles[0].permit_valid_until = None;
        fleet.drivers[0].qualification_valid_until = None;
        fleet.drivers[0].licence_class = None;
        let errors = check(&trip("2024-06-02T18:00:00+08:00"), &fleet, true);
        let fields: Vec<&str> = errors.iter().map(DocumentError::field).collect();
        assert_eq!(
            fields,
            ["enterprise", "vehicle_id", "driver_ids", "driver_ids"]
        );
        assert!(errors[0].to_string().contains("停用"));
    }

    #[test]
    fn checks_wait_for_the_fields_they_need() {
        assert_eq!(check(&FilingInput::default(), &fleet(), false), []);
    }
}
