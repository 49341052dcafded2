//! One module per page; pages stay thin and call `core` for rules and `api` for the network.

pub mod accounts;
pub mod admin;
pub mod adoption;
pub mod appeals;
pub mod auto_review;
pub mod driver;
pub mod enterprise;
pub mod enterprises;
pub mod feedback;
pub mod feedback_list;
pub mod filing;
pub mod fleet;
pub mod home;
pub mod login;
pub mod not_found;
pub mod paper_plate;
pub mod plates;
pub mod review;
pub mod review_queue;
pub mod verify;
