//! `dyad serve` (the HTTP API and web UI over a store) and `dyad demo` (the bundled
//! example articles ingested into a fresh store, then served): thin wrappers over
//! [`dyad_server`]. Both bind their address first (a busy port is reported before anything
//! is read or written), print `listening on http://ADDR` and stop gracefully on Ctrl-C.
//! `serve` follows the rule of every store command for a missing store
//! ([`crate::events::require_existing`]): it refuses one unless `--create` asks for a new,
//! empty store; `demo` creates its store, as `ingest` does.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use dyad_server::{AppState, ServerConfig};

#[derive(Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    db: crate::events::DbArg,
    /// Create the store when it does not exist (an empty store that POST /api/documents
    /// fills); without it a missing store is an error, as for every store command.
    #[arg(long)]
    create: bool,
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
    #[arg(long, alias = "store", value_name = "PATH")]
    db: Option<PathBuf>,
}

/// "1 event", "2 events".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

/// Binds `addr`; a busy or unavailable address is an error that says how to choose
/// another.
async fn bind(addr: SocketAddr) -> anyhow::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        let hint = match e.kind() {
            std::io::ErrorKind::AddrInUse => format!(
                "another program is listening on {addr}; choose a free address with --addr \
                 {}:PORT",
                addr.ip()
            ),
            _ => "choose another address with --addr HOST:PORT".to_string(),
        };
        anyhow::anyhow!("binding {addr}: {e} ({hint})")
    })
}

/// Serves on a bound listener until Ctrl-C, after printing the URL.
async fn listen(
    mut config: ServerConfig,
    listener: tokio::net::TcpListener,
    state: Option<AppState>,
) -> anyhow::Result<u8> {
    let addr = listener.local_addr()?;
    if let Some(notice) = config.secure_for(addr) {
        eprintln!("dyad: {notice}");
    }
    let state = match state {
        Some(state) => state,
        None => AppState::open(config.clone())
            .with_context(|| format!("opening {}", config.store.display()))?,
    };
    let header_timeout = state.shared.config.header_timeout;
    let bound = addr;
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
    let store = &args.db.db;
    if !args.create {
        crate::events::require_existing(
            store,
            &format!(
                ", or start an empty one with `dyad serve --create --db {}`",
                store.display()
            ),
        )?;
    }
    let mut config = ServerConfig::new(store);
    config.token = args.token.filter(|t| !t.is_empty());
    config.max_body = args.max_body;
    config.max_documents = args.max_documents.max(1);
    config.cors = args.cors;
    config.hosts = args.hosts;
    config.read_only = args.read_only;
    runtime()?.block_on(async move {
        let listener = bind(args.addr).await?;
        listen(config, listener, None).await
    })
}

/// `dyad demo`.
pub fn run_demo(args: DemoArgs) -> anyhow::Result<u8> {
    let temporary = args.db.is_none();
    let store = args.db.unwrap_or_else(|| {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or_default();
        std::env::temp_dir().join(format!("dyad-demo-{}-{stamp}.db", std::process::id()))
    });
    let mut config = ServerConfig::new(&store);
    if let Some(notice) = config.secure_for(args.addr) {
        eprintln!("dyad: {notice}");
    }
    runtime()?.block_on(async move {
        // The address first: a busy port is reported before the examples are ingested.
        let listener = bind(args.addr).await?;
        // The examples go in through a writable state; the demo has no token, so beyond
        // loopback it then serves read-only, as `serve` does.
        let loader = AppState::open(config.clone())
            .with_context(|| format!("opening {}", store.display()))?;
        let summary = dyad_server::examples::load_examples(&loader)
            .await
            .map_err(|e| anyhow::anyhow!("ingesting the examples: {}", e.message))?;
        let stored = loader
            .read(|s| Ok(s.stats()?))
            .await
            .map_err(|e| anyhow::anyhow!("reading the demo store: {}", e.message))?;
        let state = if config.read_only {
            let pipeline = std::sync::Arc::clone(&loader.shared.pipeline);
            drop(loader);
            AppState::with_pipeline(config.clone(), pipeline)
                .with_context(|| format!("opening {}", store.display()))?
        } else {
            loader
        };
        eprintln!(
            "dyad: demo store {}: {} added ({} already there); {} coded in them; \
             the store holds {} after merging reports of one happening",
            store.display(),
            plural(summary.added, "example document", "example documents"),
            summary.duplicates,
            plural(summary.events, "event report", "event reports"),
            plural(stored.events as usize, "event", "events"),
        );
        let served = listen(config, listener, Some(state)).await;
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
