//! `charterpass verify`: checks one certificate offline and prints one JSON verdict.
//!
//! Exit status: 0 valid, 1 rejected, 2 usage or I/O error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use charterpass_core::certificate::signed_list::{
    accept_for_inspector, Fingerprint, Freshness, MAX_LIST_BYTES,
};
use charterpass_core::certificate::{verify, TrustList, Verdict, Verified};
use chrono::{DateTime, Utc};
use clap::Args;
use serde_json::{json, Value};

/// Settings of `charterpass verify`.
#[derive(Args, Debug)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub trust: TrustSource,
    /// The pinned root fingerprint (SHA-256, 64 hex digits) that a signed list must chain to.
    #[arg(long, requires = "trust_list")]
    pub pin: Option<String>,
    /// The sequence number of the list already held: an older list is refused (rollback).
    #[arg(long, requires = "trust_list")]
    pub held_sequence: Option<u64>,
    /// Verification clock, RFC 3339 (default: now).
    #[arg(long)]
    pub at: Option<String>,
    /// Do not check the online status (the CLI never does yet: status is always "not checked").
    #[arg(long)]
    pub no_status: bool,
    #[command(flatten)]
    pub input: VerifyInput,
}

/// Where the trusted keys come from: exactly one of these.
#[derive(Args, Debug)]
#[group(required = true, multiple = false)]
pub struct TrustSource {
    /// A signed trust list (`GET /api/v1/trust-list`, or `trust export`), checked against `--pin`.
    #[arg(long)]
    pub trust_list: Option<PathBuf>,
    /// Unsigned issuer entries as in the test vectors: a JSON array, or an object with `issuers`.
    #[arg(long)]
    pub trust: Option<PathBuf>,
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
    let at = match &args.at {
        Some(text) => DateTime::parse_from_rfc3339(text)
            .map_err(|e| format!("--at {text}: {e}"))?
            .timestamp(),
        None => Utc::now().timestamp(),
    };
    let (trust, list_note) = match load_trust(args, at)? {
        Ok(loaded) => loaded,
        Err(refused) => return Ok((refused, false)),
    };
    let text = match read_input(&args.input)? {
        Some(text) => text,
        None => return Ok((image_not_read(), false)),
    };
    let verdict = verify(text.trim(), &trust, at);
    let mut output = to_json(&verdict, &trust);
    if let Some(note) = list_note {
        output["trust_list"] = note;
    }
    Ok((output, verdict.is_valid()))
}

/// The trusted keys, with a note on the signed list's freshness; `Err` holds the printed refusal
/// of a signed list that cannot vouch for anything.
#[allow(clippy::type_complexity)]
fn load_trust(
    args: &VerifyArgs,
    at: i64,
) -> Result<Result<(TrustList, Option<Value>), Value>, String> {
    if let Some(path) = &args.trust.trust {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let trust = TrustList::from_json(&text)
            .map_err(|e| format!("{}: not a trust list: {e}", path.display()))?;
        return Ok(Ok((trust, None)));
    }
    let Some(path) = &args.trust.trust_list else {
        return Err("one of --trust-list, --trust is required".into());
    };
    let pin = args
        .pin
        .as_deref()
        .ok_or("--trust-list needs --pin (the root fingerprint)")?;
    let pin = Fingerprint::from_hex(pin).ok_or("--pin: not 64 hex digits")?;
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if bytes.len() > MAX_LIST_BYTES * 2 {
        return Err(format!(
            "{}: larger than a trust list can be",
            path.display()
        ));
    }
    match accept_for_inspector(&bytes, &pin, at, args.held_sequence) {
        Ok((list, freshness)) => {
            let note = json!({
                "sequence": list.content.sequence,
                "province": list.content.province,
                "expires_at": list.content.expires_at,
                "freshness": match freshness { Freshness::Current => "current", Freshness::Stale => "stale" },
                "warning": match freshness {
                    Freshness::Current => Value::Null,
                    Freshness::Stale => "信任列表已过期，请尽快联网更新；核验结果仍可参考".into(),
                },
            });
            Ok(Ok((list.trust_list(), Some(note))))
        }
        Err(refused) => Ok(Err(json!({
            "valid": false,
            "step": "trust_list",
            "error": refused.code(),
            "message": refused.message(),
            "issuer": null,
            "claims": null,
        }))),
    }
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
    let claims = |v: &Verified| {
        json!({
            "iss": v.issuer,
            "iat": v.issued_at,
            "nbf": v.not_before,
            "exp": v.expires,
            "charter": v.charter,
        })
    };
    let issuer = |v: &Verified| {
        let name = trust
            .find(v.kid)
            .map(|i| i.name.clone())
            .unwrap_or_default();
        json!({ "province": v.issuer, "name": name, "kid": v.kid })
    };
    match verdict {
        Verdict::Verified(v) => json!({
            "valid": true,
            "step": null,
            "error": null,
            "message": "凭证有效",
            "issuer": issuer(v),
            "claims": claims(v),
        }),
        // Genuine but not in force: what it says is known and printed with the reason.
        Verdict::NotInForce(n) => json!({
            "valid": false,
            "step": n.rejection.step,
            "error": n.rejection.error,
            "message": n.rejection.message,
            "issuer": issuer(&n.certificate),
            "claims": claims(&n.certificate),
        }),
        Verdict::Rejected(r) => json!({
            "valid": false,
            "step": r.step,
            "error": r.error,
            "message": r.message,
            "issuer": r.removed_from.as_ref().map(|p| json!({ "province": p, "removed": true })),
            "claims": null,
        }),
    }
}
