//! `dyad demo` and `dyad serve` as a user runs them: the binary binds, prints its URL,
//! answers the API over a real socket, and refuses writes when bound beyond loopback
//! without a token.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// Kills the server when the test ends, whatever happens.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `dyad ARGS`, waits for "listening on http://ADDR" and returns the address.
fn start(args: &[&str]) -> (Server, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let server = Server(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let addr = line
        .trim()
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .to_string();
    (server, addr)
}

/// One HTTP/1.1 exchange; returns the status line and the body.
fn request(addr: &str, method: &str, path: &str, headers: &str, body: &str) -> (String, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n{headers}\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer.lines().next().unwrap_or_default().to_string();
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn demo_serves_the_examples_from_any_directory() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("demo.db");
    let (_server, addr) = start(&[
        "demo",
        "--addr",
        "127.0.0.1:0",
        "--db",
        store.to_str().unwrap(),
    ]);
    let (status, body) = request(&addr, "GET", "/api/health", "", "");
    assert!(status.contains("200"), "{status}");
    let health: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(health["documents"].as_u64().unwrap() >= 12, "{health}");
    assert!(health["events"].as_u64().unwrap() > 10, "{health}");
    let (status, body) = request(&addr, "GET", "/", "", "");
    assert!(status.contains("200"), "{status}");
    assert!(body.contains("<html"), "{body}");
    let (status, _) = request(&addr, "GET", "/api/events?limit=5", "", "");
    assert!(status.contains("200"), "{status}");
}

#[test]
fn serve_beyond_loopback_without_a_token_is_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("dyad.db");
    let (_server, addr) = start(&[
        "serve",
        "--addr",
        "0.0.0.0:0",
        "--create",
        // The older name of --db is still accepted.
        "--store",
        store.to_str().unwrap(),
    ]);
    let port = addr.rsplit(':').next().unwrap();
    let local = format!("127.0.0.1:{port}");
    let article = r#"{"id":"a","text":"Russia and China signed a trade agreement."}"#;
    let headers = "Content-Type: application/x-ndjson\r\n";
    let (status, body) = request(&local, "POST", "/api/documents", headers, article);
    assert!(status.contains("403"), "{status} {body}");
    let (status, body) = request(&local, "GET", "/api/health", "", "");
    assert!(status.contains("200"), "{status}");
    assert!(body.contains("\"read_only\":true"), "{body}");
}

#[test]
fn serve_with_a_token_takes_writes_that_carry_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("dyad.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"));
    child
        .args(["serve", "--addr", "127.0.0.1:0", "--create", "--db"])
        .arg(&store)
        .env("DYAD_TOKEN", "t0ken");
    let mut child = child
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let _server = Server(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let addr = line
        .trim()
        .trim_start_matches("listening on http://")
        .to_string();
    let article = r#"{"id":"a","text":"Russia and China signed a trade agreement."}"#;
    let plain = "Content-Type: application/x-ndjson\r\n";
    let (status, _) = request(&addr, "POST", "/api/documents", plain, article);
    assert!(status.contains("401"), "{status}");
    let authorised = "Content-Type: application/x-ndjson\r\nAuthorization: Bearer t0ken\r\n";
    let (status, body) = request(&addr, "POST", "/api/documents", authorised, article);
    assert!(status.contains("200"), "{status} {body}");
    assert!(body.contains("\"added\":1"), "{body}");
}

#[test]
fn demo_with_a_busy_port_says_so_before_ingesting_anything() {
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = busy.local_addr().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("demo.db");
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["demo", "--addr", &addr, "--db"])
        .arg(&store)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("binding {addr}")), "{stderr}");
    assert!(stderr.contains("--addr 127.0.0.1:PORT"), "{stderr}");
    assert!(!stderr.contains("example documents"), "{stderr}");
    assert!(!store.exists(), "nothing was ingested");
    drop(busy);
}

#[test]
fn demo_reports_the_events_the_store_holds_after_merging() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("demo.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["demo", "--addr", "127.0.0.1:0", "--db"])
        .arg(&store)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let _server = Server(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let addr = line
        .trim()
        .trim_start_matches("listening on http://")
        .to_string();
    let mut summary = String::new();
    stderr.read_line(&mut summary).unwrap();
    let (_, body) = request(&addr, "GET", "/api/health", "", "");
    let health: serde_json::Value = serde_json::from_str(&body).unwrap();
    let events = health["events"].as_u64().unwrap();
    assert!(
        summary.contains(&format!("the store holds {events} events")),
        "{summary} / {health}"
    );
}

#[test]
fn serve_refuses_an_invalid_cors_origin_or_host_name() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("dyad.db");
    for (flag, value, says) in [
        ("--cors", "app.example", "is not an origin"),
        ("--cors", "https://app.example/api", "is not an origin"),
        ("--host", "http://dyad.example.org", "is not a host name"),
    ] {
        let child = Command::new(env!("CARGO_BIN_EXE_dyad"))
            .args(["serve", "--addr", "127.0.0.1:0", "--create", "--db"])
            .arg(&store)
            .args([flag, value])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut server = Server(child);
        // Refused before the server starts; a server that starts anyway is stopped.
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        let status = loop {
            if let Some(status) = server.0.try_wait().unwrap() {
                break Some(status);
            }
            if std::time::Instant::now() > deadline {
                break None;
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let status = status.unwrap_or_else(|| panic!("{flag} {value}: the server started"));
        assert_eq!(status.code(), Some(2), "{flag} {value}");
        let mut stderr = String::new();
        server
            .0
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        assert!(stderr.contains(flag) && stderr.contains(says), "{stderr}");
    }
}
