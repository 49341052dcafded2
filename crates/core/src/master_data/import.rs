//! Bulk import from CSV (批量导入): the administrator's enterprises, an enterprise's vehicles and
//! drivers. The whole file is read and every row checked before anything is stored; each bad row
//! is reported with its row number (as Excel numbers it: the header is row 1), its column and a
//! Chinese reason. Rows are matched to what is stored by their natural key — the credit code, the
//! plate, the identity number — so importing the same file twice creates nothing new.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::driver::{self, DriverFields, DriverInput};
use super::enterprise::{self, EnterpriseFields, EnterpriseInput};
use super::vehicle::{self, VehicleFields, VehicleInput};
use super::{csv, FieldError};

/// The largest file accepted, in bytes (about 20,000 rows).
pub const MAX_IMPORT_BYTES: usize = 2 * 1024 * 1024;
/// The most data rows one file may hold.
pub const MAX_IMPORT_ROWS: usize = 10_000;

/// What a file imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// Enterprises (administrator), keyed by credit code.
    Enterprises,
    /// The enterprise's vehicles, keyed by plate.
    Vehicles,
    /// The enterprise's drivers, keyed by identity number.
    Drivers,
}

impl ImportKind {
    /// The fields, in the template's column order.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            ImportKind::Enterprises => &[
                "name",
                "credit_code",
                "prefecture_code",
                "permit_number",
                "permit_valid_until",
            ],
            ImportKind::Vehicles => &[
                "plate",
                "seats",
                "kind",
                "grade",
                "permit_number",
                "permit_valid_until",
            ],
            ImportKind::Drivers => &[
                "name",
                "phone",
                "id_number",
                "licence_class",
                "qualification_number",
                "qualification_valid_until",
            ],
        }
    }

    /// The Chinese column of `field`.
    pub fn label(self, field: &str) -> &'static str {
        match self {
            ImportKind::Enterprises => enterprise::label(field),
            ImportKind::Vehicles => vehicle::label(field),
            ImportKind::Drivers => driver::label(field),
        }
    }

    /// What is imported, in Chinese.
    pub fn noun(self) -> &'static str {
        match self {
            ImportKind::Enterprises => "企业",
            ImportKind::Vehicles => "车辆",
            ImportKind::Drivers => "驾驶员",
        }
    }

    /// The field that identifies a row: importing a row whose key is stored updates it.
    pub fn key_field(self) -> &'static str {
        match self {
            ImportKind::Enterprises => "credit_code",
            ImportKind::Vehicles => "plate",
            ImportKind::Drivers => "id_number",
        }
    }

    /// The template to download: UTF-8 with a byte-order mark (so Excel opens it as UTF-8), the
    /// Chinese header and one example row.
    pub fn template(self) -> String {
        let header: Vec<&str> = self.fields().iter().map(|f| self.label(f)).collect();
        let example: &[&str] = match self {
            ImportKind::Enterprises => &[
                "昆明示例旅游客运有限公司",
                "91530100MA6K7XQ127",
                "昆明市",
                "滇交运管许可昆字530100000001号",
                "2028-12-31",
            ],
            ImportKind::Vehicles => &[
                "云A12345",
                "45",
                "大型客车",
                "高一级",
                "530100123456",
                "2028-12-31",
            ],
            ImportKind::Drivers => &[
                "张建国",
                "13888000001",
                "11010519491231002X",
                "A1",
                "11010519491231002X",
                "2028-12-31",
            ],
        };
        format!("\u{feff}{}{}", csv::line(&header), csv::line(example))
    }
}

/// Why a file cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    /// Larger than [`MAX_IMPORT_BYTES`].
    TooLarge,
    /// Neither UTF-8 nor GB18030.
    Encoding,
    /// No header row.
    Empty,
    /// Columns of the template are missing from the header (their Chinese names).
    MissingColumns(Vec<&'static str>),
    /// No data rows after the header.
    NoRows,
    /// More than [`MAX_IMPORT_ROWS`] data rows.
    TooManyRows,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileError::TooLarge => write!(
                f,
                "文件过大：不能超过 {} MB",
                MAX_IMPORT_BYTES / 1024 / 1024
            ),
            FileError::Encoding => {
                write!(f, "无法识别文件编码：请保存为 CSV（UTF-8 或 GBK 编码）")
            }
            FileError::Empty => write!(f, "文件是空的：请使用下载的模板"),
            FileError::MissingColumns(columns) => {
                write!(f, "表头缺少列：{}（请使用下载的模板）", columns.join("、"))
            }
            FileError::NoRows => write!(f, "文件中没有数据行"),
            FileError::TooManyRows => {
                write!(f, "数据行过多：一次最多导入 {MAX_IMPORT_ROWS} 行")
            }
        }
    }
}

