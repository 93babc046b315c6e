//! Who may call the server, checked before any handler runs:
//!
//! - **Host names** ([`guard_host`]): a request is answered only when its `Host` is an IP
//!   address, `localhost` (or a `*.localhost` name), or a name given with `--host`. A web
//!   page cannot then read the API through DNS rebinding (its own name pointed at
//!   127.0.0.1: the browser sends that name as `Host`).
//! - **Writes** ([`guard_writes`]): refused on a read-only server (403); refused from
//!   another site (403): a browser's `Origin` must be the server's own (same host and
//!   port as `Host`) or the one `--cors` origin, and `Sec-Fetch-Site` must not say
//!   `cross-site` or `same-site`, so that a page the operator visits cannot store
//!   documents through a tokenless loopback server (clients that are not browsers send
//!   neither header); with a token, the bearer token (401).
//! - **CORS** ([`CorsOrigin`]): off by default; `--cors ORIGIN` lets that one origin read and
//!   write from a browser, `--cors '*'` lets any origin read, never write.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::state::{AppState, ServerConfig};

/// The `--cors` setting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CorsOrigin {
    /// `*`: any origin may read (GET), none may write.
    AnyReads,
    /// One origin (`https://app.example:8443`) may read and write.
    Only(String),
}

impl CorsOrigin {
    /// Parses a `--cors` value: `*`, or an origin `http(s)://host[:port]` (a trailing `/`
    /// is dropped); anything else is an error saying what an origin is.
    pub fn parse(value: &str) -> Result<CorsOrigin, String> {
        let value = value.trim();
        if value == "*" {
            return Ok(CorsOrigin::AnyReads);
        }
        let invalid = || {
            format!(
                "{value:?} is not an origin: give scheme, host and optional port, as in \
                 https://app.example or http://localhost:5173 (or * for reads from anywhere)"
            )
        };
        let origin = value
            .strip_suffix('/')
            .unwrap_or(value)
            .to_ascii_lowercase();
        let (scheme, authority) = origin.split_once("://").ok_or_else(invalid)?;
        let (host, port) = split_port(authority);
        let host_ok = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-[]:".contains(c));
        let port_ok = port.is_none_or(|p| !p.is_empty() && p.parse::<u16>().is_ok());
        if !matches!(scheme, "http" | "https") || !host_ok || !port_ok {
            return Err(invalid());
        }
        Ok(CorsOrigin::Only(origin))
    }
}

/// Checks a `--host` value: a DNS name (letters, digits, `-`, `.`), or `*` (any name).
pub fn parse_host_name(value: &str) -> Result<String, String> {
    let name = value.trim().trim_end_matches('.').to_ascii_lowercase();
    let valid = name == "*"
        || (!name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.'));
    if !valid {
        return Err(format!(
            "{value:?} is not a host name: give a name as clients type it (dyad.example.org), \
             without scheme or port, or * for any"
        ));
    }
    Ok(name)
}

/// `host[:port]` → (host, port); `[v6]:port` keeps its brackets on the host.
fn split_port(authority: &str) -> (&str, Option<&str>) {
    if authority.starts_with('[') {
        return match authority.split_once("]:") {
            Some((host, port)) => (&authority[..host.len() + 1], Some(port)),
            None => (authority, None),
        };
    }
    match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    }
}

/// Whether the server answers to a `Host` header value: IP addresses, `localhost` and
/// `*.localhost`, and the `--host` names (`*`: any).
pub fn host_allowed(value: &str, names: &[String]) -> bool {
    let (host, _) = split_port(value.trim());
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let literal = host.trim_start_matches('[').trim_end_matches(']');
    literal.parse::<std::net::IpAddr>().is_ok()
        || host == "localhost"
        || host.ends_with(".localhost")
        || names.iter().any(|n| n == "*" || *n == host)
}

/// Refuses a request whose `Host` the server does not answer to (403).
pub async fn guard_host(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if let Some(value) = request.headers().get(header::HOST) {
        let host = value.to_str().unwrap_or("(not text)");
        if !host_allowed(host, &state.shared.config.hosts) {
            return ApiError::new(
                StatusCode::FORBIDDEN,
                format!(
                    "Host {host:?} is not served: this server answers to IP addresses, \
                     localhost and the names given with --host (a guard against DNS \
                     rebinding)"
                ),
            )
            .into_response();
        }
    }
    next.run(request).await
}

