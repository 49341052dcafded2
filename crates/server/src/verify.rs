//! `charterpass verify`: checks one certificate offline and prints one JSON verdict.
//!
//! Exit status: 0 valid, 1 rejected, 2 usage or I/O error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use charterpass_core::certificate::{verify, TrustList, Verdict};
use chrono::{DateTime, Utc};
use clap::Args;
use serde_json::{json, Value};

/// Settings of `charterpass verify`.
#[derive(Args, Debug)]
pub struct VerifyArgs {
    /// Trust list: the API's trust-list JSON or a bare array of issuer entries.
    #[arg(long)]
    pub trust: PathBuf,
    /// Verification clock, RFC 3339 (default: now).
    #[arg(long)]
    pub at: Option<String>,
    /// Do not check the online status (the CLI never does yet: status is always "not checked").
    #[arg(long)]
    pub no_status: bool,
    #[command(flatten)]
    pub input: VerifyInput,
}

/// Where the certificate text comes from: exactly one of these.
#[derive(Args, Debug)]
#[group(required = true, multiple = false)]
pub struct VerifyInput {
    /// The certificate text itself (`BC1:…`).
    #[arg(long)]
    pub text: Option<String>,
    /// A file holding the certificate text.
    #[arg(long)]
    pub text_file: Option<PathBuf>,
    /// A PNG or JPEG picture of the QR code.
    #[arg(long)]
    pub image: Option<PathBuf>,
}

/// Runs the subcommand and prints the verdict.
pub fn run(args: VerifyArgs) -> ExitCode {
    match verdict(&args) {
        Ok((output, valid)) => {
            println!("{output}");
            ExitCode::from(if valid { 0 } else { 1 })
        }
        Err(err) => {
            eprintln!("charterpass verify: {err}");
            ExitCode::from(2)
        }
    }
}

fn verdict(args: &VerifyArgs) -> Result<(Value, bool), String> {
    let trust_text = std::fs::read_to_string(&args.trust)
        .map_err(|e| format!("{}: {e}", args.trust.display()))?;
    let trust = TrustList::from_json(&trust_text)
        .map_err(|e| format!("{}: not a trust list: {e}", args.trust.display()))?;
    let at = match &args.at {
        Some(text) => DateTime::parse_from_rfc3339(text)
            .map_err(|e| format!("--at {text}: {e}"))?
            .timestamp(),
        None => Utc::now().timestamp(),
    };
    let text = match read_input(&args.input)? {
        Some(text) => text,
        None => return Ok((image_not_read(), false)),
    };
    let verdict = verify(text.trim(), &trust, at);
    Ok((to_json(&verdict, &trust), verdict.is_valid()))
}

/// The certificate text, or `None` when the picture holds no readable QR code.
fn read_input(input: &VerifyInput) -> Result<Option<String>, String> {
    if let Some(text) = &input.text {
        return Ok(Some(text.clone()));
    }
    if let Some(path) = &input.text_file {
        return std::fs::read_to_string(path)
            .map(Some)
            .map_err(|e| format!("{}: {e}", path.display()));
    }
    match &input.image {
        Some(path) => read_image(path),
        None => Err("one of --text, --text-file, --image is required".into()),
    }
}

/// Reads a PNG or JPEG (transparency over white) and scans it with the core's QR frame decoder.
fn read_image(path: &Path) -> Result<Option<String>, String> {
    let grey = crate::decode_qr::load_grey(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (w, h) = (grey.width() as usize, grey.height() as usize);
    Ok(charterpass_core::scan::scan(w, h, grey.as_raw()).ok())
}

fn image_not_read() -> Value {
    json!({
        "valid": false,
        "step": "image",
        "error": "qr_not_found",
        "message": "图片中未识别到二维码",
        "issuer": null,
        "claims": null,
    })
}

/// The one JSON object printed: `{valid, step, error, message, issuer, claims}`.
fn to_json(verdict: &Verdict, trust: &TrustList) -> Value {
    match verdict {
        Verdict::Verified(v) => {
            let name = trust
                .find(v.kid)
                .map(|i| i.name.clone())
                .unwrap_or_default();
            json!({
                "valid": true,
                "step": null,
                "error": null,
                "message": "凭证有效",
                "issuer": { "province": v.issuer, "name": name, "kid": v.kid },
                "claims": {
                    "iss": v.issuer,
                    "iat": v.issued_at,
                    "nbf": v.not_before,
                    "exp": v.expires,
                    "charter": v.charter,
                },
            })
        }
        Verdict::Rejected(r) => json!({
            "valid": false,
            "step": r.step,
            "error": r.error,
            "message": r.message,
            "issuer": null,
            "claims": null,
        }),
    }
}
