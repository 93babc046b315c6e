//! Integration tests of the HTTP API: every route over the bundled examples, every error
//! and limit (parameters, ids, routes, methods, body size, content type, malformed JSON,
//! token, read-only, timeouts), CORS, the static UI routes, and a real socket.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use dyad_core::Pipeline;
use dyad_server::{AppState, ServerConfig};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

fn pipeline() -> Arc<Pipeline> {
    static PIPELINE: OnceLock<Arc<Pipeline>> = OnceLock::new();
    Arc::clone(PIPELINE.get_or_init(|| Arc::new(Pipeline::embedded().unwrap())))
}

struct TestServer {
    _dir: tempfile::TempDir,
    state: AppState,
    app: Router,
}

fn server_with(configure: impl FnOnce(&mut ServerConfig)) -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let mut config = ServerConfig::new(dir.path().join("dyad.db"));
    configure(&mut config);
    let state = AppState::with_pipeline(config, pipeline()).unwrap();
    let app = dyad_server::router(state.clone());
    TestServer {
        _dir: dir,
        state,
        app,
    }
}

async fn examples_server() -> TestServer {
    let server = server_with(|_| {});
    let summary = dyad_server::examples::load_examples(&server.state)
        .await
        .unwrap();
    assert!(summary.added >= 10, "{summary:?}");
    assert!(summary.errors.is_empty(), "{summary:?}");
    server
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    bytes: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.bytes)))
    }

    fn error(&self) -> String {
        self.json()["error"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

async fn send(app: &Router, request: Request<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    Answer {
        status,
        headers,
        bytes,
    }
}

async fn get(app: &Router, uri: &str) -> Answer {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn post(app: &Router, uri: &str, content_type: &str, body: impl Into<Body>) -> Answer {
    let request = Request::post(uri)
        .header(header::CONTENT_TYPE, content_type)
        .body(body.into())
        .unwrap();
    send(app, request).await
}

async fn document_count(app: &Router) -> u64 {
    get(app, "/api/health").await.json()["documents"]
        .as_u64()
        .unwrap()
}

const ARTICLE: &str = r#"{"id": "t1", "title": "Russia and China sign gas deal", "text": "MOSCOW — Russia and China signed a long-term gas supply agreement in Moscow on Tuesday, the Kremlin said.", "published": "2025-02-04", "source": "Test Wire"}"#;

#[tokio::test]
async fn every_read_route_answers_over_the_examples() {
    let server = examples_server().await;
    let app = &server.app;

    let health = get(app, "/api/health").await;
    assert_eq!(health.status, StatusCode::OK);
    let health = health.json();
    assert_eq!(health["status"], "ok");
    assert!(health["documents"].as_u64().unwrap() >= 10);
    assert!(health["schema_version"].as_u64().unwrap() >= 1);

    let stats = get(app, "/api/stats").await.json();
    let events = stats["events"].as_u64().unwrap();
    assert!(events > 10, "{stats}");
    let by_type: u64 = stats["by_type"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["count"].as_u64().unwrap())
        .sum();
    assert_eq!(by_type, events);
    let quads: u64 = stats["by_quad"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(quads, events);
    assert!(stats["first"].as_str().unwrap() <= stats["last"].as_str().unwrap());

    let page = get(app, "/api/events?limit=5").await.json();
    assert_eq!(page["total"].as_u64().unwrap(), events);
    assert_eq!(page["limit"], 5);
    let first = &page["events"][0];
    for key in [
        "store_id",
        "event",
        "cameo",
        "goldstein",
        "quad_class",
        "actor",
        "recipient",
        "status",
        "evidence",
        "num_mentions",
        "num_sources",
        "num_articles",
        "documents",
        "sources",
        "claims",
        "trigger",
    ] {
        assert!(first.get(key).is_some(), "event without {key}: {first}");
    }
    let id = first["store_id"].as_i64().unwrap();
    let one = get(app, &format!("/api/events/{id}")).await;
    assert_eq!(one.status, StatusCode::OK);
    let one = one.json();
    assert_eq!(one["event"]["store_id"], id);
    let report = &one["reports"][0];
    for key in [
        "document_id",
        "doc_key",
        "title",
        "published",
        "evidence",
        "status",
        "attribution",
        "denied_by",
        "trigger",
    ] {
        assert!(report.get(key).is_some(), "report without {key}: {report}");
    }
    let document_id = report["document_id"].as_i64().unwrap();

    let document = get(app, &format!("/api/documents/{document_id}")).await;
    assert_eq!(document.status, StatusCode::OK);
    let document = document.json();
    let text = document["document"]["text"].as_str().unwrap();
    assert!(!document["document"]["entities"]
        .as_array()
        .unwrap()
        .is_empty());
    for entity in document["document"]["entities"].as_array().unwrap() {
        for mention in entity["mentions"].as_array().unwrap() {
            let (start, end) = (
                mention["start"].as_u64().unwrap() as usize,
                mention["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(text.get(start..end), mention["text"].as_str(), "{mention}");
        }
    }
    let doc_events = document["events"].as_array().unwrap();
    assert!(doc_events.iter().any(|e| e["store_id"] == id), "{document}");
    for event in doc_events {
        let trigger = &event["trigger"];
        let (start, end) = (
            trigger["start"].as_u64().unwrap() as usize,
            trigger["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(text.get(start..end), trigger["text"].as_str());
    }

    let actors = get(app, "/api/actors?limit=5").await.json();
    let actors = actors["actors"].as_array().unwrap();
    assert!(!actors.is_empty() && actors.len() <= 5);
    assert!(actors[0]["code"].is_string() && actors[0]["events"].as_u64().unwrap() > 0);

    let dyads = get(app, "/api/dyads").await.json();
    let dyads = dyads["dyads"].as_array().unwrap();
    assert!(!dyads.is_empty());
    let (a, b) = (
        dyads[0]["code_a"].as_str().unwrap(),
        dyads[0]["code_b"].as_str().unwrap(),
    );
    let dyad_events = get(app, &format!("/api/events?dyad={b},{a}&limit=500"))
        .await
        .json();
    assert_eq!(dyad_events["total"], dyads[0]["events"]);

    for interval in ["day", "week", "month"] {
        let timeline = get(
            app,
            &format!("/api/timeline?dyad={a},{b}&interval={interval}"),
        )
        .await
        .json();
        assert_eq!(timeline["interval"], interval);
        let buckets = timeline["buckets"].as_array().unwrap();
        let total: u64 = buckets.iter().map(|b| b["events"].as_u64().unwrap()).sum();
        assert!(total > 0, "{timeline}");
        assert!(total <= dyads[0]["events"].as_u64().unwrap());
        let period = buckets[0]["period"].as_str().unwrap();
        assert_eq!(period.len(), if interval == "month" { 7 } else { 10 });
        if interval == "week" {
            let monday: jiff::civil::Date = period.parse().unwrap();
            assert_eq!(monday.weekday(), jiff::civil::Weekday::Monday);
        }
    }
    let all = get(app, "/api/timeline").await.json();
    assert_eq!(all["interval"], "month");

    let network = get(app, "/api/network?limit=10").await.json();
    let edges = network["edges"].as_array().unwrap();
    assert!(!edges.is_empty() && edges.len() <= 10);
    let nodes: Vec<&str> = network["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["code"].as_str().unwrap())
        .collect();
    for edge in edges {
        assert!(nodes.contains(&edge["source"].as_str().unwrap()));
        assert!(nodes.contains(&edge["target"].as_str().unwrap()));
        assert_ne!(edge["source"], edge["target"]);
    }

    let places = get(app, "/api/places").await.json();
    let places = places["places"].as_array().unwrap();
    assert!(places
        .iter()
        .any(|p| p["lat"].is_number() && p["lon"].is_number()));

    let documents = get(app, "/api/documents?limit=3").await.json();
    assert!(documents["total"].as_u64().unwrap() >= 10);
    assert_eq!(documents["documents"].as_array().unwrap().len(), 3);
    let searched = get(app, "/api/documents?q=Essequibo").await.json();
    assert_eq!(searched["total"], 1, "{searched}");
}

/// A server over a store holding one hand-built report: a missile test that Japan's
/// defence ministry, citing the military, says "appears" to have happened, in an article
/// that names Pyongyang once by its capital.
fn server_over_a_typed_claim() -> TestServer {
    use dyad_model::testing::{
        attribution, entity, event, extraction, EntityFixture, EventFixture,
    };
    use dyad_model::{Attribution, EntityType, EventType, MentionKind, Status};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dyad.db");
    let launch = event(EventType::Threaten, &["PRK"], &["JPN"])
        .on("2025-01-06")
        .with_status(Status::Alleged)
        .attributed_to(Attribution {
            source_type: Some("military".into()),
            ..attribution("the defence ministry", "JPN", "MIL", "appears")
        });
    let text = "Pyongyang appears to have fired a missile, the defence ministry said.";
    let mut report = extraction("m", "Kyodo", "2025-01-07", text, vec![launch]);
    report.entities.push(
        entity("e1", EntityType::Country, "North Korea", "PRK", "GOV")
            .with_role("government")
            .mentioned("Pyongyang", 0, Some(MentionKind::Metonym)),
    );
    dyad_store::Store::open(&path)
        .unwrap()
        .add(&report)
        .unwrap();
    let state = AppState::with_pipeline(ServerConfig::new(path), pipeline()).unwrap();
    let app = dyad_server::router(state.clone());
    TestServer {
        _dir: dir,
        state,
        app,
    }
}

/// A server over `n` stored one-sentence documents (`doc-0` ...), `configure`d.
fn server_over_documents(n: usize, configure: impl FnOnce(&mut ServerConfig)) -> TestServer {
    use dyad_model::testing::extraction;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dyad.db");
    let mut store = dyad_store::Store::open(&path).unwrap();
    let mut batch = store.batch().unwrap();
    for i in 0..n {
        let text = format!("Delegations from Moscow and Beijing met for round {i} of talks.");
        batch
            .add(&extraction(
                &format!("doc-{i}"),
                "Wire",
                "2025-01-07",
                &text,
                vec![],
            ))
            .unwrap();
    }
    batch.commit().unwrap();
    drop(store);
    let mut config = ServerConfig::new(path);
    configure(&mut config);
    let state = AppState::with_pipeline(config, pipeline()).unwrap();
    let app = dyad_server::router(state.clone());
    TestServer {
        _dir: dir,
        state,
        app,
    }
}

#[tokio::test]
async fn document_search_matches_words_and_a_read_stops_at_its_budget() {
    let server = server_over_documents(1000, |_| {});
    let app = &server.app;
    let total = |uri: &'static str| async move { get(app, uri).await.json()["total"].clone() };
    // Words of the title, key, URL or text (the full-text index), not parts of words.
    assert_eq!(total("/api/documents?q=Moscow").await, 1000);
    assert_eq!(total("/api/documents?q=oscow").await, 0);
    assert_eq!(total("/api/documents?q=Mosc*").await, 1000);
    assert_eq!(total("/api/documents?q=%22round%20417%22").await, 1);
    assert_eq!(total("/api/documents?q=doc%20417").await, 1);
    let deep = "/api/documents?offset=900&limit=1";
    assert_eq!(get(app, deep).await.status, StatusCode::OK);

    // No store time at all: a read that takes any is stopped, and says so.
    let starved = server_over_documents(1000, |c| c.read_budget = Duration::ZERO);
    let answer = get(&starved.app, deep).await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(answer.error().contains("narrow it"), "{}", answer.error());
    // The connection serves the next request: health reads only kept counts.
    let health = get(&starved.app, "/api/health").await;
    assert_eq!(health.status, StatusCode::OK);
    assert_eq!(health.json()["documents"], 1000);
}

#[tokio::test]
async fn claims_carry_source_type_and_hedging_and_mentions_their_kind() {
    let server = server_over_a_typed_claim();
    let page = get(&server.app, "/api/events").await.json();
    let event = &page["events"][0];
    let claim = &event["claims"][0];
    assert_eq!(claim["claimant"], "the defence ministry");
    assert_eq!(claim["source_type"], "military");
    assert_eq!(claim["hedged"], true);
    assert_eq!(event["attribution"][0]["source_type"], "military");
    let id = event["store_id"].as_i64().unwrap();
    let one = get(&server.app, &format!("/api/events/{id}")).await.json();
    assert_eq!(one["event"]["claims"][0]["source_type"], "military");
    let document_id = one["reports"][0]["document_id"].as_i64().unwrap();
    let document = get(&server.app, &format!("/api/documents/{document_id}"))
        .await
        .json();
    let entity = &document["document"]["entities"][0];
    assert_eq!(entity["role"], "government");
    assert_eq!(entity["mentions"][0]["kind"], "metonym");
}

#[tokio::test]
async fn event_filters_narrow_and_page() {
    let server = examples_server().await;
    let app = &server.app;
    let total = get(app, "/api/events").await.json()["total"]
        .as_u64()
        .unwrap();
    for query in [
        "event=AGREE",
        "status=asserted",
        "since=2025-03-01",
        "until=2025-01-31",
        "since=2025-01-01&until=2025-03-31",
        "q=missiles",
        "actor=CHN",
        "recipient=CHN",
        "country=TWN",
        "place=Warsaw",
        "min_sources=2",
        "dyad=PRK,KOR",
    ] {
        let page = get(app, &format!("/api/events?{query}&limit=500")).await;
        assert_eq!(page.status, StatusCode::OK, "{query}");
        let page = page.json();
        let n = page["total"].as_u64().unwrap();
        assert!(n < total, "{query} did not filter: {n} of {total}");
        assert_eq!(
            page["events"].as_array().unwrap().len() as u64,
            n,
            "{query}"
        );
    }
    let agree = get(app, "/api/events?event=agree&limit=500").await.json();
    assert!(agree["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["event"] == "AGREE"));
    let since = get(app, "/api/events?since=2025-03-01&sort=date-asc&limit=500")
        .await
        .json();
    let dates: Vec<&str> = since["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["date"].as_str())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    // Paging: two pages of three are the first six.
    let six = get(app, "/api/events?limit=6").await.json();
    let p1 = get(app, "/api/events?limit=3").await.json();
    let p2 = get(app, "/api/events?limit=3&offset=3").await.json();
    let ids = |v: &Value| -> Vec<i64> {
        v["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["store_id"].as_i64().unwrap())
            .collect()
    };
    assert_eq!([ids(&p1), ids(&p2)].concat(), ids(&six));
    assert_eq!(p2["offset"], 3);
    for sort in ["mentions", "sources", "articles", "date"] {
        let page = get(app, &format!("/api/events?sort={sort}")).await;
        assert_eq!(page.status, StatusCode::OK, "{sort}");
    }
}

/// The period the UI charts by default is the months the documents were published in
/// (`published_first` and `published_last` of /api/stats, `publicationWindow` in
/// `ui/components.js`), not the range of event dates: a pledge "by 2050" dates no event
/// 2050, and a story's history ("in 2012") does not stretch the windowed timeline over a
/// decade.
#[tokio::test]
async fn the_default_period_follows_publication_not_outlying_event_dates() {
    let server = server_with(|_| {});
    let app = &server.app;
    let body = [
        r#"{"id": "w1", "text": "Russia and China signed a gas supply agreement in Moscow on Tuesday.", "published": "2025-02-06"}"#,
        r#"{"id": "w2", "text": "Russia pledged to withdraw its troops from Syria by 2050, the Kremlin said on Monday.", "published": "2025-03-04"}"#,
        r#"{"id": "w3", "text": "In 2012, Japan protested to China over the islands.", "published": "2025-03-06"}"#,
    ]
    .join("\n");
    let answer = post(app, "/api/documents", "application/x-ndjson", body).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.error());
    let summary = answer.json();
    assert_eq!(summary["added"], 3, "{summary}");

    // No event takes the deadline for its date.
    let pledge = summary["documents"][1]["id"].as_i64().unwrap();
    let document = get(app, &format!("/api/documents/{pledge}")).await.json();
    let events = document["events"].as_array().unwrap();
    assert!(!events.is_empty(), "{document}");
    for event in events {
        let date = event["date"].as_str().unwrap_or("");
        assert!(!date.starts_with("2050"), "{event}");
    }

    let stats = get(app, "/api/stats").await.json();
    assert_eq!(stats["published_first"], "2025-02-06", "{stats}");
    assert_eq!(stats["published_last"], "2025-03-06", "{stats}");
    // The event dates reach back to 2012 ...
    assert!(stats["first"].as_str().unwrap() < "2013", "{stats}");
    let all = get(app, "/api/timeline?interval=month").await.json();
    assert!(all["buckets"].as_array().unwrap().len() > 100, "{all}");
    // ... but the window of the publication months charts two months.
    let windowed = get(
        app,
        "/api/timeline?interval=month&since=2025-02-01&until=2025-03-31",
    )
    .await
    .json();
    let periods: Vec<&str> = windowed["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["period"].as_str().unwrap())
        .collect();
    assert!(!periods.is_empty() && periods.len() <= 2, "{windowed}");
    assert!(periods.iter().all(|p| ("2025-02"..="2025-03").contains(p)));
}

#[tokio::test]
async fn bad_parameters_ids_routes_and_methods_are_json_errors() {
    let server = server_with(|_| {});
    let app = &server.app;
    for (uri, name) in [
        ("/api/events?since=2024-02-30", "since"),
        ("/api/events?until=tomorrow", "until"),
        ("/api/events?event=PICNIC", "event"),
        ("/api/events?status=rumoured", "status"),
        ("/api/events?dyad=RUS", "dyad"),
        ("/api/events?dyad=RUS,", "dyad"),
        ("/api/events?actor=R%3BDROP", "actor"),
        ("/api/events?limit=0", "limit"),
        ("/api/events?limit=501", "limit"),
        ("/api/events?limit=many", "limit"),
        ("/api/events?offset=-3", "offset"),
        ("/api/events?sort=random", "sort"),
        ("/api/events?min_sources=x", "min_sources"),
        ("/api/events?colour=red", "colour"),
        ("/api/timeline?interval=year", "interval"),
        ("/api/timeline?dyad=A,B,C", "dyad"),
        ("/api/network?limit=-1", "limit"),
        ("/api/places?since=01-01-2025", "since"),
        ("/api/actors?limit=x", "limit"),
        ("/api/dyads?until=2025-13-01", "until"),
        ("/api/documents?offset=x", "offset"),
        ("/api/stats?x=1", "x"),
        ("/api/health?x=1", "x"),
        ("/api/events?limit=5&limit=", "limit"),
        ("/api/events?q=%21%3F%21", "q"),
        ("/api/events?q=%E2%80%8B%E2%80%8C", "q"),
        ("/api/documents?q=...", "q"),
        ("/api/events/abc", "event id"),
        ("/api/documents/-1", "document id"),
        ("/api/events/%FF", "UTF-8"),
        ("/api/documents/%C3%28", "UTF-8"),
    ] {
        let answer = get(app, uri).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{uri}");
        let error = answer.error();
        assert!(error.contains(name), "{uri}: {error}");
    }
    for uri in ["/api/events/999999", "/api/documents/424242"] {
        let answer = get(app, uri).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(answer.error().contains("no "), "{uri}");
    }
    let unknown = get(app, "/api/unknown").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.error(), "no route /api/unknown");
    assert_eq!(unknown.headers[header::CONTENT_TYPE], "application/json");
    for (method, uri) in [
        (Method::DELETE, "/api/events"),
        (Method::POST, "/api/events"),
        (Method::PUT, "/api/documents"),
        (Method::POST, "/api/health"),
    ] {
        let answer = send(
            app,
            Request::builder()
                .method(method.clone())
                .uri(uri)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(
            answer.status,
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {uri}"
        );
        assert!(answer.error().contains("not allowed"), "{method} {uri}");
    }
}

#[tokio::test]
async fn posting_documents_stores_them_once() {
    let server = server_with(|_| {});
    let app = &server.app;
    let answer = post(app, "/api/documents", "application/x-ndjson", ARTICLE).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.error());
    let summary = answer.json();
    assert_eq!(summary["added"], 1, "{summary}");
    assert_eq!(summary["duplicates"], 0);
    assert!(summary["events"].as_u64().unwrap() >= 1, "{summary}");
    let id = summary["documents"][0]["id"].as_i64().unwrap();
    let document = get(app, &format!("/api/documents/{id}")).await.json();
    assert_eq!(document["document"]["id"], "t1");
    assert_eq!(document["document"]["published"], "2025-02-04");

    // The same document again, by another content type: a duplicate, nothing added.
    let again = post(app, "/api/documents", "application/json", ARTICLE)
        .await
        .json();
    assert_eq!(again["added"], 0);
    assert_eq!(again["duplicates"], 1);
    assert_eq!(
        again["documents"][0]["id"], id,
        "the stored row is named: {again}"
    );
    assert_eq!(document_count(app).await, 1);

    // JSON arrays, pretty-printed, with a default date for lines without one.
    let array = r#"[
        {"id": "a1", "text": "Japan and the Philippines signed a defence pact in Manila on Monday."},
        {"id": "a2", "text": "Le gouvernement français a condamné l'attaque contre le navire de commerce en mer Rouge, selon un communiqué publié lundi soir à Paris."}
    ]"#;
    let answer = post(
        app,
        "/api/documents?published=2025-01-20",
        "application/json; charset=utf-8",
        array,
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.error());
    let summary = answer.json();
    assert_eq!(summary["added"], 1, "{summary}");
    assert_eq!(summary["skipped"], 1, "French is passed over: {summary}");

    // HTML with its metadata in the query string.
    let html = "<html><body><article><p>Egypt and Sudan agreed to hold talks on Nile water sharing in Cairo on Sunday, officials said.</p></article></body></html>";
    let answer = post(
        app,
        "/api/documents?url=https://news.example/nile&published=2025-03-02&title=Nile%20talks",
        "text/html",
        html,
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.error());
    let id = answer.json()["documents"][0]["id"].as_i64().unwrap();
    let document = get(app, &format!("/api/documents/{id}")).await.json();
    assert_eq!(document["document"]["url"], "https://news.example/nile");
    assert_eq!(document["document"]["title"], "Nile talks");
    assert_eq!(document["document"]["published"], "2025-03-02");

    // Plain text.
    let answer = post(
        app,
        "/api/documents?published=2025-03-03",
        "text/plain",
        "Turkey accused Greece of violating its airspace over the Aegean on Friday.",
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.error());
    assert_eq!(document_count(app).await, 4);

    // Another text under a stored id: kept under a key of its own, and said so.
    let revised = ARTICLE.replace("on Tuesday", "on Tuesday evening");
    let answer = post(
        app,
        "/api/documents",
        "application/x-ndjson",
        revised.clone(),
    )
    .await;
    let summary = answer.json();
    assert_eq!(summary["added"], 1, "{summary}");
    assert_eq!(summary["renamed"], 1, "{summary}");
    assert_eq!(summary["documents"][0]["doc_key"], "t1#2", "{summary}");
    assert_eq!(summary["documents"][0]["renamed_from"], "t1", "{summary}");
    let again = post(app, "/api/documents", "application/x-ndjson", revised)
        .await
        .json();
    assert_eq!(again["duplicates"], 1, "{again}");
    assert_eq!(again["documents"][0]["doc_key"], "t1#2", "{again}");
    let listed = get(app, "/api/documents?limit=10").await.json();
    let mut keys: Vec<&str> = listed["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["doc_key"].as_str())
        .filter(|k| k.starts_with("t1"))
        .collect();
    keys.sort_unstable();
    assert_eq!(keys, ["t1", "t1#2"]);
}

#[tokio::test]
async fn broken_bodies_are_refused_whole() {
    let server = server_with(|_| {});
    let app = &server.app;
    let body = format!("{ARTICLE}\n{{\"id\": \"x\", \"text\": \"unclosed\"\n");
    let answer = post(app, "/api/documents", "application/x-ndjson", body).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(
        answer.error().starts_with("body line 2: "),
        "{}",
        answer.error()
    );
    assert_eq!(answer.json()["errors"][0]["line"], 2);
    let answer = post(
        app,
        "/api/documents",
        "application/jsonl",
        "{\"id\": \"n\"}",
    )
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(answer.error().contains("line 1"), "{}", answer.error());
    let answer = post(app, "/api/documents", "application/x-ndjson", "").await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(document_count(app).await, 0);

    for content_type in ["image/png", "application/pdf", ""] {
        let answer = post(app, "/api/documents", content_type, ARTICLE).await;
        assert_eq!(
            answer.status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{content_type:?}"
        );
        assert!(answer.error().contains("Content-Type"));
    }
    let answer = post(
        app,
        "/api/documents?published=yesterday",
        "text/plain",
        "Text.",
    )
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(answer.error().contains("published"));
    assert_eq!(document_count(app).await, 0);

    // Dates that read but cannot be publication dates: refused, never dropped or replaced.
    for published in ["0001-01-01", "9999-12-31", "2024-02-30"] {
        let uri = format!("/api/documents?published={published}");
        let answer = post(app, &uri, "text/plain", "Japan protested to China.").await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{published}");
        assert!(
            answer.error().starts_with("published: "),
            "{}",
            answer.error()
        );
    }
    for date in ["2024-02-30", "yesterday", "0001-01-01"] {
        let body = format!(
            "{ARTICLE}\n{{\"id\": \"d\", \"text\": \"Japan protested to China.\", \"published\": \"{date}\"}}\n"
        );
        let answer = post(
            app,
            "/api/documents?published=2025-01-01",
            "application/x-ndjson",
            body,
        )
        .await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{date}");
        assert!(
            answer.error().starts_with("body line 2: published: "),
            "{}",
            answer.error()
        );
    }
    assert_eq!(document_count(app).await, 0);
}

#[tokio::test]
async fn invisible_characters_in_names_are_read_and_empty_documents_skipped() {
    let server = server_with(|_| {});
    let app = &server.app;
    let body = concat!(
        "{\"id\": \"zw\", \"published\": \"2025-02-04\", \"text\": ",
        "\"Rus\u{200b}sia and Chi\u{200d}na signed a long-term gas supply agreement in ",
        "Mos\u{00ad}cow on \u{202e}Tuesday\u{202c}, the Kremlin said.\"}\n",
        "{\"id\": \"blank\", \"text\": \"\"}\n",
        "{\"id\": \"invisible\", \"text\": \"\u{200b}\u{2066}\"}\n",
    );
    let answer = post(app, "/api/documents", "application/x-ndjson", body).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.error());
    let summary = answer.json();
    assert_eq!(summary["added"], 1, "{summary}");
    assert_eq!(summary["skipped"], 2, "{summary}");
    assert!(summary["events"].as_u64().unwrap() >= 1, "{summary}");
    let id = summary["documents"][0]["id"].as_i64().unwrap();
    let document = get(app, &format!("/api/documents/{id}")).await.json();
    assert_eq!(
        document["document"]["text"],
        "Russia and China signed a long-term gas supply agreement in Moscow on Tuesday, the Kremlin said."
    );
    assert_eq!(document_count(app).await, 1);
}

#[tokio::test]
async fn bodies_over_the_limit_are_413() {
    let server = server_with(|c| c.max_body = 1024);
    let app = &server.app;
    let big = format!(
        "{{\"id\": \"big\", \"text\": \"{}\"}}",
        "Russia and China met. ".repeat(100)
    );
    let answer = post(app, "/api/documents", "application/x-ndjson", big.clone()).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(answer.error().contains("1024"), "{}", answer.error());
    // A streamed body without a length is cut at the limit too.
    let stream = futures_stream(big.into_bytes());
    let answer = send(
        app,
        Request::post("/api/documents")
            .header(header::CONTENT_TYPE, "application/x-ndjson")
            .body(stream)
            .unwrap(),
    )
    .await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(document_count(app).await, 0);
    let answer = post(app, "/api/documents", "application/x-ndjson", ARTICLE).await;
    assert_eq!(answer.status, StatusCode::OK);
}

/// `bytes`, gzipped.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

async fn post_encoded(app: &Router, content_type: &str, encoding: &str, body: Vec<u8>) -> Answer {
    let mut request = Request::post("/api/documents").header(header::CONTENT_TYPE, content_type);
    if !encoding.is_empty() {
        request = request.header(header::CONTENT_ENCODING, encoding);
    }
    send(app, request.body(Body::from(body)).unwrap()).await
}

#[tokio::test]
async fn compressed_bodies_and_many_documents_are_capped_before_anything_is_stored() {
    let server = server_with(|c| {
        c.max_body = 64 * 1024;
        c.max_documents = 5;
    });
    let app = &server.app;
    // A small body that decompresses to 1 MB: refused whether it says it is gzip or not.
    let line = "{\"text\": \"Russia and China met.\"}\n";
    let bomb = gzip(line.repeat(30_000).as_bytes());
    assert!(bomb.len() < 64 * 1024);
    for encoding in ["gzip", ""] {
        let answer = post_encoded(app, "application/x-ndjson", encoding, bomb.clone()).await;
        assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE, "{encoding:?}");
        assert!(
            answer
                .error()
                .contains("decompresses to more than 65536 bytes"),
            "{}",
            answer.error()
        );
    }
    // A gzip file inside a gzip coding is capped too.
    let nested = gzip(&bomb);
    let answer = post_encoded(app, "application/x-ndjson", "gzip", nested).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    // One document more than a request may hold.
    let lines = |n: usize| -> String {
        (0..n)
            .map(|i| {
                format!("{{\"id\": \"n{i}\", \"text\": \"Japan protested to China, note {i}.\"}}\n")
            })
            .collect()
    };
    let answer = post(app, "/api/documents", "application/x-ndjson", lines(6)).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        answer.error().contains("more than 5 documents"),
        "{}",
        answer.error()
    );
    assert_eq!(document_count(app).await, 0);
    let answer = post_encoded(
        app,
        "application/x-ndjson",
        "gzip",
        gzip(lines(5).as_bytes()),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.error());
    assert_eq!(document_count(app).await, 5);
}

#[tokio::test]
async fn deflate_and_gzip_bodies_are_read_and_other_encodings_refused() {
    use std::io::Write;
    let server = server_with(|_| {});
    let app = &server.app;
    let text = "Egypt and Sudan agreed to hold talks on Nile water sharing in Cairo on Sunday.";
    let zlib = {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(text.as_bytes()).unwrap();
        e.finish().unwrap()
    };
    let raw = {
        let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(text.as_bytes()).unwrap();
        e.finish().unwrap()
    };
    for (encoding, body) in [
        ("deflate", zlib),
        ("deflate", raw),
        ("GZIP", gzip(text.as_bytes())),
    ] {
        let answer = post_encoded(app, "text/plain", encoding, body).await;
        assert_eq!(
            answer.status,
            StatusCode::OK,
            "{encoding}: {}",
            answer.error()
        );
        let id = answer.json()["documents"][0]["id"].as_i64().unwrap();
        let document = get(app, &format!("/api/documents/{id}")).await.json();
        assert_eq!(document["document"]["text"], text, "{encoding}");
    }
    for encoding in ["br", "zstd", "gzip, br"] {
        let answer = post_encoded(app, "text/plain", encoding, text.as_bytes().to_vec()).await;
        assert_eq!(
            answer.status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{encoding}"
        );
        assert!(
            answer.error().contains("Content-Encoding"),
            "{}",
            answer.error()
        );
    }
}

#[tokio::test]
async fn an_oversized_content_length_is_refused_before_the_body() {
    let server = server_with(|c| c.max_body = 1024);
    let (addr, stop, _task) = start(&server).await;
    // The headers announce more than the limit; no body follows. The answer comes at
    // once, not when the request time (60 s) is up.
    let head = format!(
        "POST /api/documents HTTP/1.1\r\nHost: {addr}\r\nContent-Type: text/plain\r\n\
         Content-Length: 1000000000\r\n\r\n"
    );
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = vec![0u8; 4096];
    let n = tokio::time::timeout(Duration::from_secs(20), stream.read(&mut answer))
        .await
        .expect("an answer before the body")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer[..n]);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("--max-body"), "{answer}");
    let _ = stop.send(());
}

/// A body sent in chunks, with no length known in advance.
fn futures_stream(bytes: Vec<u8>) -> Body {
    let chunks: Vec<Result<axum::body::Bytes, std::io::Error>> = bytes
        .chunks(100)
        .map(|c| Ok(axum::body::Bytes::copy_from_slice(c)))
        .collect();
    Body::from_stream(tokio_stream_iter(chunks))
}

fn tokio_stream_iter<T: Send + Unpin + 'static>(
    items: Vec<T>,
) -> impl futures_core::Stream<Item = T> + Send + 'static {
    struct Iter<T>(std::vec::IntoIter<T>);
    impl<T> futures_core::Stream for Iter<T>
    where
        T: Unpin,
    {
        type Item = T;
        fn poll_next(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<T>> {
            std::task::Poll::Ready(self.0.next())
        }
    }
    Iter(items.into_iter())
}

#[tokio::test]
async fn writes_need_the_token_when_one_is_set() {
    let server = server_with(|c| c.token = Some("s3cret".into()));
    let app = &server.app;
    for authorization in [
        None,
        Some("Bearer wrong"),
        Some("s3cret"),
        Some("Basic s3cret"),
    ] {
        let mut request =
            Request::post("/api/documents").header(header::CONTENT_TYPE, "application/x-ndjson");
        if let Some(value) = authorization {
            request = request.header(header::AUTHORIZATION, value);
        }
        let answer = send(app, request.body(Body::from(ARTICLE)).unwrap()).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{authorization:?}");
        assert_eq!(answer.headers[header::WWW_AUTHENTICATE], "Bearer");
        assert!(answer.error().contains("Authorization"));
    }
    assert_eq!(
        document_count(app).await,
        0,
        "nothing stored without the token"
    );
    // Reads need no token.
    assert_eq!(get(app, "/api/events").await.status, StatusCode::OK);
    let answer = send(
        app,
        Request::post("/api/documents")
            .header(header::CONTENT_TYPE, "application/x-ndjson")
            .header(header::AUTHORIZATION, "bearer  s3cret")
            .body(Body::from(ARTICLE))
            .unwrap(),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(document_count(app).await, 1);
}

#[tokio::test]
async fn a_read_only_server_refuses_writes() {
    let server = server_with(|c| {
        c.secure_for("0.0.0.0:8080".parse().unwrap());
    });
    let app = &server.app;
    assert!(server.state.shared.config.read_only);
    let answer = post(app, "/api/documents", "application/x-ndjson", ARTICLE).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert!(answer.error().contains("read-only"));
    assert_eq!(document_count(app).await, 0);
    assert_eq!(get(app, "/api/health").await.json()["read_only"], true);
}

#[tokio::test]
async fn markup_in_articles_comes_back_as_json_data() {
    let server = server_with(|_| {});
    let app = &server.app;
    let article = serde_json::json!({
        "id": "xss",
        "title": "<script>alert(1)</script> Russia and China",
        "text": "Russia and China signed a trade agreement in Moscow on Monday. <script>alert(1)</script> <img src=x onerror=alert(2)>",
        "published": "2025-02-10",
    });
    let answer = post(
        app,
        "/api/documents",
        "application/x-ndjson",
        article.to_string(),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.error());
    let id = answer.json()["documents"][0]["id"].as_i64().unwrap();
    let document = get(app, &format!("/api/documents/{id}")).await;
    assert_eq!(document.headers[header::CONTENT_TYPE], "application/json");
    assert_eq!(document.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    let document = document.json();
    assert!(document["document"]["text"]
        .as_str()
        .unwrap()
        .contains("<script>alert(1)</script>"));
    assert_eq!(
        document["document"]["title"],
        "<script>alert(1)</script> Russia and China"
    );
    let listed = get(app, "/api/documents?q=script").await.json();
    assert_eq!(
        listed["documents"][0]["title"],
        document["document"]["title"]
    );
}

#[tokio::test]
async fn cors_is_off_unless_an_origin_is_given() {
    let origin_request = || {
        Request::get("/api/health")
            .header(header::ORIGIN, "https://elsewhere.example")
            .body(Body::empty())
            .unwrap()
    };
    let closed = server_with(|_| {});
    let answer = send(&closed.app, origin_request()).await;
    assert!(answer
        .headers
        .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
        .is_none());
    let open =
        server_with(|c| c.cors = dyad_server::CorsOrigin::parse("https://elsewhere.example").ok());
    let answer = send(&open.app, origin_request()).await;
    assert_eq!(
        answer.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "https://elsewhere.example"
    );
}

/// A POST of one text with `headers`.
async fn post_with(app: &Router, headers: &[(&str, &str)]) -> Answer {
    let mut request = Request::post("/api/documents").header(header::CONTENT_TYPE, "text/plain");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let body =
        Body::from("Japan protested to China over the detention of a businessman on Monday.");
    send(app, request.body(body).unwrap()).await
}

#[tokio::test]
async fn writes_from_other_sites_are_refused() {
    let server = server_with(|_| {});
    let app = &server.app;
    // A form or fetch of any web page the operator visits: refused, nothing stored.
    for headers in [
        vec![("origin", "https://evil.example")],
        vec![("origin", "null")],
        vec![
            ("host", "127.0.0.1:8080"),
            ("origin", "http://127.0.0.1:9999"),
        ],
        vec![("sec-fetch-site", "cross-site")],
        vec![("sec-fetch-site", "same-site")],
    ] {
        let answer = post_with(app, &headers).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{headers:?}");
        assert!(
            answer.error().contains("another site"),
            "{}",
            answer.error()
        );
    }
    assert_eq!(document_count(app).await, 0);
    // The server's own page, and clients that are not browsers: stored.
    let own = [
        ("host", "127.0.0.1:8080"),
        ("origin", "http://127.0.0.1:8080"),
    ];
    assert_eq!(post_with(app, &own).await.status, StatusCode::OK);
    let curl = [("sec-fetch-site", "none")];
    assert_eq!(post_with(app, &curl).await.status, StatusCode::OK);

    // The one --cors origin may write; `*` lets any origin read, none write.
    let shared =
        server_with(|c| c.cors = dyad_server::CorsOrigin::parse("https://app.example").ok());
    let from_app = [("origin", "https://app.example")];
    assert_eq!(
        post_with(&shared.app, &from_app).await.status,
        StatusCode::OK
    );
    let elsewhere = [("origin", "https://evil.example")];
    assert_eq!(
        post_with(&shared.app, &elsewhere).await.status,
        StatusCode::FORBIDDEN
    );
    let public = server_with(|c| c.cors = Some(dyad_server::CorsOrigin::AnyReads));
    let read = send(
        &public.app,
        Request::get("/api/health")
            .header(header::ORIGIN, "https://evil.example")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    assert_eq!(
        post_with(&public.app, &elsewhere).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn only_addresses_localhost_and_named_hosts_are_answered() {
    let server = server_with(|_| {});
    let host = |app: &Router, value: &str| {
        let request = Request::get("/api/health")
            .header(header::HOST, value)
            .body(Body::empty())
            .unwrap();
        let app = app.clone();
        async move { send(&app, request).await }
    };
    for allowed in ["127.0.0.1:8080", "localhost:8080", "[::1]:8080", "10.0.0.5"] {
        assert_eq!(
            host(&server.app, allowed).await.status,
            StatusCode::OK,
            "{allowed}"
        );
    }
    // A web page's own name pointed at 127.0.0.1 (DNS rebinding): not answered.
    let rebound = host(&server.app, "attacker.example:8080").await;
    assert_eq!(rebound.status, StatusCode::FORBIDDEN);
    assert!(rebound.error().contains("--host"), "{}", rebound.error());
    let named = server_with(|c| c.hosts = vec!["dyad.example.org".into()]);
    assert_eq!(
        host(&named.app, "dyad.example.org:8080").await.status,
        StatusCode::OK
    );
    assert_eq!(
        host(&named.app, "attacker.example").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_ui_is_served_without_path_traversal() {
    let server = server_with(|_| {});
    let app = &server.app;
    let index = get(app, "/").await;
    assert_eq!(index.status, StatusCode::OK);
    assert_eq!(
        index.headers[header::CONTENT_TYPE],
        "text/html; charset=utf-8"
    );
    assert!(index.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .contains("script-src 'self'"));
    if let Some((name, bytes)) = dyad_server::assets::UI_FILES
        .iter()
        .find(|(n, _)| *n != "index.html")
    {
        let asset = get(app, &format!("/assets/{name}")).await;
        assert_eq!(asset.status, StatusCode::OK, "{name}");
        assert_eq!(asset.bytes, *bytes);
        assert_eq!(
            asset.headers[header::CONTENT_TYPE],
            dyad_server::assets::content_type(name)
        );
    }
    for uri in [
        "/assets/../Cargo.toml",
        "/assets/%2e%2e/Cargo.toml",
        "/assets/..%2f..%2fCargo.toml",
        "/assets/%2e%2e%2fsrc%2flib.rs",
        "/assets//etc/passwd",
        "/assets/..\\Cargo.toml",
        "/assets/missing.js",
    ] {
        let answer = get(app, uri).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(!String::from_utf8_lossy(&answer.bytes).contains("[package]"));
    }
}

#[tokio::test]
async fn openapi_describes_every_routed_path() {
    let server = server_with(|_| {});
    let app = &server.app;
    let answer = get(app, "/api/openapi.json").await;
    assert_eq!(answer.status, StatusCode::OK);
    let doc = answer.json();
    assert_eq!(doc["openapi"], "3.1.0");
    for (method, path) in dyad_server::API_ROUTES {
        let described = &doc["paths"][path][method.to_ascii_lowercase()];
        assert!(described.is_object(), "{method} {path} not described");
        // The route exists in the router: neither an unknown route nor a wrong method.
        let uri = path.replace("{id}", "1");
        let request = Request::builder()
            .method(*method)
            .uri(&uri)
            .header(header::CONTENT_TYPE, "text/plain")
            .body(Body::from("Japan protested to China on Monday."))
            .unwrap();
        let answer = send(app, request).await;
        assert_ne!(
            answer.status,
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {uri}"
        );
        if answer.status == StatusCode::NOT_FOUND {
            assert!(!answer.error().starts_with("no route"), "{method} {uri}");
        }
    }
}

#[tokio::test]
async fn concurrent_posts_of_one_document_store_it_once() {
    let server = server_with(|_| {});
    let app = server.app.clone();
    let tasks: Vec<_> = (0..6)
        .map(|_| {
            let app = app.clone();
            tokio::spawn(async move {
                post(&app, "/api/documents", "application/x-ndjson", ARTICLE)
                    .await
                    .json()
            })
        })
        .collect();
    let mut added = 0;
    for task in tasks {
        added += task.await.unwrap()["added"].as_u64().unwrap();
    }
    assert_eq!(added, 1);
    assert_eq!(document_count(&app).await, 1);
}

/// Starts the server on a loopback port; returns its address, a shutdown trigger and
/// the serving task.
async fn start(
    server: &TestServer,
) -> (
    std::net::SocketAddr,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<std::io::Result<()>>,
) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let app = server.app.clone();
    let header_timeout = server.state.shared.config.header_timeout;
    let task = tokio::spawn(dyad_server::serve(listener, app, header_timeout, async {
        let _ = stopped.await;
    }));
    (addr, stop, task)
}

async fn raw_exchange(addr: std::net::SocketAddr, request: &[u8]) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(request).await.unwrap();
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer)).await;
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test]
async fn a_real_socket_serves_reads_and_writes_and_stops_gracefully() {
    let server = server_with(|_| {});
    let (addr, stop, task) = start(&server).await;
    let post = format!(
        "POST /api/documents HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-ndjson\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{ARTICLE}",
        ARTICLE.len()
    );
    let answer = raw_exchange(addr, post.as_bytes()).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"added\":1"), "{answer}");
    let get = format!("GET /api/health HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    let answer = raw_exchange(addr, get.as_bytes()).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"documents\":1"), "{answer}");
    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(15), task)
        .await
        .expect("the server stops")
        .unwrap()
        .unwrap();
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
}

#[tokio::test]
async fn requests_hyper_cannot_parse_get_json_errors_too() {
    let server = server_with(|_| {});
    let (addr, stop, _task) = start(&server).await;
    let long_uri = format!("/api/events?q={}", "a".repeat(70_000));
    let many_headers: String = (0..200).map(|i| format!("X-Header-{i}: y\r\n")).collect();
    for (request, status) in [
        (
            format!("GET {long_uri} HTTP/1.1\r\nHost: {addr}\r\n\r\n"),
            "414",
        ),
        (
            format!("GET /api/health HTTP/1.1\r\nHost: {addr}\r\n{many_headers}\r\n"),
            "431",
        ),
        (
            "GET /api/health HTTP/1.1\r\nHost: x\r\nBroken header line\r\n\r\n".to_string(),
            "400",
        ),
    ] {
        let answer = raw_exchange(addr, request.as_bytes()).await;
        assert!(
            answer.starts_with(&format!("HTTP/1.1 {status}")),
            "{answer}"
        );
        assert!(
            answer.contains("content-type: application/json"),
            "{answer}"
        );
        let body = answer
            .split_once("\r\n\r\n")
            .map(|(_, b)| b)
            .unwrap_or_default();
        let error: Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {answer}"));
        assert!(
            error["error"].as_str().unwrap().starts_with(status),
            "{answer}"
        );
    }
    // The server goes on answering.
    let get = format!("GET /api/health HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    assert!(raw_exchange(addr, get.as_bytes())
        .await
        .starts_with("HTTP/1.1 200"));
    let _ = stop.send(());
}

#[tokio::test]
async fn slow_clients_are_cut_off() {
    let server = server_with(|c| {
        c.request_timeout = Duration::from_millis(300);
        c.header_timeout = Duration::from_millis(300);
    });
    let (addr, stop, _task) = start(&server).await;
    // A body announced and never sent: 408 once the request time is up.
    let started = std::time::Instant::now();
    let post = format!(
        "POST /api/documents HTTP/1.1\r\nHost: {addr}\r\nContent-Type: text/plain\r\n\
         Content-Length: 1000\r\n\r\nonly a little"
    );
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(post.as_bytes()).await.unwrap();
    let mut answer = vec![0u8; 4096];
    let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut answer))
        .await
        .expect("an answer before the client gives up")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer[..n]);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("{\"error\":"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(3));
    // Headers never finished: the connection is closed.
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let mut rest = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut rest)).await;
    assert!(closed.is_ok(), "the connection stays open");
    let _ = stop.send(());
}

