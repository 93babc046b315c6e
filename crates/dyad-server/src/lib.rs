//! The dyad HTTP server (`dyad serve`, `dyad demo`): a JSON API over the store and the
//! embedded web UI, from one binary, offline.
//!
//! - [`router`] builds the axum router of every route in [`API_ROUTES`] (described for
//!   people in `docs/api.md`, for machines in `openapi.json`, served at
//!   `/api/openapi.json`), the UI at `/` and `/assets/...` ([`assets`]), JSON errors for
//!   unknown routes (404) and methods (405) ([`error`]).
//! - Reads run on a pool of store connections, writes (`POST /api/documents`, see
//!   [`ingest`]) through one writer ([`state`]).
//! - Limits: request bodies as sent, as declared and as decompressed (`max_body`, 413),
//!   documents per POST (`max_documents`, 413), store time per read (`read_budget`, 503),
//!   request time (408), time to send headers
//!   (the connection closes); [`guard`]: requests for unknown `Host` names are refused
//!   (403), and so are writes from another site (403), writes without the bearer token
//!   when one is configured (401) and writes to a read-only server (403) — a server bound
//!   beyond loopback without a token is read-only ([`ServerConfig::secure_for`]); CORS is
//!   off unless `--cors` names one origin (or `*`, for reads only); every answer carries
//!   `nosniff` and a strict Content-Security-Policy.
//! - [`serve`] runs the router on a listener until a shutdown signal, then finishes the
//!   requests in flight.

pub mod assets;
mod conn;
pub mod error;
pub mod examples;
pub mod guard;
pub mod handlers;
pub mod ingest;
pub mod openapi;
pub mod params;
pub mod state;

use std::future::Future;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use tower_http::cors::CorsLayer;
use tower_http::timeout::TimeoutLayer;

pub use error::ApiError;
pub use guard::CorsOrigin;
pub use state::{AppState, ServerConfig, StartError};

/// Every API route as (method, path template), as the router and `openapi.json` have
/// them.
pub const API_ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/health"),
    ("GET", "/api/stats"),
    ("GET", "/api/events"),
    ("GET", "/api/events/{id}"),
    ("GET", "/api/actors"),
    ("GET", "/api/dyads"),
    ("GET", "/api/timeline"),
    ("GET", "/api/network"),
    ("GET", "/api/places"),
    ("GET", "/api/documents"),
    ("POST", "/api/documents"),
    ("GET", "/api/documents/{id}"),
    ("GET", "/api/openapi.json"),
];

/// The Content-Security-Policy of every answer: the UI's own scripts, styles and data only.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; \
connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// An error answer that is not JSON (the timeout layer's empty 408, axum's plain-text
/// rejections of a path that is not UTF-8 ...) as the API's JSON error with its status;
/// other answers as they are.
async fn as_json_error(response: Response) -> Response {
    use axum::response::IntoResponse;
    let status = response.status();
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let text = axum::body::to_bytes(response.into_body(), 64 * 1024)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .unwrap_or_default();
    let message = if status == StatusCode::REQUEST_TIMEOUT {
        "the request took longer than the server allows (its body arrived too slowly?)".to_string()
    } else if text.is_empty() {
        status.canonical_reason().unwrap_or("error").to_string()
    } else {
        text
    };
    ApiError::new(status, message).into_response()
}

/// Adds the security headers to every answer.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = as_json_error(next.run(request).await).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    response
}

/// The router: API, UI, limits and headers.
pub fn router(state: AppState) -> Router {
    let config = state.shared.config.clone();
    let mut app = Router::new()
        .route("/api/health", get(handlers::health))
        .route("/api/stats", get(handlers::stats))
        .route("/api/events", get(handlers::events))
        .route("/api/events/{id}", get(handlers::event))
        .route("/api/actors", get(handlers::actors))
        .route("/api/dyads", get(handlers::dyads))
        .route("/api/timeline", get(handlers::timeline))
        .route("/api/network", get(handlers::network))
        .route("/api/places", get(handlers::places))
        .route(
            "/api/documents",
            // The guard wraps the POST only: other methods get their 405 unguarded.
            post(handlers::post_documents)
                .route_layer(middleware::from_fn_with_state(
                    state.clone(),
                    guard::guard_writes,
                ))
                .get(handlers::documents),
        )
        .route("/api/documents/{id}", get(handlers::document))
        .route("/api/openapi.json", get(handlers::openapi))
        .route("/", get(assets::index))
        .route("/index.html", get(assets::index))
        .route("/assets/{*path}", get(assets::asset))
        .fallback(error::not_found)
        .method_not_allowed_fallback(error::method_not_allowed)
        .with_state(state.clone())
        .layer(DefaultBodyLimit::max(config.max_body))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.request_timeout,
        ));
    match &config.cors {
        Some(CorsOrigin::AnyReads) => {
            app = app.layer(
                CorsLayer::new()
                    .allow_origin(tower_http::cors::Any)
                    .allow_methods([Method::GET])
                    .allow_headers([header::CONTENT_TYPE]),
            );
        }
        Some(CorsOrigin::Only(origin)) => {
            // A value CorsOrigin::parse did not make may not be a header: no CORS then.
            if let Ok(origin) = HeaderValue::from_str(origin) {
                app = app.layer(
                    CorsLayer::new()
                        .allow_origin(origin)
                        .allow_methods([Method::GET, Method::POST])
                        .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION]),
                );
            }
        }
        None => {}
    }
    app.layer(middleware::from_fn_with_state(state, guard::guard_host))
        .layer(middleware::from_fn(security_headers))
}

/// Serves `app` on `listener` until `shutdown` completes, then lets the requests in
/// flight finish (at most `grace`). Clients get `header_timeout` to send a request's
/// headers, so slow or idle connections cannot pile up.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    header_timeout: Duration,
    shutdown: impl Future<Output = ()> + Send,
) -> std::io::Result<()> {
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(header_timeout);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors and the like: wait rather than spin.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let stream = conn::JsonParseErrors::new(stream);
        let connection = builder.serve_connection(hyper_util::rt::TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
        });
    }
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(Duration::from_secs(10)) => {}
    }
    Ok(())
}

/// Completes on Ctrl-C (and SIGTERM on Unix).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
