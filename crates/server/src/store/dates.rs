//! Values kept as text in the database: dates (`YYYY-MM-DD`, the last valid day of a document)
//! and the names of enums (roles, certificate states).

use chrono::NaiveDate;

/// The date in column `col`, `None` when NULL.
pub fn date(row: &rusqlite::Row<'_>, col: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(col)?;
    text.map(|t| {
        t.parse().map_err(|_| {
            rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, t.into())
        })
    })
    .transpose()
}

/// The text in column `col` read by `parse` (e.g. `Role::parse`); a conversion error when it
/// reads nothing.
pub fn parsed<T>(
    row: &rusqlite::Row<'_>,
    col: usize,
    parse: impl FnOnce(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let text: String = row.get(col)?;
    parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, text.into())
    })
}
