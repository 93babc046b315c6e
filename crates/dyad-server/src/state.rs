//! The server's shared state: its configuration, a small pool of read connections to the
//! store (rusqlite connections are not `Sync`: each request borrows one inside
//! `spawn_blocking`), the one writer connection behind a mutex, and the extraction
//! pipeline, built once.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use dyad_core::Pipeline;
use dyad_store::Store;
use tokio::sync::Semaphore;

use crate::error::ApiError;

/// Default largest request body (16 MiB), as sent and once decompressed.
pub const DEFAULT_MAX_BODY: usize = 16 * 1024 * 1024;
/// Default most documents (records) in one POST.
pub const DEFAULT_MAX_DOCUMENTS: usize = 5_000;
/// Default time a request may take, body included.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// Default number of read connections.
pub const DEFAULT_READERS: usize = 8;
/// Default store time one read request may take before its query is stopped (503).
pub const DEFAULT_READ_BUDGET: Duration = Duration::from_secs(2);

/// How the server runs.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// The store file (created when absent, unless the server is read-only).
    pub store: PathBuf,
    /// The bearer token writes need, when set.
    pub token: Option<String>,
    /// Largest request body in bytes, as sent and once decompressed (413 beyond; a
    /// declared `Content-Length` beyond is refused before the body is read).
    pub max_body: usize,
    /// Most documents (records) in one POST (413 beyond, nothing stored).
    pub max_documents: usize,
    /// The one origin allowed to call the API from a browser (CORS), or any origin for
    /// reads only; none by default.
    pub cors: Option<crate::CorsOrigin>,
    /// Host names the server answers to besides IP addresses and `localhost`
    /// (`--host`; `*`: any).
    pub hosts: Vec<String>,
    /// Refuse writes (POST → 403).
    pub read_only: bool,
    /// Time a request may take, reading its body included (408 beyond).
    pub request_timeout: Duration,
    /// Time a client may take to send a request's headers (the connection closes beyond).
    pub header_timeout: Duration,
    /// Read connections to the store.
    pub readers: usize,
    /// Store time one read request may take: a query still running then is stopped and
    /// the request answers 503, so that one broad query cannot hold a read connection
    /// (and the requests waiting for one) for long.
    pub read_budget: Duration,
}

impl ServerConfig {
    /// The defaults for a store file.
    pub fn new(store: impl Into<PathBuf>) -> ServerConfig {
        ServerConfig {
            store: store.into(),
            token: None,
            max_body: DEFAULT_MAX_BODY,
            max_documents: DEFAULT_MAX_DOCUMENTS,
            cors: None,
            hosts: Vec::new(),
            read_only: false,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            header_timeout: Duration::from_secs(10),
            readers: DEFAULT_READERS,
            read_budget: DEFAULT_READ_BUDGET,
        }
    }

    /// The write policy for a bind address: without a token, a server bound beyond the
    /// loopback interface accepts no writes (it starts read-only). Returns a notice to
    /// print when writes were turned off.
    pub fn secure_for(&mut self, addr: SocketAddr) -> Option<String> {
        if self.token.is_none() && !addr.ip().is_loopback() && !self.read_only {
            self.read_only = true;
            return Some(format!(
                "{addr} is not a loopback address and no token is set (--token or DYAD_TOKEN): \
                 serving read-only, POST /api/documents answers 403"
            ));
        }
        None
    }
}

