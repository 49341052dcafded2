//! The charterpass browser app (省际包车电子凭证): pages per role, the API client, shared components.

pub mod api;
pub mod app;
pub mod components;
pub mod deployment;
pub mod pages;
pub mod scanner;
pub mod session;
pub mod trust_cache;