#[tokio::test]
async fn a_large_body_is_stored_whole_and_in_order() {
    let server = server_with(|_| {});
    let app = &server.app;
    let body: String = (0..60)
        .map(|i| {
            serde_json::json!({
                "id": format!("b{i}"),
                "text": format!("Japan and India held talks on maritime security in Tokyo on Monday, round {i}."),
                "published": "2025-01-13",
            })
            .to_string()
                + "\n"
        })
        .collect();
    let answer = post(app, "/api/documents", "application/x-ndjson", body).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.error());
    let summary = answer.json();
    assert_eq!(summary["added"], 60);
    let keys: Vec<&str> = summary["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["doc_key"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = (0..60).map(|i| format!("b{i}")).collect();
    assert_eq!(keys, expected);
    assert_eq!(document_count(app).await, 60);
}

#[tokio::test]
async fn organisations_are_two_actors_with_their_names_in_dyads_and_actors() {
    let server = server_with(|_| {});
    let app = &server.app;
    let body = r#"{"id": "o1", "published": "2025-03-10", "text": "NATO accused Russia of violating the airspace of Estonia on Monday.\n\nThe European Union imposed new sanctions on Russia on Tuesday."}"#;
    let answer = post(app, "/api/documents", "application/x-ndjson", body).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.error());
    let dyads = get(app, "/api/dyads").await.json();
    let dyads = dyads["dyads"].as_array().unwrap();
    let pair = |a: &str| {
        dyads
            .iter()
            .find(|d| d["code_a"] == a && d["code_b"] == "RUS")
            .unwrap_or_else(|| panic!("no {a}-RUS dyad in {dyads:?}"))
    };
    assert_eq!(pair("IGONAT")["name_a"], "NATO");
    assert_eq!(pair("IGOEEC")["name_a"], "European Union");
    assert_eq!(pair("IGONAT")["name_b"], "Russia");
    let actors = get(app, "/api/actors").await.json();
    let name = |code: &str| {
        actors["actors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["code"] == code)
            .map(|a| a["name"].clone())
    };
    assert_eq!(name("IGONAT"), Some(Value::from("NATO")));
    assert_eq!(name("IGOEEC"), Some(Value::from("European Union")));
    let igo = get(app, "/api/events?actor=IGO").await.json();
    assert_eq!(igo["total"], 2, "{igo}");
    let nato = get(app, "/api/events?actor=IGONAT").await.json();
    assert_eq!(nato["total"], 1, "{nato}");
    assert_eq!(nato["events"][0]["actor"][0]["code"], "IGONAT");
}
