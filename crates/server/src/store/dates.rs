//! Dates in the database: `YYYY-MM-DD` text, the last valid day of a document.

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
