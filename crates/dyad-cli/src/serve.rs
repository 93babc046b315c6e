//! `dyad serve` (the HTTP API and web UI over a store) and `dyad demo` (the bundled
//! example articles ingested into a fresh store, then served): thin wrappers over
//! [`dyad_server`]. Both print `listening on http://ADDR` once the socket is bound and stop
//! gracefully on Ctrl-C.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use dyad_server::{AppState, ServerConfig};

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// The store file (created when absent).
    #[arg(long, value_name = "PATH", default_value = "dyad.db")]
    store: PathBuf,
    /// Address to listen on. Beyond loopback without a token, the server is read-only.
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Bearer token that writes (POST /api/documents) need.
    #[arg(long, value_name = "TOKEN", env = "DYAD_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// Largest request body in bytes, as sent and once decompressed.
    #[arg(long, value_name = "BYTES", default_value_t = dyad_server::state::DEFAULT_MAX_BODY)]
    max_body: usize,
    /// Most documents in one POST.
    #[arg(long, value_name = "N", default_value_t = dyad_server::state::DEFAULT_MAX_DOCUMENTS)]
    max_documents: usize,
    /// Allow this origin (https://app.example) to read and write from a browser, or
    /// `*` any origin to read (CORS is off by default).
    #[arg(long, value_name = "ORIGIN", value_parser = dyad_server::CorsOrigin::parse)]
    cors: Option<dyad_server::CorsOrigin>,
    /// A host name clients use to reach the server (repeatable; `*`: any). IP addresses
    /// and localhost are always answered; other names are refused (DNS rebinding).
    #[arg(long = "host", value_name = "NAME", value_parser = dyad_server::guard::parse_host_name)]
    hosts: Vec<String>,
    /// Refuse every write (POST answers 403) and open the store read-only (it may be a
    /// read-only file or on a read-only mount).
    #[arg(long)]
    read_only: bool,
}

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// Address to listen on.
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// The store to create (default: a new file in the temporary directory, removed when
    /// the demo stops). An existing store is used as it is, with the examples added.
    #[arg(long, value_name = "PATH")]
    store: Option<PathBuf>,
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

/// Binds, prints the URL and serves until Ctrl-C.
async fn listen(
    mut config: ServerConfig,
    addr: SocketAddr,
    state: Option<AppState>,
) -> anyhow::Result<u8> {
    if let Some(notice) = config.secure_for(addr) {
        eprintln!("dyad: {notice}");
    }
    let state = match state {
        Some(state) => state,
        None => AppState::open(config.clone())
            .with_context(|| format!("opening {}", config.store.display()))?,
    };
    let header_timeout = state.shared.config.header_timeout;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    let bound = listener.local_addr()?;
    println!("listening on http://{bound}");
    let app = dyad_server::router(state);
    dyad_server::serve(
        listener,
        app,
        header_timeout,
        dyad_server::shutdown_signal(),
    )
    .await?;
    eprintln!("dyad: stopped");
    Ok(0)
}

/// `dyad serve`.
pub fn run_serve(args: ServeArgs) -> anyhow::Result<u8> {
    let mut config = ServerConfig::new(&args.store);
    config.token = args.token.filter(|t| !t.is_empty());
    config.max_body = args.max_body;
    config.max_documents = args.max_documents.max(1);
    config.cors = args.cors;
    config.hosts = args.hosts;
    config.read_only = args.read_only;
    runtime()?.block_on(listen(config, args.addr, None))
}

/// `dyad demo`.
pub fn run_demo(args: DemoArgs) -> anyhow::Result<u8> {
    let temporary = args.store.is_none();
    let store = args.store.unwrap_or_else(|| {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or_default();
        std::env::temp_dir().join(format!("dyad-demo-{}-{stamp}.db", std::process::id()))
    });
    let mut config = ServerConfig::new(&store);
    // The examples go in through a writable state; the demo has no token, so beyond
    // loopback it then serves read-only, as `serve` does.
    let loader =
        AppState::open(config.clone()).with_context(|| format!("opening {}", store.display()))?;
    if let Some(notice) = config.secure_for(args.addr) {
        eprintln!("dyad: {notice}");
    }
    runtime()?.block_on(async move {
        let summary = dyad_server::examples::load_examples(&loader)
            .await
            .map_err(|e| anyhow::anyhow!("ingesting the examples: {}", e.message))?;
        let state = if config.read_only {
            let pipeline = std::sync::Arc::clone(&loader.shared.pipeline);
            drop(loader);
            AppState::with_pipeline(config.clone(), pipeline)
                .with_context(|| format!("opening {}", store.display()))?
        } else {
            loader
        };
        eprintln!(
            "dyad: demo store {}: {} example documents added ({} already there), {} events",
            store.display(),
            summary.added,
            summary.duplicates,
            summary.events
        );
        let served = listen(config, args.addr, Some(state)).await;
        if temporary {
            // The demo's own store goes with it.
            for suffix in ["", "-wal", "-shm"] {
                let mut path = store.clone().into_os_string();
                path.push(suffix);
                let _ = std::fs::remove_file(path);
            }
        }
        served
    })
}
