//! Starts the real `charterpass` binary on a free port with a fresh data folder.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use serde_json::Value;

/// The demo accounts' password.
pub const DEMO_PASSWORD: &str = "Demo@2024";

/// A running server, stopped when dropped.
pub struct Server {
    child: Child,
    /// e.g. `http://127.0.0.1:40123`
    pub base: String,
    /// The data folder; removed when dropped.
    pub data_dir: tempfile::TempDir,
    /// Standard output after the listening line (the request log), as read so far.
    log: Arc<Mutex<Vec<String>>>,
    drain: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts `charterpass serve --demo` on port 0 and waits for its listening line.
    pub fn start() -> Server {
        Server::start_with(&[])
    }

    /// Like `start`, with extra arguments for `serve`.
    pub fn start_with(extra: &[&str]) -> Server {
        let data_dir = tempfile::tempdir().expect("temporary data folder");
        let path = data_dir.path().to_owned();
        Server::spawn(&path, extra, true, data_dir)
    }

    /// Starts `charterpass serve` on a given data folder, with `--demo` only when `demo`; the
    /// returned server's own `data_dir` is an unused empty folder.
    pub fn start_in(data: &std::path::Path, extra: &[&str], demo: bool) -> Server {
        Server::spawn(
            data,
            extra,
            demo,
            tempfile::tempdir().expect("temporary folder"),
        )
    }

