//! Settings from flags and the environment.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;

/// Where the server keeps its SQLite file and keys, and which province it serves.
#[derive(Args, Clone, Debug)]
pub struct DataArgs {
    /// Folder for the database and the issuing keys (created owner-only).
    #[arg(long, env = "CHARTERPASS_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,
    /// The province this system issues for (2-digit GB/T 2260 code within the scope).
    #[arg(long, env = "CHARTERPASS_PROVINCE", default_value = "53", value_parser = province)]
    pub province: String,
}

/// Accepts the 2-digit code of a province within the scope (53, 50, 51, 52, 45, 54).
pub fn province(text: &str) -> Result<String, String> {
    if charterpass_core::scope::SCOPE_PROVINCES.contains(&text) {
        return Ok(text.to_owned());
    }
    Err(format!(
        "省份代码须为启用范围内的两位代码之一：{}",
        charterpass_core::scope::SCOPE_PROVINCES.join("、")
    ))
}

/// Settings of `charterpass serve`.
#[derive(Args, Clone, Debug)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free one.
    #[arg(long, env = "CHARTERPASS_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    #[command(flatten)]
    pub data: DataArgs,
    /// Folder of the built app (Trunk's output).
    #[arg(long, env = "CHARTERPASS_DIST", default_value = "dist")]
    pub dist: PathBuf,
    /// Create the demo data set if the database is empty.
    #[arg(long, env = "CHARTERPASS_DEMO")]
    pub demo: bool,
    /// When the electronic certificate goes live, RFC 3339 (default 2024-05-20T09:00:00+08:00).
    #[arg(long, env = "CHARTERPASS_GO_LIVE")]
    pub go_live: Option<charterpass_core::scope::GoLive>,
    #[command(flatten)]
    pub ops: crate::ops::OpsArgs,
}
