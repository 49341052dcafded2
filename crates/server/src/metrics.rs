//! Observability: one JSON log line per request on standard output (method, route template,
//! status, duration; no addresses, no query strings, no tokens), and `GET /metrics` in the
//! Prometheus text format for the addresses allowed to read it: requests and latencies per
//! route, filings by status, certificates issued, verifications, sign-in refusals.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

use axum::body::Body;
use axum::extract::{MatchedPath, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::api::ApiError;
use crate::proxy::Client;
use crate::state::AppState;

/// Upper bounds of the latency histogram's buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// The route label of requests no route matched: the app's pages and files, or unknown API paths.
const APP_FILES: &str = "(app files)";
const UNMATCHED_API: &str = "(unmatched api)";

#[derive(Default)]
struct Latency {
    buckets: [u64; BUCKETS.len()],
    sum: f64,
    count: u64,
}

/// Request counts and latencies since start, per route template.
#[derive(Default)]
pub struct Metrics {
    /// (method, route, status) → count.
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    /// route → latency histogram.
    latencies: Mutex<BTreeMap<String, Latency>>,
}

impl Metrics {
    fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let mut requests = self.requests.lock().unwrap_or_else(|p| p.into_inner());
        *requests
            .entry((method.to_owned(), route.to_owned(), status))
            .or_default() += 1;
        drop(requests);
        let mut latencies = self.latencies.lock().unwrap_or_else(|p| p.into_inner());
        let latency = latencies.entry(route.to_owned()).or_default();
        for (bucket, bound) in latency.buckets.iter_mut().zip(BUCKETS) {
            if seconds <= bound {
                *bucket += 1;
            }
        }
        latency.sum += seconds;
        latency.count += 1;
    }

    fn render(&self, out: &mut String) {
        out.push_str("# HELP charterpass_http_requests_total Requests answered, by method, route and status.\n");
        out.push_str("# TYPE charterpass_http_requests_total counter\n");
        for ((method, route, status), count) in self
            .requests
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
        {
            let _ = writeln!(
                out,
                "charterpass_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {count}",
                escape(route)
            );
        }
        out.push_str(
            "# HELP charterpass_http_request_duration_seconds Time to answer, by route.\n",
        );
        out.push_str("# TYPE charterpass_http_request_duration_seconds histogram\n");
        for (route, latency) in self
            .latencies
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
        {
            let route = escape(route);
            for (bucket, bound) in latency.buckets.iter().zip(BUCKETS) {
                let _ = writeln!(
                    out,
                    "charterpass_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {bucket}"
                );
            }
            let _ = writeln!(
                out,
                "charterpass_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}\n\
                 charterpass_http_request_duration_seconds_sum{{route=\"{route}\"}} {}\n\
                 charterpass_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                latency.count, latency.sum, latency.count
            );
        }
    }
}

/// A label value with `\`, `"` and newlines escaped.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Middleware: counts and times each request and writes its log line.
pub async fn observe(
    State(state): State<AppState>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let route = match request.extensions().get::<MatchedPath>() {
        // A nested router's fallback matches a private catch-all: no real route.
        Some(matched) if !matched.as_str().contains("__private__") => matched.as_str().to_owned(),
        Some(_) => UNMATCHED_API.to_owned(),
        None if request.uri().path().starts_with("/api/") => UNMATCHED_API.to_owned(),
        None => APP_FILES.to_owned(),
    };
    let response = next.run(request).await;
    let elapsed = started.elapsed().as_secs_f64();
    let status = response.status().as_u16();
    state.ops.metrics.observe(&method, &route, status, elapsed);
    let line = serde_json::json!({
        "at": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        "method": method,
        "route": route,
        "status": status,
        "ms": (elapsed * 1e5).round() / 1e2,
    });
    // One line, written whole; a closed stdout must not fail the request.
    let _ = writeln!(std::io::stdout().lock(), "{line}");
    response
}

/// `GET /metrics`: only for the configured addresses (`--metrics-allow`, default loopback).
pub async fn serve(State(state): State<AppState>, client: Client) -> Result<Response, ApiError> {
    if !state.ops.metrics_allow.contains(&client.address) {
        return Err(ApiError::NotFound);
    }
    let mut out = String::new();
    state.ops.metrics.render(&mut out);
    let counts = state
        .db
        .call(|conn| {
            let mut filings = conn
                .prepare("SELECT status, COUNT(*) FROM filings GROUP BY status ORDER BY status")?;
            let filings = filings
                .query_map([], |row| {
                    Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let certificates: i64 =
                conn.query_row("SELECT COUNT(*) FROM certificates", [], |row| row.get(0))?;
            let mut verifications = conn.prepare(
                "SELECT outcome, COUNT(*) FROM verifications GROUP BY outcome ORDER BY outcome",
            )?;
            let verifications = verifications
                .query_map([], |row| {
                    Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok((filings, certificates, verifications))
        })
        .await?;
    let (filings, certificates, verifications) = counts;
    out.push_str("# HELP charterpass_filings Filings in the database, by status.\n");
    out.push_str("# TYPE charterpass_filings gauge\n");
    for (status, count) in filings {
        let _ = writeln!(
            out,
            "charterpass_filings{{status=\"{}\"}} {count}",
            escape(&status)
        );
    }
    out.push_str("# HELP charterpass_certificates_issued_total Certificates issued.\n");
    out.push_str("# TYPE charterpass_certificates_issued_total counter\n");
    let _ = writeln!(out, "charterpass_certificates_issued_total {certificates}");
    out.push_str("# HELP charterpass_verifications_total Verifications recorded, by outcome.\n");
    out.push_str("# TYPE charterpass_verifications_total counter\n");
    for (outcome, count) in verifications {
        let _ = writeln!(
            out,
            "charterpass_verifications_total{{outcome=\"{}\"}} {count}",
            escape(&outcome)
        );
    }
    Ok((
        StatusCode::OK,
        [(CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")],
        out,
    )
        .into_response())
}

/// The default readers of `/metrics`: this machine only.
pub fn loopback() -> Vec<IpAddr> {
    vec![
        IpAddr::from([127, 0, 0, 1]),
        IpAddr::from(std::net::Ipv6Addr::LOCALHOST),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histograms_are_cumulative_and_counts_per_status() {
        let metrics = Metrics::default();
        metrics.observe("GET", "/api/v1/health", 200, 0.0007);
        metrics.observe("GET", "/api/v1/health", 200, 0.3);
        metrics.observe("GET", "/api/v1/health", 503, 0.002);
        let mut out = String::new();
        metrics.render(&mut out);
        assert!(out.contains(
            "charterpass_http_requests_total{method=\"GET\",route=\"/api/v1/health\",status=\"200\"} 2"
        ));
        assert!(out.contains("status=\"503\"} 1"));
        assert!(out.contains("{route=\"/api/v1/health\",le=\"0.001\"} 1\n"));
        assert!(out.contains("{route=\"/api/v1/health\",le=\"0.0025\"} 2\n"));
        assert!(out.contains("{route=\"/api/v1/health\",le=\"0.5\"} 3\n"));
        assert!(out.contains(
            "charterpass_http_request_duration_seconds_count{route=\"/api/v1/health\"} 3"
        ));
    }
}