impl std::error::Error for FileError {}

/// One bad row's problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    /// The row as Excel numbers it (the header is row 1).
    pub row: usize,
    /// The field's JSON key, e.g. `plate`.
    pub field: String,
    /// The field's Chinese column, e.g. `车牌号码`.
    pub column: String,
    /// What is wrong, in Chinese.
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "第 {} 行「{}」：{}", self.row, self.column, self.message)
    }
}

/// A checked file: the good rows with their row numbers, and every problem of the bad ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked<T> {
    /// Data rows read.
    pub rows: usize,
    /// The good rows, with their row numbers.
    pub good: Vec<(usize, T)>,
    /// The problems of the bad rows, by row.
    pub errors: Vec<RowError>,
}

impl<T> Checked<T> {
    /// How many rows are bad.
    pub fn bad_rows(&self) -> usize {
        self.rows - self.good.len()
    }
}

/// What the server answers to an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// Data rows in the file.
    pub rows: usize,
    /// Whether anything was stored (false: the file had bad rows and only-good was not chosen).
    pub imported: bool,
    /// Rows stored as new records.
    pub created: usize,
    /// Rows that changed a stored record.
    pub updated: usize,
    /// Rows equal to what is stored.
    pub unchanged: usize,
    /// Bad rows left out.
    pub skipped: usize,
    /// Every problem of the bad rows.
    pub errors: Vec<RowError>,
}

/// Reads `bytes` as a CSV file of `kind` and checks every row with `check`; `key` names a row's
/// natural key, so a key repeated within the file is reported on its later rows.
fn read<T>(
    kind: ImportKind,
    bytes: &[u8],
    check: impl Fn(&dyn Fn(&str) -> String) -> Result<T, Vec<FieldError>>,
    key: impl Fn(&T) -> String,
) -> Result<Checked<T>, FileError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(FileError::TooLarge);
    }
    let (text, _) = csv::decode(bytes).ok_or(FileError::Encoding)?;
    let mut records = csv::records(&text).into_iter();
    let header = records.next().ok_or(FileError::Empty)?;
    let mut columns = HashMap::new();
    let mut missing = Vec::new();
    for field in kind.fields() {
        let label = kind.label(field);
        match header.iter().position(|h| h.trim() == label) {
            Some(i) => {
                columns.insert(*field, i);
            }
            None => missing.push(label),
        }
    }
    if !missing.is_empty() {
        return Err(FileError::MissingColumns(missing));
    }
    let records: Vec<Vec<String>> = records.collect();
    if records.is_empty() {
        return Err(FileError::NoRows);
    }
    if records.len() > MAX_IMPORT_ROWS {
        return Err(FileError::TooManyRows);
    }
    let mut checked = Checked {
        rows: records.len(),
        good: Vec::new(),
        errors: Vec::new(),
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, record) in records.iter().enumerate() {
        let row = i + 2;
        let cell = |field: &str| -> String {
            columns
                .get(field)
                .and_then(|&c| record.get(c))
                .cloned()
                .unwrap_or_default()
        };
        let problem = |field: &str, message: String| RowError {
            row,
            field: field.to_owned(),
            column: kind.label(field).to_owned(),
            message,
        };
        match check(&cell) {
            Err(errors) => checked
                .errors
                .extend(errors.into_iter().map(|e| problem(e.field, e.message))),
            Ok(value) => match seen.get(&key(&value)) {
                Some(first) => {
                    let field = kind.key_field();
                    let label = kind.label(field);
                    checked
                        .errors
                        .push(problem(field, format!("{label}与第 {first} 行重复")));
                }
                None => {
                    seen.insert(key(&value), row);
                    checked.good.push((row, value));
                }
            },
        }
    }
    Ok(checked)
}

/// Reads and checks an enterprise file.
pub fn enterprises(bytes: &[u8]) -> Result<Checked<EnterpriseFields>, FileError> {
    read(
        ImportKind::Enterprises,
        bytes,
        |cell| {
            EnterpriseInput {
                name: cell("name"),
                credit_code: cell("credit_code"),
                prefecture_code: cell("prefecture_code"),
                permit_number: cell("permit_number"),
                permit_valid_until: cell("permit_valid_until"),
                auto_review: false,
            }
            .check()
        },
        |e| e.credit_code.as_str().to_owned(),
    )
}

/// Reads and checks a vehicle file.
pub fn vehicles(bytes: &[u8]) -> Result<Checked<VehicleFields>, FileError> {
    read(
        ImportKind::Vehicles,
        bytes,
        |cell| {
            VehicleInput {
                plate: cell("plate"),
                seats: cell("seats"),
                kind: cell("kind"),
                grade: cell("grade"),
                permit_number: cell("permit_number"),
                permit_valid_until: cell("permit_valid_until"),
            }
            .check()
        },
        |v| v.plate.as_str().to_owned(),
    )
}