/// Why a write comes from another site, if it does: see the module docs.
fn cross_site(headers: &HeaderMap, config: &ServerConfig) -> Option<String> {
    let text = |name: header::HeaderName| {
        headers.get(name).map(|v| {
            v.to_str()
                .unwrap_or("(not text)")
                .trim()
                .to_ascii_lowercase()
        })
    };
    if let Some(origin) = text(header::ORIGIN) {
        let same = origin
            .split_once("://")
            .is_some_and(|(_, authority)| text(header::HOST).is_some_and(|h| h == authority));
        let allowed = matches!(&config.cors, Some(CorsOrigin::Only(o)) if *o == origin);
        return (!same && !allowed).then(|| format!("Origin {origin:?}"));
    }
    let site = text(header::HeaderName::from_static("sec-fetch-site"))?;
    matches!(site.as_str(), "cross-site" | "same-site").then(|| format!("Sec-Fetch-Site {site:?}"))
}

/// Checks writes before their body is read: a read-only server answers 403, so does a
/// write from another site; with a token configured, a request without
/// `Authorization: Bearer <token>` answers 401.
pub async fn guard_writes(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let method = request.method();
    if method == Method::GET || method == Method::HEAD || method == Method::OPTIONS {
        return next.run(request).await;
    }
    let config = &state.shared.config;
    if config.read_only {
        return ApiError::new(
            StatusCode::FORBIDDEN,
            "the server is read-only (started with --read-only, or bound beyond loopback \
             without a token)",
        )
        .into_response();
    }
    if let Some(sender) = cross_site(request.headers(), config) {
        return ApiError::new(
            StatusCode::FORBIDDEN,
            format!(
                "{sender}: writes from another site are refused (a page in a browser may not \
                 store documents here; --cors ORIGIN allows one origin)"
            ),
        )
        .into_response();
    }
    if let Some(token) = &config.token {
        let given = request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim());
        let authorised = given.is_some_and(|g| constant_time_eq(g.as_bytes(), token.as_bytes()));
        if !authorised {
            let message = if given.is_some() {
                "Authorization: wrong bearer token"
            } else {
                "Authorization: this server needs `Authorization: Bearer <token>` for writes"
            };
            return ApiError::new(StatusCode::UNAUTHORIZED, message).into_response();
        }
    }
    next.run(request).await
}

/// Compares two secrets in time that depends on their lengths only.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare_whole() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
    }

    #[test]
    fn hosts_are_addresses_localhost_or_named() {
        let named = vec!["dyad.example.org".to_string()];
        for host in [
            "127.0.0.1:8080",
            "127.0.0.1",
            "[::1]:8080",
            "[::1]",
            "192.168.1.20:80",
            "localhost:8080",
            "LOCALHOST",
            "app.localhost:5173",
            "dyad.example.org:8080",
            "dyad.example.org.",
        ] {
            assert!(host_allowed(host, &named), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:8080",
            "127.0.0.1.evil.example",
            "dyad.example.org.evil",
        ] {
            assert!(!host_allowed(host, &named), "{host}");
        }
        assert!(host_allowed("anything.example", &["*".to_string()]));
    }

    #[test]
    fn cors_values_are_origins_or_a_star() {
        assert_eq!(CorsOrigin::parse("*"), Ok(CorsOrigin::AnyReads));
        assert_eq!(
            CorsOrigin::parse("https://App.example/"),
            Ok(CorsOrigin::Only("https://app.example".into()))
        );
        assert_eq!(
            CorsOrigin::parse("http://localhost:5173"),
            Ok(CorsOrigin::Only("http://localhost:5173".into()))
        );
        for bad in [
            "app.example",
            "ftp://app.example",
            "https://app.example/path",
            "https://",
            "https://app.example:port",
            "https://user@app.example",
            "",
        ] {
            let err = CorsOrigin::parse(bad).unwrap_err();
            assert!(err.contains("is not an origin"), "{bad}: {err}");
        }
        assert_eq!(
            parse_host_name("Dyad.Example.org."),
            Ok("dyad.example.org".into())
        );
        assert!(parse_host_name("https://dyad.example.org").is_err());
    }
}
