//! Pieces shared by several pages.

pub mod change_password;
pub mod division_picker;
pub mod enterprise_picker;
pub mod facts;
pub mod field;
pub mod filing_details;
pub mod import_panel;
pub mod layout;
pub mod nav;
pub mod one_time_password;
pub mod paged_list;
pub mod pager;
pub mod register_form;
pub mod role_gate;
pub mod sign_in;
