//! Pieces shared by several pages.

pub mod layout;
pub mod nav;
pub mod role_gate;