    /// Starts the binary on `data` and waits for its listening line.
    fn spawn(
        data: &std::path::Path,
        extra: &[&str],
        demo: bool,
        data_dir: tempfile::TempDir,
    ) -> Server {
        let dist = if extra.contains(&"--dist") {
            &[][..]
        } else {
            &["--dist", "/nonexistent-dist"][..]
        };
        let mut child = Command::new(env!("CARGO_BIN_EXE_charterpass"))
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(if demo { &["--demo"][..] } else { &[] })
            .args(dist)
            .arg("--data-dir")
            .arg(data)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start charterpass");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let base = loop {
            let line = lines
                .next()
                .expect("charterpass exited before listening")
                .expect("read stdout");
            if let Some(url) = line.strip_prefix("charterpass listening on ") {
                break url.to_owned();
            }
        };
        // Keep draining stdout so the server never blocks on a full pipe.
        let log = Arc::new(Mutex::new(Vec::new()));
        let kept = log.clone();
        let drain = std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                kept.lock().unwrap().push(line);
            }
        });
        Server {
            child,
            base,
            data_dir,
            log,
            drain: Some(drain),
        }
    }

    /// Stops the server with SIGTERM; its exit status and its whole standard output after the
    /// listening line.
    pub fn terminate(mut self) -> (ExitStatus, Vec<String>) {
        let killed = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(killed.success());
        let status = self.child.wait().expect("wait for charterpass");
        if let Some(drain) = self.drain.take() {
            drain.join().expect("stdout reader");
        }
        let log = std::mem::take(&mut *self.log.lock().unwrap());
        (status, log)
    }

    /// An HTTP client with its own cookie jar, not signed in.
    pub fn client(&self) -> Client {
        Client {
            // No connection reuse: a handler that answers without reading the request body
            // (e.g. `/submit` with `{}`) may see hyper close the connection when the body
            // arrives after the answer; a pooled connection then fails the next POST with
            // "Unexpected EOF" (seen under load). Browsers retry such requests; ureq does not.
            agent: ureq::AgentBuilder::new().max_idle_connections(0).build(),
            base: format!("{}/api/v1", self.base),
            cookie: None,
            headers: Vec::new(),
            last_headers: Vec::new(),
        }
    }

    /// The signed trust list as served (`GET /trust-list`), its content type, and the root
    /// fingerprint that the readable view (`GET /trust-list.json`) names.
    pub fn trust_list(&self) -> (Vec<u8>, String, String) {
        let response = ureq::get(&format!("{}/api/v1/trust-list", self.base))
            .call()
            .expect("GET /trust-list");
        let content_type = response
            .header("content-type")
            .unwrap_or_default()
            .to_owned();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut response.into_reader(), &mut bytes).expect("read list");
        let (status, readable) = self.client().get("/trust-list.json");
        assert_eq!(status, 200, "{readable}");
        let root = readable["root_fingerprint"]
            .as_str()
            .expect("root")
            .to_owned();
        (bytes, content_type, root)
    }

    /// A client signed in as the demo account `username`.
    pub fn login(&self, username: &str) -> Client {
        let mut client = self.client();
        let (status, body) = client.post(
            "/session",
            &serde_json::json!({"username": username, "password": DEMO_PASSWORD}),
        );
        assert_eq!(status, 200, "log-in as {username}: {body}");
        client
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A minimal JSON client that keeps the session cookie.
pub struct Client {
    agent: ureq::Agent,
    base: String,
    cookie: Option<String>,
    /// Extra headers sent with every request (e.g. a proxy's `X-Forwarded-For`).
    pub headers: Vec<(String, String)>,
    /// The headers of the last answer, names lower-cased.
    pub last_headers: Vec<(String, String)>,
}

impl Client {
    fn run(&mut self, request: ureq::Request, body: Option<&Value>) -> (u16, Value) {
        let mut request = match &self.cookie {
            Some(cookie) => request.set("Cookie", cookie),
            None => request,
        };
        for (name, value) in &self.headers {
            request = request.set(name, value);
        }
        let result = match body {
            Some(body) => request.send_json(body.clone()),
            None => request.call(),
        };
        let response = match result {
            Ok(response) => response,
            Err(ureq::Error::Status(_, response)) => response,
            Err(err) => panic!("request failed: {err}"),
        };
        self.last_headers = response
            .headers_names()
            .into_iter()
            .flat_map(|name| {
                response
                    .all(&name)
                    .into_iter()
                    .map(|value| (name.to_lowercase(), value.to_owned()))
                    .collect::<Vec<_>>()
            })
            .collect();
        if let Some(set) = response.header("set-cookie") {
            let pair = set.split(';').next().unwrap_or_default().to_owned();
            self.cookie = if pair.ends_with('=') {
                None
            } else {
                Some(pair)
            };
        }
        let status = response.status();
        let text = response.into_string().unwrap_or_default();
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        (status, json)
    }

    /// `GET path` under `/api/v1`.
    pub fn get(&mut self, path: &str) -> (u16, Value) {
        let request = self.agent.get(&format!("{}{path}", self.base));
        self.run(request, None)
    }

    /// `POST path` with a JSON body.
    pub fn post(&mut self, path: &str, body: &Value) -> (u16, Value) {
        let request = self.agent.post(&format!("{}{path}", self.base));
        self.run(request, Some(body))
    }

    /// `PATCH path` with a JSON body.
    pub fn patch(&mut self, path: &str, body: &Value) -> (u16, Value) {
        let request = self.agent.request("PATCH", &format!("{}{path}", self.base));
        self.run(request, Some(body))
    }

    /// `PUT path` with a JSON body.
    pub fn put(&mut self, path: &str, body: &Value) -> (u16, Value) {
        let request = self.agent.put(&format!("{}{path}", self.base));
        self.run(request, Some(body))
    }

    /// `POST path` with a raw body and content type (for malformed input).
    pub fn post_raw(&mut self, path: &str, content_type: &str, body: &str) -> (u16, Value) {
        let request = self
            .agent
            .post(&format!("{}{path}", self.base))
            .set("Content-Type", content_type);
        let request = match &self.cookie {
            Some(cookie) => request.set("Cookie", cookie),
            None => request,
        };
        let response = match request.send_string(body) {
            Ok(response) => response,
            Err(ureq::Error::Status(_, response)) => response,
            Err(err) => panic!("request failed: {err}"),
        };
        let status = response.status();
        let text = response.into_string().unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// `POST path` with raw bytes (an uploaded file) and the session cookie.
    pub fn post_bytes(&mut self, path: &str, content_type: &str, body: &[u8]) -> (u16, Value) {
        let request = self
            .agent
            .post(&format!("{}{path}", self.base))
            .set("Content-Type", content_type);
        let request = match &self.cookie {
            Some(cookie) => request.set("Cookie", cookie),
            None => request,
        };
        let response = match request.send_bytes(body) {
            Ok(response) => response,
            Err(ureq::Error::Status(_, response)) => response,
            Err(err) => panic!("request failed: {err}"),
        };
        let status = response.status();
        let text = response.into_string().unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// The session cookie (`name=value`), once signed in.
    pub fn cookie(&self) -> Option<&str> {
        self.cookie.as_deref()
    }

    /// `GET path` as text (a CSV download): status, content type and body.
    pub fn get_text(&mut self, path: &str) -> (u16, String, String) {
        let request = self.agent.get(&format!("{}{path}", self.base));
        let request = match &self.cookie {
            Some(cookie) => request.set("Cookie", cookie),
            None => request,
        };
        let response = match request.call() {
            Ok(response) => response,
            Err(ureq::Error::Status(_, response)) => response,
            Err(err) => panic!("request failed: {err}"),
        };
        let status = response.status();
        let content_type = response
            .header("content-type")
            .unwrap_or_default()
            .to_owned();
        (
            status,
            content_type,
            response.into_string().unwrap_or_default(),
        )
    }

    /// The last answer's header `name` (lower case), if it had one.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.last_headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// `DELETE path`.
    pub fn delete(&mut self, path: &str) -> (u16, Value) {
        let request = self.agent.delete(&format!("{}{path}", self.base));
        self.run(request, None)
    }
}