/// Errors starting the server.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("store: {0}")]
    Store(#[from] dyad_store::StoreError),
    #[error("pipeline: {0}")]
    Pipeline(#[from] dyad_core::PipelineError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// What every handler shares.
pub struct Shared {
    pub config: ServerConfig,
    pub pipeline: Arc<Pipeline>,
    readers: Mutex<Vec<Store>>,
    reader_permits: Semaphore,
    /// None on a read-only server: its store is opened for reading only.
    pub(crate) writer: Option<Mutex<Store>>,
}

/// The server's state, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub shared: Arc<Shared>,
}

impl AppState {
    /// Opens the store (creating it when absent) and builds the embedded pipeline.
    pub fn open(config: ServerConfig) -> Result<AppState, StartError> {
        let pipeline = Arc::new(Pipeline::embedded()?);
        AppState::with_pipeline(config, pipeline)
    }

    /// As [`AppState::open`], with a pipeline already built. A read-only server opens an
    /// existing store for reading only (it may live on a read-only file or mount).
    pub fn with_pipeline(
        config: ServerConfig,
        pipeline: Arc<Pipeline>,
    ) -> Result<AppState, StartError> {
        let writer = if config.read_only {
            prepare_read_only(&config.store)?;
            None
        } else {
            Some(Mutex::new(Store::open(&config.store)?))
        };
        let readers = config.readers.max(1);
        let first_reader = open_reader(&config)?;
        Ok(AppState {
            shared: Arc::new(Shared {
                pipeline,
                readers: Mutex::new(vec![first_reader]),
                reader_permits: Semaphore::new(readers),
                writer,
                config,
            }),
        })
    }

    /// Runs `f` with a read connection on the blocking pool. At most `readers`
    /// connections are open; more requests wait for one. `f`'s queries have
    /// `read_budget` of store time.
    pub async fn read<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        let _permit = self
            .shared
            .reader_permits
            .acquire()
            .await
            .map_err(|_| ApiError::internal("the server is shutting down"))?;
        let shared = Arc::clone(&self.shared);
        tokio::task::spawn_blocking(move || {
            let pooled = shared
                .readers
                .lock()
                .map_err(|_| ApiError::internal("read pool poisoned"))?
                .pop();
            let store = match pooled {
                Some(store) => store,
                None => open_reader(&shared.config)?,
            };
            store.set_deadline(Some(std::time::Instant::now() + shared.config.read_budget));
            let result = f(&store);
            store.set_deadline(None);
            if let Ok(mut pool) = shared.readers.lock() {
                pool.push(store);
            }
            result
        })
        .await
        .map_err(|e| ApiError::internal(format!("read task failed: {e}")))?
    }

    /// Runs `f` with the writer connection on the blocking pool (one write at a time).
    pub async fn write<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, ApiError> + Send + 'static,
    {
        let shared = Arc::clone(&self.shared);
        tokio::task::spawn_blocking(move || {
            let Some(writer) = &shared.writer else {
                return Err(ApiError::new(
                    axum::http::StatusCode::FORBIDDEN,
                    "the server is read-only",
                ));
            };
            let mut store = writer
                .lock()
                .map_err(|_| ApiError::internal("store writer poisoned"))?;
            f(&mut store)
        })
        .await
        .map_err(|e| ApiError::internal(format!("write task failed: {e}")))?
    }
}

/// Before a read-only server opens its store for reading only: creates a missing store and
/// upgrades an older one where the file can be written; a read-only file or mount is read
/// as it is (the read-only open then says what is wrong, if anything).
fn prepare_read_only(path: &std::path::Path) -> Result<(), dyad_store::StoreError> {
    use dyad_store::StoreError;
    match Store::open(path) {
        Ok(_) | Err(StoreError::ReadOnly { .. } | StoreError::Open { .. }) => Ok(()),
        Err(e) => Err(e),
    }
}

/// A read connection: read-only on a read-only server.
fn open_reader(config: &ServerConfig) -> Result<Store, dyad_store::StoreError> {
    if config.read_only {
        Store::open_read_only(&config.store)
    } else {
        Store::open(&config.store)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_need_a_token_beyond_loopback() {
        let mut config = ServerConfig::new("x.db");
        assert!(config
            .secure_for("127.0.0.1:8080".parse().unwrap())
            .is_none());
        assert!(!config.read_only);
        assert!(config.secure_for("[::1]:8080".parse().unwrap()).is_none());
        assert!(config.secure_for("0.0.0.0:8080".parse().unwrap()).is_some());
        assert!(config.read_only);

        let mut config = ServerConfig::new("x.db");
        config.token = Some("t".into());
        assert!(config.secure_for("0.0.0.0:8080".parse().unwrap()).is_none());
        assert!(!config.read_only);
    }
}
