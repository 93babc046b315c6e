//! The JSON API's handlers, one per route of `docs/api.md`. Each parses its parameters
//! ([`crate::params`]), runs its store read on a pooled connection and answers JSON.

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use dyad_store::{Intake, StoredEvent};
use serde::Serialize;
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::ingest::{self, BodyKind, BodyLimits, Coding, Overrides};
use crate::params::{Params, EVENT_FILTERS};
use crate::state::AppState;

/// Most events in one page.
pub const MAX_EVENTS_LIMIT: usize = 500;
/// Most rows of the actor, dyad, network and place views.
pub const MAX_SUMMARY_LIMIT: usize = 2_000;

/// An event as the API gives it: the store's event plus its numeric `store_id`.
#[derive(Serialize)]
pub struct ApiEvent {
    #[serde(flatten)]
    pub event: StoredEvent,
    pub store_id: i64,
}

impl ApiEvent {
    fn from_stored(event: StoredEvent) -> ApiEvent {
        let store_id = event.event.id.parse().unwrap_or(0);
        ApiEvent { event, store_id }
    }
}

fn with<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut names = EVENT_FILTERS.to_vec();
    names.extend_from_slice(extra);
    names
}

/// A path id: a positive integer.
fn path_id(what: &str, raw: &str) -> Result<i64, ApiError> {
    match raw.parse::<i64>() {
        Ok(id) if id > 0 => Ok(id),
        _ => Err(ApiError::bad_request(format!(
            "{what} id: expected a positive whole number, got {raw:?}"
        ))),
    }
}

/// `GET /api/health`.
pub async fn health(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    Params::parse(raw.as_deref(), &[])?;
    let read_only = state.shared.config.read_only;
    let token = state.shared.config.token.is_some();
    state
        .read(move |store| {
            let stats = store.stats()?;
            Ok(Json(json!({
                "status": "ok",
                "version": env!("CARGO_PKG_VERSION"),
                "schema_version": store.schema_version()?,
                "documents": stats.documents,
                "events": stats.events,
                "read_only": read_only,
                "token_required": token,
            })))
        })
        .await
}

/// `GET /api/stats`.
pub async fn stats(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::parse(raw.as_deref(), EVENT_FILTERS)?;
    let query = params.event_query()?;
    let overview = state
        .read(move |store| Ok(store.overview_of(&query)?))
        .await?;
    Ok(Json(overview).into_response())
}

