//! Production settings of `charterpass serve` (reverse proxy, sessions, sign-in throttle,
//! metrics) and the running server's shared pieces built from them. Defaults and reasons:
//! `docs/operations.md`.

use std::net::IpAddr;

use clap::Args;

use crate::auth::session::SessionPolicy;
use crate::proxy::TrustedProxies;
use crate::throttle::{Policy, Throttle};

/// Flags (and environment variables) for running in production.
#[derive(Args, Clone, Debug)]
pub struct OpsArgs {
    /// Addresses of the reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed
    /// (comma-separated); from any other peer those headers are ignored.
    #[arg(long, env = "CHARTERPASS_TRUSTED_PROXY", value_delimiter = ',')]
    pub trusted_proxy: Vec<IpAddr>,
    /// Client addresses that may read `/metrics` (comma-separated); default this machine only.
    #[arg(long, env = "CHARTERPASS_METRICS_ALLOW", value_delimiter = ',',
          default_values_t = crate::metrics::loopback())]
    pub metrics_allow: Vec<IpAddr>,
    /// A session ends after this many minutes without a request.
    #[arg(long, env = "CHARTERPASS_SESSION_IDLE_MINUTES", default_value_t = 120,
          value_parser = clap::value_parser!(u32).range(1..=10080))]
    pub session_idle_minutes: u32,
    /// A session ends this many hours after sign-in, however active.
    #[arg(long, env = "CHARTERPASS_SESSION_LIFETIME_HOURS", default_value_t = 12,
          value_parser = clap::value_parser!(u32).range(1..=720))]
    pub session_lifetime_hours: u32,
    /// Failed sign-ins an account may have before it is locked out.
    #[arg(long, env = "CHARTERPASS_THROTTLE_ACCOUNT_FREE", default_value_t = 5)]
    pub throttle_account_free: u32,
    /// Failed sign-ins one client address may have before it is locked out.
    #[arg(long, env = "CHARTERPASS_THROTTLE_ADDRESS_FREE", default_value_t = 20)]
    pub throttle_address_free: u32,
    /// The first lock-out, in seconds; each further failure doubles it.
    #[arg(long, env = "CHARTERPASS_THROTTLE_BASE_SECS", default_value_t = 1,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub throttle_base_secs: u64,
    /// Longest lock-out of an account, in seconds (keeps a stranger from locking a user out long).
    #[arg(long, env = "CHARTERPASS_THROTTLE_ACCOUNT_MAX_SECS", default_value_t = 300,
          value_parser = clap::value_parser!(u64).range(1..=86400))]
    pub throttle_account_max_secs: u64,
    /// Longest lock-out of a client address, in seconds.
    #[arg(long, env = "CHARTERPASS_THROTTLE_ADDRESS_MAX_SECS", default_value_t = 3600,
          value_parser = clap::value_parser!(u64).range(1..=86400))]
    pub throttle_address_max_secs: u64,
}

/// The production pieces every request can reach.
pub struct Ops {
    /// Whose forwarding headers are believed.
    pub proxies: TrustedProxies,
    /// Session expiry.
    pub sessions: SessionPolicy,
    /// Failed sign-ins per account and per client address.
    pub throttle: Throttle,
    /// Who may read `/metrics`.
    pub metrics_allow: Vec<IpAddr>,
    /// Request counts and latencies.
    pub metrics: crate::metrics::Metrics,
}

impl Ops {
    /// Builds the pieces from the settings.
    pub fn new(args: &OpsArgs) -> Ops {
        Ops {
            proxies: TrustedProxies::new(args.trusted_proxy.clone()),
            sessions: SessionPolicy {
                idle: chrono::Duration::minutes(i64::from(args.session_idle_minutes)),
                lifetime: chrono::Duration::hours(i64::from(args.session_lifetime_hours)),
            },
            throttle: Throttle::new(Policy {
                account_free: args.throttle_account_free,
                address_free: args.throttle_address_free,
                base: std::time::Duration::from_secs(args.throttle_base_secs),
                account_max: std::time::Duration::from_secs(args.throttle_account_max_secs),
                address_max: std::time::Duration::from_secs(args.throttle_address_max_secs),
                forget_after: std::time::Duration::from_secs(3600),
            }),
            metrics_allow: args.metrics_allow.clone(),
            metrics: crate::metrics::Metrics::default(),
        }
    }
}
