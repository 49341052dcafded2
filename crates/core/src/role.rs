//! The roles people sign in with, and the area of the app each one works in.

use serde::{Deserialize, Serialize};

/// A signed-in person's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 包车客运企业: files charter trips and issues certificates.
    Enterprise,
    /// 审核人员: reviews its own prefecture's filings.
    Reviewer,
    /// 省交通运输厅: grants automatic review, watches adoption.
    Admin,
    /// 驾驶员: receives and displays certificates.
    Driver,
    /// 执法人员: verifies certificates at the roadside.
    Inspector,
}

impl Role {
    /// Every role, in the order the navigation lists them.
    pub const ALL: [Role; 5] = [
        Role::Enterprise,
        Role::Reviewer,
        Role::Admin,
        Role::Driver,
        Role::Inspector,
    ];

    /// The role's name as stored in the database and sent over the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Enterprise => "enterprise",
            Role::Reviewer => "reviewer",
            Role::Admin => "admin",
            Role::Driver => "driver",
            Role::Inspector => "inspector",
        }
    }

    /// Parses the stored name back into a role.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The role's name as people read it.
    pub fn label(self) -> &'static str {
        match self {
            Role::Enterprise => "包车客运企业",
            Role::Reviewer => "审核人员",
            Role::Admin => "省交通运输厅",
            Role::Driver => "驾驶员",
            Role::Inspector => "执法人员",
        }
    }

    /// The app's area for this role.
    pub fn home(self) -> &'static str {
        match self {
            Role::Enterprise => "/enterprise",
            Role::Reviewer => "/review",
            Role::Admin => "/admin",
            Role::Driver => "/driver",
            Role::Inspector => "/verify",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Role;

    #[test]
    fn stored_names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn every_role_has_its_own_area() {
        let mut homes: Vec<_> = Role::ALL.iter().map(|r| r.home()).collect();
        homes.dedup();
        assert_eq!(homes.len(), Role::ALL.len());
    }
}