/// `GET /api/events`.
pub async fn events(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<EventsPage>, ApiError> {
    let params = Params::parse(raw.as_deref(), &with(&["sort", "limit", "offset"]))?;
    let mut query = params.event_query()?;
    let limit = params.limit(50, MAX_EVENTS_LIMIT)?;
    let offset = params.offset()?;
    query.sort = params.sort()?;
    query.limit = Some(limit);
    query.offset = offset;
    state
        .read(move |store| {
            let total = store.count_events(&query)?;
            let events: Vec<ApiEvent> = store
                .events(&query)?
                .into_iter()
                .map(ApiEvent::from_stored)
                .collect();
            Ok(Json(EventsPage {
                total,
                limit,
                offset,
                events,
            }))
        })
        .await
}

/// A page of `GET /api/events`.
#[derive(Serialize)]
pub struct EventsPage {
    pub total: u64,
    pub limit: usize,
    pub offset: usize,
    pub events: Vec<ApiEvent>,
}

/// `GET /api/events/{id}`.
pub async fn event(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    Params::parse(raw.as_deref(), &[])?;
    let id = path_id("event", &raw_id)?;
    state
        .read(move |store| {
            let Some(event) = store.event(id)? else {
                return Err(ApiError::not_found(format!("no event {id}")));
            };
            let reports = store.event_reports(id)?;
            Ok(Json(json!({
                "event": ApiEvent::from_stored(event),
                "reports": reports,
            })))
        })
        .await
}

/// `GET /api/actors`.
pub async fn actors(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let params = Params::parse(
        raw.as_deref(),
        &["actor", "since", "until", "status", "limit"],
    )?;
    let limit = params.limit(100, MAX_SUMMARY_LIMIT)?;
    let query = params.summary_query(limit)?;
    state
        .read(move |store| Ok(Json(json!({ "actors": store.actor_summary(&query)? }))))
        .await
}

/// `GET /api/dyads`.
pub async fn dyads(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let params = Params::parse(
        raw.as_deref(),
        &["actor", "dyad", "since", "until", "status", "limit"],
    )?;
    // The store's dyads as they are: a pair of one code with itself is a domestic dyad
    // (an army against rebels of one country), and reciprocal events add no self-pairs.
    let query = params.summary_query(params.limit(20, MAX_SUMMARY_LIMIT)?)?;
    state
        .read(move |store| {
            let dyads: Vec<Value> = store
                .dyad_summary(&query)?
                .into_iter()
                .filter_map(|d| {
                    let mut value = serde_json::to_value(d).ok()?;
                    if let Some(object) = value.as_object_mut() {
                        object.remove("month");
                    }
                    Some(value)
                })
                .collect();
            Ok(Json(json!({ "dyads": dyads })))
        })
        .await
}

/// `GET /api/timeline`.
pub async fn timeline(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let params = Params::parse(raw.as_deref(), &with(&["interval"]))?;
    let query = params.event_query()?;
    let interval = params.interval()?;
    state
        .read(move |store| {
            Ok(Json(json!({
                "interval": interval,
                "buckets": store.timeline(&query, interval)?,
            })))
        })
        .await
}

/// `GET /api/network`.
pub async fn network(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::parse(raw.as_deref(), &with(&["limit"]))?;
    let query = params.event_query()?;
    let limit = params.limit(100, MAX_SUMMARY_LIMIT)?;
    let network = state
        .read(move |store| Ok(store.network(&query, limit)?))
        .await?;
    Ok(Json(network).into_response())
}

/// `GET /api/places`.
pub async fn places(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let params = Params::parse(raw.as_deref(), &with(&["limit"]))?;
    let query = params.event_query()?;
    let limit = params.limit(500, MAX_SUMMARY_LIMIT)?;
    state
        .read(move |store| Ok(Json(json!({ "places": store.places(&query, limit)? }))))
        .await
}

/// `GET /api/documents`.
pub async fn documents(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::parse(raw.as_deref(), &["q", "limit", "offset"])?;
    let limit = params.limit(50, MAX_EVENTS_LIMIT)?;
    let offset = params.offset()?;
    let search = params.search("q")?;
    let page = state
        .read(move |store| Ok(store.documents(search.as_deref(), limit, offset)?))
        .await?;
    Ok(Json(page).into_response())
}

/// `GET /api/documents/{id}`.
pub async fn document(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Value>, ApiError> {
    Params::parse(raw.as_deref(), &[])?;
    let id = path_id("document", &raw_id)?;
    state
        .read(move |store| {
            let Some((document, events)) = store.document_view(id)? else {
                return Err(ApiError::not_found(format!("no document {id}")));
            };
            Ok(Json(json!({ "document": document, "events": events })))
        })
        .await
}

/// `POST /api/documents`: ingests the body (see [`crate::ingest`]). The token and
/// read-only checks run before the body is read ([`crate::guard_writes`]), and so do the
/// checks of its headers: content type and encoding (415), declared length (413), query
/// parameters (400).
pub async fn post_documents(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    request: axum::extract::Request,
) -> Result<Json<ingest::IngestSummary>, ApiError> {
    let headers = request.headers();
    let kind = body_kind(headers)?;
    let codings = match headers.get(header::CONTENT_ENCODING) {
        Some(value) => Coding::parse_header(value.to_str().unwrap_or("(not text)"))
            .map_err(|e| ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, e))?,
        None => Vec::new(),
    };
    let max_body = state.shared.config.max_body;
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("body: larger than the limit of {max_body} bytes (--max-body)"),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > max_body as u64) {
        return Err(too_large());
    }
    let params = Params::parse(
        raw.as_deref(),
        &["id", "url", "title", "source", "published", "any_language"],
    )?;
    let overrides = Overrides {
        id: params.text("id")?,
        url: params.text("url")?,
        title: params.text("title")?,
        source: params.text("source")?,
        published: params.published("published")?,
    };
    let intake = Intake {
        any_language: params.flag("any_language")?,
        published: overrides.published,
    };
    let body = axum::body::to_bytes(request.into_body(), max_body)
        .await
        .map_err(|e| {
            let over = std::error::Error::source(&e)
                .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
            if over {
                too_large()
            } else {
                ApiError::bad_request(format!("body: {e}"))
            }
        })?;
    let limits = BodyLimits {
        bytes: max_body,
        documents: state.shared.config.max_documents,
    };
    let (documents, skipped) = tokio::task::spawn_blocking(move || {
        let plain = ingest::decode(body.to_vec(), &codings, limits.bytes)?;
        ingest::read_body(kind, &plain, &overrides, limits)
    })
    .await
    .map_err(|e| ApiError::internal(format!("reading task failed: {e}")))??;
    Ok(Json(
        ingest::ingest(&state, documents, skipped, intake).await?,
    ))
}

/// The reader for a body's `Content-Type` (415 for a type the server does not read).
fn body_kind(headers: &HeaderMap) -> Result<BodyKind, ApiError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    BodyKind::from_content_type(content_type).ok_or_else(|| {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!(
                "Content-Type {content_type:?} is not read: send application/x-ndjson, \
                 application/jsonl, application/json, text/html or text/plain"
            ),
        )
    })
}

/// `GET /api/openapi.json`.
pub async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        crate::openapi::OPENAPI_JSON,
    )
        .into_response()
}
