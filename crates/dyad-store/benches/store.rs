//! Store benchmark (`cargo bench -p dyad-store --bench store`):
//!
//! 1. **ingest with events coded**: generated news documents run through the full pipeline
//!    (`dyad_core::Pipeline::extract`) and into a fresh store, single thread: documents/s;
//! 2. **bulk store**: at least `DYAD_BENCH_EVENTS` (default 1,000,000) stored events written
//!    through the real merge path from generated extractions (skewed actor codes, so some
//!    dyads hold tens of thousands of events): reports/s;
//! 3. **query latency** over that store: dyad + date range (the analyst's "what happened
//!    between North Korea and Russia since June"), actor + date range, and full-text
//!    search, each with the first 100 events loaded in full: p50 / p99 / max.
//!
//! The store lives in a temporary directory (or `DYAD_BENCH_DB` to keep it between runs).

use std::time::{Duration, Instant};

use dyad_model::testing::{self, named_actor, EventFixture};
use dyad_model::{Date, Document, Event, EventType, Extraction};
use dyad_store::{EventQuery, Store};

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const CODES: usize = 240;

fn code(i: usize) -> String {
    let letters = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let a = letters[i / (26 * 26) % 26] as char;
    let b = letters[i / 26 % 26] as char;
    let c = letters[i % 26] as char;
    format!("{a}{b}{c}")
}

/// A skewed code: low indices are far more frequent (a few countries make most news).
fn skewed(rng: &mut Rng) -> usize {
    ((CODES as f64) * rng.unit().powi(3)) as usize % CODES
}

const WORDS: [&str; 16] = [
    "troops",
    "border",
    "talks",
    "sanctions",
    "drone",
    "summit",
    "ceasefire",
    "missile",
    "protest",
    "aid",
    "treaty",
    "embassy",
    "election",
    "refugees",
    "pipeline",
    "navy",
];

fn synthetic_event(rng: &mut Rng, doc: &str, n: usize, base: Date) -> Event {
    let kind = EventType::ALL[rng.below(16)];
    let a = skewed(rng);
    let mut b = skewed(rng);
    if b == a {
        b = (a + 1) % CODES;
    }
    let day = base
        .checked_add(jiff::Span::new().days(rng.below(3650) as i64))
        .unwrap_or(base);
    let party = |i: usize| named_actor(&format!("the government of {}", code(i)), &code(i), "GOV");
    // `case<n>` is a rare word (about 20 reports each) for selective searches.
    let evidence = format!(
        "{} {} {} {} near {} officials said case{}",
        code(a),
        WORDS[rng.below(16)],
        WORDS[rng.below(16)],
        code(b),
        WORDS[rng.below(16)],
        rng.below(50_000)
    );
    let quad_class = 1 + rng.below(4) as u8;
    testing::event(kind, &[], &[])
        .with_id(&format!("{doc}-ev{n}"))
        .with_cameo("010", 0.0, quad_class)
        .with_parties(vec![party(a)], vec![party(b)])
        .on_date(day)
        .with_evidence(&evidence)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn time_queries(store: &Store, name: &str, queries: &[EventQuery]) {
    let mut times = Vec::with_capacity(queries.len());
    let mut rows = 0usize;
    for q in queries {
        let started = Instant::now();
        rows += store.events(q).expect("query").len();
        times.push(started.elapsed());
    }
    times.sort();
    println!(
        "query {name:<28} n={:<4} mean rows {:>5.1}  p50 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms",
        queries.len(),
        rows as f64 / queries.len().max(1) as f64,
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99)),
        ms(*times.last().unwrap_or(&Duration::ZERO))
    );
}

/// Generated news in the style of wire copy, for the pipeline.
fn news(i: usize) -> String {
    const COUNTRIES: [(&str, &str, &str); 10] = [
        ("France", "French", "Paris"),
        ("Germany", "German", "Berlin"),
        ("Japan", "Japanese", "Tokyo"),
        ("India", "Indian", "New Delhi"),
        ("Brazil", "Brazilian", "Brasilia"),
        ("Egypt", "Egyptian", "Cairo"),
        ("Turkey", "Turkish", "Ankara"),
        ("Poland", "Polish", "Warsaw"),
        ("Kenya", "Kenyan", "Nairobi"),
        ("Russia", "Russian", "Moscow"),
    ];
    let (a, a_adj, a_cap) = COUNTRIES[i % 10];
    let (b, b_adj, _) = COUNTRIES[(i * 3 + 1) % 10];
    format!(
        "{a_adj} Foreign Minister met his {b_adj} counterpart in {a_cap} on Monday to discuss \
         trade and security, the ministry said.\n\n{a} and {b} signed an agreement on energy \
         cooperation on Tuesday. {b} accused {a} of violating the fishing treaty last month.\n\n\
         {a_adj} police arrested 40 protesters in {a_cap} on Wednesday, witnesses said. The \
         report number {i} was filed from {a_cap}."
    )
}

