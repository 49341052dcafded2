//! The `charterpass` binary: the API server and the operators' subcommands.

mod api;
mod auth;
mod backup;
mod cli;
mod config;
mod db;
mod decode_qr;
mod demo;
mod first_admin;
mod headers;
mod issuance;
mod keys;
mod metrics;
mod mint;
mod ops;
mod proxy;
mod serve;
mod state;
mod store;
mod throttle;
mod trust;
mod vectors;
mod verify;
mod web;

fn main() -> std::process::ExitCode {
    cli::run()
}
