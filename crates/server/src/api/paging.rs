//! The query of list routes: `status`, `page` and `per_page`, each checked with a Chinese message.

use charterpass_core::filing::FilingStatus;
use charterpass_core::filing_api::{Paged, DEFAULT_PER_PAGE, MAX_PER_PAGE};
use serde::Deserialize;

use crate::api::ApiError;

/// The raw query string of a list route; parsed by [`ListQuery::page`] and friends.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    /// A filing status, or `all`.
    pub status: Option<String>,
    /// Page number from 1.
    pub page: Option<String>,
    /// Rows per page, 1..=100.
    pub per_page: Option<String>,
}

/// A checked page request.
#[derive(Debug, Clone, Copy)]
pub struct PageRequest {
    /// Page number from 1.
    pub page: u32,
    /// Rows per page.
    pub per_page: u32,
}

impl PageRequest {
    /// Rows to skip.
    pub fn offset(self) -> i64 {
        i64::from(self.page - 1) * i64::from(self.per_page)
    }

    /// This page's `items`, of `total` rows on all pages.
    pub fn of<T>(self, items: Vec<T>, total: i64) -> Paged<T> {
        Paged {
            items,
            page: self.page,
            per_page: self.per_page,
            total: u64::try_from(total).unwrap_or(0),
        }
    }
}

impl ListQuery {
    /// The page asked for; `page` ≥ 1 and `per_page` within 1..=100.
    pub fn page(&self) -> Result<PageRequest, ApiError> {
        let page = match self.page.as_deref() {
            None | Some("") => 1,
            Some(text) => text
                .parse::<u32>()
                .ok()
                .filter(|p| (1..=1_000_000).contains(p))
                .ok_or_else(|| ApiError::invalid("page", "页码应为正整数"))?,
        };
        let per_page = match self.per_page.as_deref() {
            None | Some("") => DEFAULT_PER_PAGE,
            Some(text) => text
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=MAX_PER_PAGE).contains(n))
                .ok_or_else(|| {
                    ApiError::invalid("per_page", format!("每页条数应在 1 至 {MAX_PER_PAGE} 之间"))
                })?,
        };
        Ok(PageRequest { page, per_page })
    }

    /// The status filter: `default` when absent, `None` for `all`.
    pub fn status(&self, default: Option<FilingStatus>) -> Result<Option<FilingStatus>, ApiError> {
        match self.status.as_deref() {
            None | Some("") => Ok(default),
            Some("all") => Ok(None),
            Some(text) => FilingStatus::parse(text)
                .map(Some)
                .ok_or_else(|| ApiError::invalid("status", "状态筛选条件不正确")),
        }
    }
}
