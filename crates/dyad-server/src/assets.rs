//! The embedded web UI: every file under `crates/dyad-server/ui/` is compiled into the
//! binary by `build.rs` ([`UI_FILES`]). `GET /` answers `index.html`, `GET /assets/<path>`
//! any other file, with its content type. Files are looked up by exact name in the
//! embedded list, never on the file system, so no request path can reach outside it;
//! paths with `..`, backslashes or empty segments are refused before the lookup anyway.

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

include!(concat!(env!("OUT_DIR"), "/ui_assets.rs"));

/// Served at `/` when the binary was built without a `ui/index.html`.
const NO_UI: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>dyad</title></head>\
<body><h1>dyad</h1><p>This build carries no web UI. The JSON API is at <a href=\"/api/health\">/api/health</a>; \
its description at <a href=\"/api/openapi.json\">/api/openapi.json</a>.</p></body></html>";

/// The embedded file at `path` (relative to `ui/`).
pub fn find(path: &str) -> Option<&'static [u8]> {
    UI_FILES
        .iter()
        .find(|(name, _)| *name == path)
        .map(|(_, bytes)| *bytes)
}

/// Whether a requested asset path is well-formed: relative, `/`-separated, no empty, `.`
/// or `..` segments, no backslashes or control characters.
pub fn is_safe_path(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
        && path
            .split('/')
            .all(|segment| !segment.is_empty() && segment != "." && segment != "..")
}

/// The content type of a file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let extension = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" | "topojson" => "application/json",
        "geojson" => "application/geo+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn file_response(path: &str, bytes: &'static [u8]) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type(path)),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        bytes,
    )
        .into_response()
}

/// `GET /`: the UI's page.
pub async fn index() -> Response {
    match find("index.html") {
        Some(bytes) => file_response("index.html", bytes),
        None => ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], NO_UI).into_response(),
    }
}

/// `GET /assets/{*path}`: one embedded file.
pub async fn asset(Path(path): Path<String>) -> Response {
    if !is_safe_path(&path) {
        return ApiError::new(StatusCode::NOT_FOUND, format!("no asset {path:?}")).into_response();
    }
    match find(&path) {
        Some(bytes) => file_response(&path, bytes),
        None => ApiError::new(StatusCode::NOT_FOUND, format!("no asset {path:?}")).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_paths_are_refused() {
        for bad in [
            "",
            "../Cargo.toml",
            "a/../../b",
            "/etc/passwd",
            "a//b",
            "a\\..\\b",
            "./index.html",
            "a\0b",
        ] {
            assert!(!is_safe_path(bad), "{bad:?}");
        }
        assert!(is_safe_path("app.js"));
        assert!(is_safe_path("maps/world-110m.json"));
    }

    #[test]
    fn content_types_follow_extensions() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("app.JS"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("world.json"), "application/json");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
