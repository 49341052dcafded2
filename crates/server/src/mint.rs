//! `charterpass mint`: signs a certificate from given fields with a configured issuer's key.

use charterpass_core::certificate::{CharterData, Claims};
use chrono::{DateTime, Utc};
use clap::Args;

use crate::config::DataArgs;
use crate::keys::KeyStore;

/// Settings of `charterpass mint`.
#[derive(Args, Debug)]
pub struct MintArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// 凭证编号.
    #[arg(long)]
    pub certificate_number: String,
    /// 备案编号.
    #[arg(long)]
    pub filing_number: String,
    /// 车牌号.
    #[arg(long)]
    pub plate: String,
    /// 核定座位数.
    #[arg(long)]
    pub seats: u16,
    /// 企业名称.
    #[arg(long)]
    pub enterprise_name: String,
    /// 统一社会信用代码.
    #[arg(long)]
    pub credit_code: String,
    /// 起点 (6-digit GB/T 2260 code).
    #[arg(long)]
    pub origin: String,
    /// 讫点 (6-digit GB/T 2260 code).
    #[arg(long)]
    pub destination: String,
    /// 途经地 (repeat for several).
    #[arg(long = "waypoint")]
    pub waypoints: Vec<String>,
    /// 行程开始, RFC 3339.
    #[arg(long)]
    pub trip_start: String,
    /// 行程结束, RFC 3339.
    #[arg(long)]
    pub trip_end: String,
    /// 驾驶员 name (repeat for several; none for a certificate in the pre-drivers form).
    #[arg(long = "driver")]
    pub drivers: Vec<String>,
    /// Valid from, RFC 3339 (default: now).
    #[arg(long)]
    pub nbf: Option<String>,
    /// Valid until, RFC 3339 (default: the trip end).
    #[arg(long)]
    pub exp: Option<String>,
}

fn seconds(field: &str, text: &str) -> Result<i64, String> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.timestamp())
        .map_err(|e| format!("--{field} {text}: {e}"))
}

/// Signs and prints the certificate text on one line.
pub fn run(args: MintArgs) -> Result<(), Box<dyn std::error::Error>> {
    let now = Utc::now().timestamp();
    let trip_end = seconds("trip-end", &args.trip_end)?;
    let claims = Claims {
        iss: args.data.province.clone(),
        iat: now,
        nbf: args
            .nbf
            .as_deref()
            .map(|t| seconds("nbf", t))
            .transpose()?
            .unwrap_or(now),
        exp: args
            .exp
            .as_deref()
            .map(|t| seconds("exp", t))
            .transpose()?
            .unwrap_or(trip_end),
        charter: CharterData {
            certificate_number: args.certificate_number,
            filing_number: args.filing_number,
            plate: args.plate,
            seats: args.seats,
            enterprise_name: args.enterprise_name,
            credit_code: args.credit_code,
            origin: args.origin,
            destination: args.destination,
            waypoints: args.waypoints,
            trip_start: seconds("trip-start", &args.trip_start)?,
            trip_end,
            drivers: args.drivers,
        },
    };
    let keys = KeyStore::open(&args.data.data_dir, &args.data.province)?;
    println!("{}", keys.sign(&claims)?);
    Ok(())
}