fn bench_pipeline_ingest(dir: &std::path::Path) {
    let pipeline = dyad_core::Pipeline::embedded().expect("pipeline");
    let docs = 1500usize;
    let mut store = Store::open(dir.join("pipeline.db")).expect("store");
    let published: Date = "2024-06-20".parse().expect("date");
    let started = Instant::now();
    let mut events = 0usize;
    let mut batch = store.batch().expect("batch");
    for i in 0..docs {
        let source = dyad_core::SourceDocument {
            id: format!("news-{i}"),
            text: news(i),
            published: Some(published),
            source: Some(["Reuters", "AFP", "AP"][i % 3].into()),
            ..Default::default()
        };
        let extraction = pipeline.extract(source);
        events += extraction.events.len();
        batch.add(&extraction).expect("add");
        if i % 200 == 199 {
            batch.commit().expect("commit");
            batch = store.batch().expect("batch");
        }
    }
    batch.commit().expect("commit");
    let seconds = started.elapsed().as_secs_f64();
    let stats = store.stats().expect("stats");
    println!(
        "ingest with events coded: {docs} documents, {events} events coded -> {} stored events \
         in {seconds:.2} s: {:.0} documents/s, {:.0} events/s (single thread, pipeline + store)",
        stats.events,
        docs as f64 / seconds,
        events as f64 / seconds
    );
}

fn main() {
    let target: u64 = std::env::var("DYAD_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let tmp = tempfile::tempdir().expect("temp dir");
    bench_pipeline_ingest(tmp.path());

    let path = std::env::var_os("DYAD_BENCH_DB")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| tmp.path().join("bench.db"));
    let mut store = Store::open(&path).expect("store");
    let base: Date = "2015-01-01".parse().expect("date");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let have = store.stats().expect("stats").events;
    if have < target {
        let started = Instant::now();
        let mut reports = 0u64;
        let mut doc_no = store.stats().expect("stats").documents;
        loop {
            let events = store.stats().expect("stats").events;
            if events >= target {
                break;
            }
            let mut batch = store.batch().expect("batch");
            for _ in 0..500 {
                let id = format!("doc-{doc_no}");
                doc_no += 1;
                let n = 1 + rng.below(8);
                let events: Vec<Event> = (0..n)
                    .map(|k| synthetic_event(&mut rng, &id, k, base))
                    .collect();
                reports += events.len() as u64;
                let extraction = Extraction {
                    doc: Document {
                        id: id.clone(),
                        source: Some(format!("outlet-{}", rng.below(300))),
                        published: events.first().and_then(|e| e.date),
                        text: format!("synthetic document {id}"),
                        ..Default::default()
                    },
                    entities: vec![],
                    events,
                    removed: vec![],
                };
                batch.add(&extraction).expect("add");
            }
            batch.commit().expect("commit");
        }
        let seconds = started.elapsed().as_secs_f64();
        let stats = store.stats().expect("stats");
        println!(
            "bulk store: {reports} reports from {} documents -> {} events ({} merged) in \
             {seconds:.1} s: {:.0} reports/s through the merge path",
            stats.documents,
            stats.events,
            stats.reports - stats.events,
            reports as f64 / seconds
        );
    }
    let stats = store.stats().expect("stats");
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "store: {} events, {} reports, {} documents, {:.0} MB",
        stats.events,
        stats.reports,
        stats.documents,
        size as f64 / 1e6
    );

    let mut queries = Vec::new();
    let mut light = Vec::new();
    let mut actor = Vec::new();
    let mut search = Vec::new();
    let mut rare = Vec::new();
    for i in 0..200 {
        let month = 1 + rng.below(12);
        let year = 2015 + rng.below(9);
        let since: Date = format!("{year}-{month:02}-01").parse().expect("date");
        let until = since
            .checked_add(jiff::Span::new().months(6))
            .unwrap_or(since);
        // Heavy dyads: the most frequent codes.
        let (a, b) = (rng.below(3), 3 + rng.below(3));
        queries.push(EventQuery {
            dyad: Some((code(b), code(a))),
            since: Some(since),
            until: Some(until),
            limit: Some(100),
            ..Default::default()
        });
        light.push(EventQuery {
            dyad: Some((code(20 + rng.below(100)), code(120 + rng.below(100)))),
            since: Some(since),
            limit: Some(100),
            ..Default::default()
        });
        actor.push(EventQuery {
            actor: Some(code(i % 10)),
            since: Some(since),
            until: Some(until),
            limit: Some(100),
            ..Default::default()
        });
        rare.push(EventQuery {
            search: Some(format!("case{}", rng.below(50_000))),
            limit: Some(100),
            ..Default::default()
        });
        search.push(EventQuery {
            search: Some(format!("{} {}", WORDS[i % 16], WORDS[(i * 7 + 3) % 16])),
            dyad: Some((code(0), code(1 + i % 5))),
            limit: Some(100),
            ..Default::default()
        });
    }
    time_queries(&store, "dyad+6 months (heavy dyad)", &queries);
    time_queries(&store, "dyad+since (random dyad)", &light);
    time_queries(&store, "actor+6 months", &actor);
    time_queries(&store, "dyad+search (common words)", &search);
    time_queries(&store, "search (rare word)", &rare);
    let started = Instant::now();
    let summary = store
        .dyad_summary(&dyad_store::SummaryQuery {
            dyad: Some((code(0), code(1))),
            by_month: true,
            limit: Some(500),
            ..Default::default()
        })
        .expect("summary");
    println!(
        "dyad summary by month (heaviest dyad, {} months): {:.2} ms",
        summary.len(),
        ms(started.elapsed())
    );
}
