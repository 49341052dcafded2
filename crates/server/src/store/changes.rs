//! The audit detail of a master-data change: one "label: before → after" line per changed field
//! (personal numbers masked by the caller before they get here).

/// The lines of the fields that differ between `before` (none for a new record) and `after`,
/// which hold one value per label; `None` when nothing changed.
pub fn detail(labels: &[&str], before: Option<&[String]>, after: &[String]) -> Option<String> {
    let lines: Vec<String> = labels
        .iter()
        .zip(after)
        .enumerate()
        .filter_map(|(i, (label, after))| match before.map(|b| &b[i]) {
            None => Some(format!("{label}: {after}")),
            Some(before) if before != after => Some(format!("{label}: {before} → {after}")),
            Some(_) => None,
        })
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_changed_fields_are_listed() {
        let labels = ["车牌号码", "核定座位数"];
        let before = ["云A12345".to_owned(), "45".to_owned()];
        let after = ["云A12345".to_owned(), "49".to_owned()];
        assert_eq!(
            super::detail(&labels, Some(&before), &after).as_deref(),
            Some("核定座位数: 45 → 49")
        );
        assert_eq!(super::detail(&labels, Some(&before), &before), None);
        assert_eq!(
            super::detail(&labels, None, &after).as_deref(),
            Some("车牌号码: 云A12345\n核定座位数: 49")
        );
    }
}
