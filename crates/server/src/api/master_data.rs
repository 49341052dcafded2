//! What the master-data routes share: who may call them, the search-and-page query, and field
//! errors of a form.

use charterpass_core::master_data::FieldError;
use charterpass_core::role::Role;
use serde::Deserialize;

use crate::api::paging::{ListQuery, PageRequest};
use crate::api::ApiError;
use crate::auth::CurrentUser;

/// The longest search text, in characters.
pub const MAX_SEARCH_CHARS: usize = 50;

/// The enterprise of an enterprise operator; 403 for every other role.
pub fn operator_enterprise(user: &CurrentUser) -> Result<i64, ApiError> {
    user.require(Role::Enterprise)?;
    user.enterprise_id.ok_or(ApiError::Forbidden)
}

/// The first field error of a form as a 422 naming its field (the form shows them all itself).
pub fn checked<T>(result: Result<T, Vec<FieldError>>) -> Result<T, ApiError> {
    result.map_err(|errors| match errors.into_iter().next() {
        Some(error) => ApiError::invalid(error.field, error.message),
        None => ApiError::invalid("body", "内容不正确"),
    })
}

/// `?q=&page=&per_page=` of a master-data list.
#[derive(Debug, Default, Deserialize)]
pub struct SearchQuery {
    q: Option<String>,
    page: Option<String>,
    per_page: Option<String>,
}

impl SearchQuery {
    /// The trimmed search text (none when blank) and the page.
    pub fn checked(self) -> Result<(Option<String>, PageRequest), ApiError> {
        let search = self
            .q
            .map(|q| q.trim().to_owned())
            .filter(|q| !q.is_empty());
        if search
            .as_ref()
            .is_some_and(|q| q.chars().count() > MAX_SEARCH_CHARS)
        {
            return Err(ApiError::invalid(
                "q",
                format!("搜索内容不能超过 {MAX_SEARCH_CHARS} 个字"),
            ));
        }
        let page = ListQuery {
            status: None,
            page: self.page,
            per_page: self.per_page,
        }
        .page()?;
        Ok((search, page))
    }
}
