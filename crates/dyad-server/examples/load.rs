//! A bounded load test of the events API (a benchmark, not a test): starts the server on
//! a loopback port over a temporary store filled with the bundled examples and synthetic
//! variants, runs concurrent clients (one keep-alive HTTP/1.1 connection each) issuing a
//! fixed number of `GET /api/events` requests with varied filters while one more client
//! POSTs documents one by one, then prints p50/p99/max latency, errors and requests per
//! second, and checks that every POSTed document is in the store. Before the concurrent
//! run, one client alone times `GET /api/events?limit=50` and `GET /api/health`.
//!
//! ```text
//! cargo run --release -p dyad-server --example load -- \
//!     [--clients 50] [--requests 20000] [--posts 200] [--synthetic 2000] [--seconds 60]
//! ```

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use dyad_server::{AppState, ServerConfig};
use http_body_util::{BodyExt, Full};
use hyper::Request;
use hyper_util::rt::TokioIo;

struct Options {
    clients: usize,
    requests: usize,
    posts: usize,
    synthetic: usize,
    seconds: u64,
    /// Before the run, time each URL alone (one client) and print the slowest.
    profile: bool,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        clients: 50,
        requests: 20_000,
        posts: 200,
        synthetic: 2_000,
        seconds: 60,
        profile: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--profile" {
            options.profile = true;
            continue;
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let n: usize = value
            .parse()
            .map_err(|_| format!("{flag}: expected a number, got {value:?}"))?;
        match flag.as_str() {
            "--clients" => options.clients = n.max(1),
            "--requests" => options.requests = n,
            "--posts" => options.posts = n,
            "--synthetic" => options.synthetic = n,
            "--seconds" => options.seconds = n as u64,
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(options)
}

/// (code, country name, adjective, capital).
const COUNTRIES: &[(&str, &str, &str, &str)] = &[
    ("RUS", "Russia", "Russian", "Moscow"),
    ("CHN", "China", "Chinese", "Beijing"),
    ("USA", "the United States", "U.S.", "Washington"),
    ("PRK", "North Korea", "North Korean", "Pyongyang"),
    ("KOR", "South Korea", "South Korean", "Seoul"),
    ("JPN", "Japan", "Japanese", "Tokyo"),
    ("IND", "India", "Indian", "New Delhi"),
    ("PAK", "Pakistan", "Pakistani", "Islamabad"),
    ("IRN", "Iran", "Iranian", "Tehran"),
    ("ISR", "Israel", "Israeli", "Jerusalem"),
    ("TUR", "Turkey", "Turkish", "Ankara"),
    ("GRC", "Greece", "Greek", "Athens"),
    ("UKR", "Ukraine", "Ukrainian", "Kyiv"),
    ("POL", "Poland", "Polish", "Warsaw"),
    ("FRA", "France", "French", "Paris"),
    ("DEU", "Germany", "German", "Berlin"),
    ("EGY", "Egypt", "Egyptian", "Cairo"),
    ("ETH", "Ethiopia", "Ethiopian", "Addis Ababa"),
    ("BRA", "Brazil", "Brazilian", "Brasilia"),
    ("VEN", "Venezuela", "Venezuelan", "Caracas"),
];

/// Sentences with `{A}`/`{B}` (country names), `{a}` (adjective of A), `{cap}` (capital
/// of B) and `{day}`.
const TEMPLATES: &[&str] = &[
    "{A} and {B} signed a trade agreement in {cap} on {day}.",
    "{A} accused {B} of violating its airspace on {day}.",
    "The {a} foreign minister met his counterpart from {B} in {cap} on {day} to discuss border security.",
    "{A} imposed new sanctions on {B} on {day}, officials said.",
    "{a} forces shelled positions held by {B} near the border on {day}, killing 12 soldiers.",
    "{A} offered humanitarian aid to {B} after floods, the ministry said on {day}.",
    "{A} denied that its troops had crossed into {B} on {day}.",
    "{A} urged {B} to return to negotiations, a spokesperson said in {cap} on {day}.",
    "{A} and {B} agreed to hold joint naval exercises next month.",
    "{A} expelled two diplomats from {B} on {day}, accusing them of espionage.",
];

const DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/// A small deterministic generator (xorshift), so every run loads the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

/// One synthetic news document as a JSONL line.
fn synthetic(rng: &mut Rng, id: &str) -> String {
    let a = *rng.pick(COUNTRIES);
    let mut b = *rng.pick(COUNTRIES);
    while b.0 == a.0 {
        b = *rng.pick(COUNTRIES);
    }
    let mut sentences = Vec::new();
    for _ in 0..3 {
        let (a, b) = if rng.next().is_multiple_of(4) {
            (b, a)
        } else {
            (a, b)
        };
        let day = *rng.pick(DAYS);
        let text = rng
            .pick(TEMPLATES)
            .replace("{A}", a.1)
            .replace("{B}", b.1)
            .replace("{a}", a.2)
            .replace("{cap}", b.3)
            .replace("{day}", day);
        sentences.push(upper_first(&text));
    }
    let month = 1 + rng.next() % 12;
    let day = 1 + rng.next() % 28;
    let year = if month > 6 { 2024 } else { 2025 };
    serde_json::json!({
        "id": id,
        "title": format!("{} and {}: {}", upper_first(a.1), b.1, id),
        "text": sentences.join(" "),
        "published": format!("{year}-{month:02}-{day:02}"),
        "source": format!("Wire {}", rng.next() % 12),
    })
    .to_string()
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The GET URLs the clients cycle through: the events API with varied filters.
fn event_urls() -> Vec<String> {
    let mut urls = vec![
        "/api/events".to_string(),
        "/api/events?limit=100".into(),
        "/api/events?sort=mentions&limit=20".into(),
        "/api/events?sort=sources".into(),
        "/api/events?offset=100&limit=50".into(),
        "/api/events?since=2025-01-01&until=2025-03-31".into(),
        "/api/events?since=2024-09-01".into(),
        "/api/events?status=denied".into(),
        "/api/events?q=agreement".into(),
        "/api/events?q=%22trade%20agreement%22".into(),
        "/api/events?place=Beijing".into(),
        "/api/events?country=RUS".into(),
        "/api/events?min_sources=2".into(),
    ];
    for event in ["AGREE", "ACCUSE", "ASSAULT", "SANCTION", "CONSULT", "AID"] {
        urls.push(format!("/api/events?event={event}"));
    }
    for (i, a) in COUNTRIES.iter().enumerate() {
        let b = COUNTRIES[(i + 1) % COUNTRIES.len()];
        urls.push(format!("/api/events?actor={}", a.0));
        urls.push(format!("/api/events?recipient={}&sort=date-asc", a.0));
        urls.push(format!("/api/events?dyad={},{}&limit=20", a.0, b.0));
        urls.push(format!("/api/events?actor={}GOV", a.0));
    }
    urls
}

type Sender = hyper::client::conn::http1::SendRequest<Full<Bytes>>;

async fn connect(addr: SocketAddr) -> Result<Sender, String> {
    let stream = tokio::net::TcpStream::connect(addr)
        .await
        .map_err(|e| e.to_string())?;
    let _ = stream.set_nodelay(true);
    let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| e.to_string())?;
    tokio::spawn(connection);
    Ok(sender)
}

/// One request; returns the status and the body.
async fn exchange(
    sender: &mut Sender,
    request: Request<Full<Bytes>>,
) -> Result<(u16, Bytes), String> {
    sender.ready().await.map_err(|e| e.to_string())?;
    let response = sender
        .send_request(request)
        .await
        .map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|e| e.to_string())?
        .to_bytes();
    Ok((status, body))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let options = options()?;
    let dir = std::env::temp_dir().join(format!("dyad-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let store = dir.join("load.db");
    let config = ServerConfig::new(&store);
    let state = AppState::open(config)?;

    // Pre-fill: the examples, then synthetic documents in parallel chunks.
    let started = Instant::now();
    let examples = dyad_server::examples::load_examples(&state)
        .await
        .map_err(|e| e.message)?;
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let lines: Vec<String> = (0..options.synthetic)
        .map(|i| synthetic(&mut rng, &format!("load-pre-{i}")))
        .collect();
    let mut chunks = Vec::new();
    for chunk in lines.chunks(100) {
        let state = state.clone();
        let body = chunk.join("\n");
        chunks.push(tokio::spawn(async move {
            let (documents, skipped) = dyad_server::ingest::read_body(
                dyad_server::ingest::BodyKind::Jsonl,
                body.as_bytes(),
                &Default::default(),
                Default::default(),
            )?;
            dyad_server::ingest::ingest(&state, documents, skipped, Default::default()).await
        }));
    }
    let mut prefilled = examples.added;
    for chunk in chunks {
        prefilled += chunk.await?.map_err(|e| e.message)?.added;
    }
    let store_events = state
        .read(|s| Ok(s.stats()?.events))
        .await
        .map_err(|e| e.message)?;
    println!(
        "pre-filled {} documents ({} events) in {:.1} s",
        prefilled,
        store_events,
        started.elapsed().as_secs_f64()
    );

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let header_timeout = state.shared.config.header_timeout;
    let app = dyad_server::router(state.clone());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(dyad_server::serve(listener, app, header_timeout, async {
        let _ = stopped.await;
    }));
    println!(
        "listening on http://{addr}: {} clients, {} GET /api/events, {} POSTs, at most {} s",
        options.clients, options.requests, options.posts, options.seconds
    );

    // One client alone: a small page of events and the health check, the requests a UI
    // and a monitor make most.
    for url in ["/api/events?limit=50", "/api/health"] {
        let mut sender = connect(addr).await?;
        let mut took = Vec::new();
        for _ in 0..500 {
            let request = Request::get(url)
                .header("host", addr.to_string())
                .body(Full::new(Bytes::new()))?;
            let sent = Instant::now();
            exchange(&mut sender, request).await?;
            took.push(sent.elapsed());
        }
        took.sort_unstable();
        println!(
            "alone: GET {url}: p50 {:.3} ms, p99 {:.3} ms (500 requests, one connection)",
            ms(percentile(&took, 50.0)),
            ms(percentile(&took, 99.0))
        );
    }
    let urls = Arc::new(event_urls());
    if options.profile {
        let mut sender = connect(addr).await?;
        let mut timings = Vec::new();
        for url in urls.iter() {
            let sent = Instant::now();
            for _ in 0..10 {
                let request = Request::get(url.as_str())
                    .header("host", addr.to_string())
                    .body(Full::new(Bytes::new()))?;
                exchange(&mut sender, request).await?;
            }
            timings.push((sent.elapsed() / 10, url.clone()));
        }
        timings.sort();
        for (took, url) in timings.iter().rev().take(12) {
            println!("  {:>8.2} ms  {url}", ms(*took));
        }
    }
    let deadline = Instant::now() + Duration::from_secs(options.seconds);
    let issued = Arc::new(AtomicUsize::new(0));
    let run_started = Instant::now();
    let mut readers = Vec::new();
    for client in 0..options.clients {
        let urls = Arc::clone(&urls);
        let issued = Arc::clone(&issued);
        let total = options.requests;
        readers.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = Vec::new();
            let mut sender = match connect(addr).await {
                Ok(sender) => sender,
                Err(e) => return (latencies, vec![e]),
            };
            loop {
                let n = issued.fetch_add(1, Ordering::Relaxed);
                if n >= total || Instant::now() >= deadline {
                    break;
                }
                let url = &urls[(n * 7 + client) % urls.len()];
                let request = Request::get(url.as_str())
                    .header("host", addr.to_string())
                    .body(Full::new(Bytes::new()))
                    .expect("a valid request");
                let sent = Instant::now();
                match exchange(&mut sender, request).await {
                    Ok((200, _)) => latencies.push(sent.elapsed()),
                    Ok((status, body)) => {
                        latencies.push(sent.elapsed());
                        errors.push(format!(
                            "{url}: {status} {}",
                            String::from_utf8_lossy(&body)
                        ));
                    }
                    Err(e) => {
                        errors.push(format!("{url}: {e}"));
                        match connect(addr).await {
                            Ok(fresh) => sender = fresh,
                            Err(e) => {
                                errors.push(e);
                                break;
                            }
                        }
                    }
                }
            }
            (latencies, errors)
        }));
    }
    let posts = options.posts;
    let writer = tokio::spawn(async move {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut latencies = Vec::new();
        let mut errors = Vec::new();
        let mut added = 0usize;
        let mut sender = match connect(addr).await {
            Ok(sender) => sender,
            Err(e) => return (latencies, vec![e], added),
        };
        for i in 0..posts {
            if Instant::now() >= deadline {
                errors.push(format!("deadline reached after {i} POSTs"));
                break;
            }
            let line = synthetic(&mut rng, &format!("load-post-{i}"));
            let request = Request::post("/api/documents")
                .header("host", addr.to_string())
                .header("content-type", "application/x-ndjson")
                .body(Full::new(Bytes::from(line)))
                .expect("a valid request");
            let sent = Instant::now();
            match exchange(&mut sender, request).await {
                Ok((200, body)) => {
                    latencies.push(sent.elapsed());
                    let summary: serde_json::Value =
                        serde_json::from_slice(&body).unwrap_or_default();
                    added += summary["added"].as_u64().unwrap_or(0) as usize;
                }
                Ok((status, body)) => {
                    errors.push(format!("POST: {status} {}", String::from_utf8_lossy(&body)))
                }
                Err(e) => errors.push(format!("POST: {e}")),
            }
        }
        (latencies, errors, added)
    });

    let mut latencies = Vec::new();
    let mut errors = Vec::new();
    for reader in readers {
        let (l, e) = reader.await?;
        latencies.extend(l);
        errors.extend(e);
    }
    let read_seconds = run_started.elapsed().as_secs_f64();
    let (mut post_latencies, post_errors, added) = writer.await?;
    let total_seconds = run_started.elapsed().as_secs_f64();
    latencies.sort_unstable();
    post_latencies.sort_unstable();

    // Every POSTed document is in the store.
    let posted_stored = state
        .read(|s| Ok(s.documents(Some("\"load post\""), 1, 0)?.total))
        .await
        .map_err(|e| e.message)?;
    let _ = stop.send(());
    let _ = server.await;

    println!(
        "GET /api/events: {} requests in {:.2} s = {:.0} requests/s; latency p50 {:.2} ms, \
         p99 {:.2} ms, max {:.2} ms; {} errors",
        latencies.len(),
        read_seconds,
        latencies.len() as f64 / read_seconds.max(1e-9),
        ms(percentile(&latencies, 50.0)),
        ms(percentile(&latencies, 99.0)),
        ms(latencies.last().copied().unwrap_or_default()),
        errors.len()
    );
    println!(
        "POST /api/documents (concurrently): {} of {} documents added in {:.2} s; latency \
         p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; {} errors",
        added,
        posts,
        total_seconds,
        ms(percentile(&post_latencies, 50.0)),
        ms(percentile(&post_latencies, 99.0)),
        ms(post_latencies.last().copied().unwrap_or_default()),
        post_errors.len()
    );
    let complete = latencies.len() == options.requests;
    println!(
        "store check: {posted_stored} of {posts} POSTed documents in the store{}",
        if posted_stored as usize == posts {
            " (none lost)"
        } else {
            " (SOME LOST)"
        }
    );
    for e in errors.iter().chain(&post_errors).take(10) {
        eprintln!("error: {e}");
    }
    let _ = std::fs::remove_dir_all(&dir);
    if !complete || !errors.is_empty() || !post_errors.is_empty() || posted_stored as usize != posts
    {
        eprintln!(
            "load: FAILED ({} of {} GETs done, {} errors)",
            latencies.len(),
            options.requests,
            errors.len() + post_errors.len()
        );
        std::process::exit(1);
    }
    Ok(())
}