/// Reads and checks a driver file.
pub fn drivers(bytes: &[u8]) -> Result<Checked<DriverFields>, FileError> {
    read(
        ImportKind::Drivers,
        bytes,
        |cell| {
            DriverInput {
                name: cell("name"),
                phone: cell("phone"),
                id_number: cell("id_number"),
                licence_class: cell("licence_class"),
                qualification_number: cell("qualification_number"),
                qualification_valid_until: cell("qualification_valid_until"),
            }
            .check()
        },
        |d| d.id_number.clone(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const VEHICLES: &str =
        "车牌号码,核定座位数,车辆类型,车辆类型等级,道路运输证号,道路运输证有效期至\r\n\
        云A12345,45,大型客车,高一级,530100123456,2030/1/31\r\n\
        云A1234,45,大型客车,高一级,530100123457,2030/1/31\r\n\
        云AD23456,33,中型客车,中级,530100123458,2030-01-31\r\n\
        云a12345,45,大型客车,高一级,530100123456,2030/1/31\r\n";

    #[test]
    fn the_templates_read_back_without_errors() {
        let enterprises = enterprises(ImportKind::Enterprises.template().as_bytes()).unwrap();
        assert_eq!(
            (enterprises.rows, enterprises.errors.len()),
            (1, 0),
            "{enterprises:?}"
        );
        let vehicles = vehicles(ImportKind::Vehicles.template().as_bytes()).unwrap();
        assert_eq!(
            (vehicles.rows, vehicles.errors.len()),
            (1, 0),
            "{vehicles:?}"
        );
        let drivers = drivers(ImportKind::Drivers.template().as_bytes()).unwrap();
        assert_eq!((drivers.rows, drivers.errors.len()), (1, 0), "{drivers:?}");
    }

    #[test]
    fn every_bad_row_is_reported_with_row_field_and_reason() {
        let checked = vehicles(VEHICLES.as_bytes()).unwrap();
        assert_eq!(checked.rows, 4);
        let good: Vec<usize> = checked.good.iter().map(|(row, _)| *row).collect();
        assert_eq!(good, [2, 4]);
        assert_eq!(checked.bad_rows(), 2);
        assert_eq!(checked.errors.len(), 2, "{:?}", checked.errors);
        assert_eq!(checked.errors[0].row, 3);
        assert_eq!(checked.errors[0].field, "plate");
        assert_eq!(checked.errors[0].column, "车牌号码");
        assert!(checked.errors[0].message.contains("7 位"));
        assert_eq!(
            checked.errors[1].to_string(),
            "第 5 行「车牌号码」：车牌号码与第 2 行重复"
        );
    }

    #[test]
    fn a_gbk_file_reads_like_its_utf8_twin() {
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(VEHICLES);
        assert!(!unmappable);
        assert!(
            std::str::from_utf8(&gbk).is_err(),
            "the fixture is really GBK"
        );
        assert_eq!(
            vehicles(&gbk).unwrap(),
            vehicles(VEHICLES.as_bytes()).unwrap()
        );
        let drivers_gbk = encoding_rs::GBK
            .encode(
                "姓名,手机号码,身份证号码,准驾车型,从业资格证号,从业资格证有效期至\r\n\
                 岩温,13788000004,11010519491231002X,A1,11010519491231002X,2030年1月31日\r\n",
            )
            .0;
        let checked = drivers(&drivers_gbk).unwrap();
        assert_eq!(checked.errors, []);
        assert_eq!(checked.good[0].1.name, "岩温");
    }

    #[test]
    fn columns_may_come_in_any_order_but_none_may_be_missing() {
        let reordered =
            "道路运输证有效期至,车牌号码,核定座位数,车辆类型,车辆类型等级,道路运输证号\n\
            2030-01-31,云A12345,45,大型客车,高一级,530100123456\n";
        assert_eq!(vehicles(reordered.as_bytes()).unwrap().good.len(), 1);
        assert_eq!(
            vehicles("车牌号码,核定座位数\n云A12345,45\n".as_bytes()),
            Err(FileError::MissingColumns(vec![
                "车辆类型",
                "车辆类型等级",
                "道路运输证号",
                "道路运输证有效期至"
            ]))
        );
        assert_eq!(vehicles(b""), Err(FileError::Empty));
        assert_eq!(vehicles(&[0xFF, 0xFF, 0xFF]), Err(FileError::Encoding));
        assert_eq!(
            vehicles(&vec![b'a'; MAX_IMPORT_BYTES + 1]),
            Err(FileError::TooLarge)
        );
    }
}
