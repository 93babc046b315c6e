//! The read views of the HTTP API over a small store: overview, timelines (day, ISO week,
//! month), the directed network, places, document listings and one document with its
//! entities and events, an event's reports, and the intake every edge applies.

use dyad_core::{Pipeline, SourceDocument};
use dyad_store::{Admission, EventQuery, Intake, Interval, Store};

fn doc(id: &str, published: &str, text: &str, source: &str) -> SourceDocument {
    SourceDocument {
        id: id.into(),
        title: Some(format!("Title of {id}")),
        published: Some(published.parse().unwrap()),
        source: Some(source.into()),
        text: text.into(),
        ..Default::default()
    }
}

fn store() -> Store {
    let pipeline = Pipeline::embedded().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let intake = Intake::default();
    for source in [
        doc(
            "d1",
            "2024-11-29",
            "Russia and China signed a trade agreement in Beijing on Friday.",
            "Wire A",
        ),
        doc(
            "d2",
            "2024-12-03",
            "Russian forces shelled Kharkiv in Ukraine on Monday, killing 12 people.",
            "Wire B",
        ),
        doc(
            "d3",
            "2025-02-11",
            "Ukraine accused Russia of shelling Odesa on Tuesday. Moscow denied the accusation.",
            "Wire A",
        ),
        doc(
            "d4_100%",
            "2025-02-12",
            "China urged Russia and Ukraine to return to talks, a spokesperson said in Beijing on Wednesday.",
            "Wire C",
        ),
    ] {
        let Admission::Extract(source) = intake.admit(&store, source).unwrap() else {
            panic!("not admitted");
        };
        store.add(&pipeline.extract(*source)).unwrap();
    }
    store
}

#[test]
fn overview_counts_add_up() {
    let store = store();
    let overview = store.overview().unwrap();
    assert_eq!(overview.documents, 4);
    assert!(overview.events >= 3, "{overview:?}");
    let by_type: u64 = overview.by_type.iter().map(|t| t.count).sum();
    assert_eq!(by_type, overview.events);
    let q = &overview.by_quad;
    assert_eq!(
        q.verbal_cooperation + q.material_cooperation + q.verbal_conflict + q.material_conflict,
        overview.events
    );
    assert!(overview.first <= overview.last);
    assert_eq!(overview.matching, overview.events);
    // The period the documents were published in, whatever dates the events carry.
    assert_eq!(overview.published_first.as_deref(), Some("2024-11-29"));
    assert_eq!(overview.published_last.as_deref(), Some("2025-02-12"));
}

#[test]
fn the_overview_and_summaries_follow_a_status_filter() {
    use dyad_model::Status;
    let store = store();
    let all = store.overview().unwrap();
    let stated = vec![Status::Asserted, Status::Reported, Status::Alleged];
    let query = EventQuery {
        status: stated.clone(),
        ..EventQuery::default()
    };
    let filtered = store.overview_of(&query).unwrap();
    assert_eq!(filtered.events, all.events, "store totals stay whole");
    assert_eq!(filtered.matching, store.count_events(&query).unwrap());
    let by_type: u64 = filtered.by_type.iter().map(|t| t.count).sum();
    assert_eq!(by_type, filtered.matching);
    // "Moscow denied the accusation": the shelling it denies is left out.
    let denied = EventQuery {
        status: vec![Status::Denied],
        ..EventQuery::default()
    };
    let n_denied = store.count_events(&denied).unwrap();
    assert!(n_denied >= 1);
    assert!(filtered.matching + n_denied <= all.events);
    let summary = |status: Vec<Status>| {
        store
            .actor_summary(&dyad_store::SummaryQuery {
                status,
                limit: Some(100),
                ..Default::default()
            })
            .unwrap()
            .into_iter()
            .map(|a| a.events)
            .sum::<u64>()
    };
    assert!(summary(stated.clone()) < summary(vec![]));
    let dyads = |status: Vec<Status>| {
        store
            .dyad_summary(&dyad_store::SummaryQuery {
                status,
                limit: Some(100),
                ..Default::default()
            })
            .unwrap()
            .into_iter()
            .map(|d| d.events)
            .sum::<u64>()
    };
    assert!(dyads(stated) < dyads(vec![]));
}

#[test]
fn timelines_bucket_by_day_week_and_month() {
    let store = store();
    let all = EventQuery::default();
    let months = store.timeline(&all, Interval::Month).unwrap();
    assert!(months.iter().all(|b| b.period.len() == 7));
    // Months without events between the first and the last are present, empty.
    for pair in months.windows(2) {
        assert!(pair[0].period < pair[1].period);
    }
    let total: u64 = months.iter().map(|b| b.events).sum();
    assert_eq!(total, store.count_events(&all).unwrap());
    for bucket in store.timeline(&all, Interval::Week).unwrap() {
        let monday: jiff::civil::Date = bucket.period.parse().unwrap();
        assert_eq!(monday.weekday(), jiff::civil::Weekday::Monday, "{bucket:?}");
    }
    let days = store.timeline(&all, Interval::Day).unwrap();
    assert!(days.len() >= months.len());
    let dyad = EventQuery {
        dyad: Some(("CHN".into(), "RUS".into())),
        ..EventQuery::default()
    };
    let dyad_total: u64 = store
        .timeline(&dyad, Interval::Month)
        .unwrap()
        .iter()
        .map(|b| b.events)
        .sum();
    assert_eq!(dyad_total, store.count_events(&dyad).unwrap());
    // Undated events are filed under their publication date and counted apart.
    let undated: u64 = months.iter().map(|b| b.undated).sum();
    let dated = store
        .events(&all)
        .unwrap()
        .iter()
        .filter(|e| e.event.date.is_some())
        .count() as u64;
    assert_eq!(undated + dated, total);
    assert!(months.iter().all(|b| b.undated <= b.events));
}

#[test]
fn the_network_joins_actors_to_recipients() {
    let store = store();
    let network = store.network(&EventQuery::default(), 50).unwrap();
    assert!(!network.edges.is_empty());
    for edge in &network.edges {
        assert_ne!(edge.source, edge.target);
        assert!(edge.cooperation + edge.conflict <= edge.events);
        assert!(network.nodes.iter().any(|n| n.code == edge.source));
        assert!(network.nodes.iter().any(|n| n.code == edge.target));
    }
    assert!(network
        .nodes
        .iter()
        .any(|n| n.code == "RUS" && n.name.as_deref() == Some("Russia")));
    // A node's events split into those it acts in and those it receives (both may count).
    for node in &network.nodes {
        assert!(
            node.as_actor <= node.events && node.as_recipient <= node.events,
            "{node:?}"
        );
        assert!(node.as_actor + node.as_recipient >= node.events, "{node:?}");
    }
    let limited = store.network(&EventQuery::default(), 1).unwrap();
    assert_eq!(limited.edges.len(), 1);
}

#[test]
fn places_documents_and_reports_read_back() {
    let store = store();
    let places = store.places(&EventQuery::default(), 10).unwrap();
    assert!(places.iter().any(|p| p.lat.is_some()), "{places:?}");

    let page = store.documents(None, 2, 0).unwrap();
    assert_eq!(page.total, 4);
    assert_eq!(page.documents.len(), 2);
    assert_eq!(page.documents[0].doc_key, "d4_100%", "latest first");
    // LIKE wildcards in the search are literal.
    assert_eq!(store.documents(Some("100%"), 10, 0).unwrap().total, 1);
    assert_eq!(store.documents(Some("d_"), 10, 0).unwrap().total, 0);
    assert_eq!(store.documents(Some("kharkiv"), 10, 0).unwrap().total, 1);

    let row = page.documents[1].id;
    let (view, events) = store.document_view(row).unwrap().unwrap();
    assert_eq!(view.store_id, row);
    for entity in &view.entities {
        for m in &entity.mentions {
            assert_eq!(
                view.document.text.get(m.start..m.end),
                Some(m.text.as_str())
            );
        }
    }
    for event in &events {
        let reports = store.event_reports(event.store_id).unwrap();
        assert!(reports.iter().any(|r| r.document_id == row));
        for r in &reports {
            assert!(!r.evidence.is_empty());
        }
    }
    assert!(store.document_view(9999).unwrap().is_none());
    assert!(store.event_reports(9999).unwrap().is_empty());
}

#[test]
fn organisations_of_one_story_stay_apart_and_are_named() {
    let pipeline = Pipeline::embedded().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let text = "NATO accused Russia of violating the airspace of Estonia on Monday.\n\n\
                The European Union imposed new sanctions on Russia on Tuesday.";
    store
        .add(&pipeline.extract(doc("o1", "2025-03-10", text, "Wire A")))
        .unwrap();
    let dyads = store
        .dyad_summary(&dyad_store::SummaryQuery::default())
        .unwrap();
    let pairs: Vec<(&str, &str, Option<&str>)> = dyads
        .iter()
        .map(|d| (d.code_a.as_str(), d.code_b.as_str(), d.name_a.as_deref()))
        .collect();
    assert!(
        pairs.contains(&("IGOEEC", "RUS", Some("European Union"))),
        "{pairs:?}"
    );
    assert!(
        pairs.contains(&("IGONAT", "RUS", Some("NATO"))),
        "{pairs:?}"
    );
    assert!(dyads
        .iter()
        .all(|d| d.code_b != "RUS" || d.name_b.as_deref() == Some("Russia")));
    // Actors: two, each named after itself.
    let actors = store
        .actor_summary(&dyad_store::SummaryQuery::default())
        .unwrap();
    let named = |code: &str| {
        actors
            .iter()
            .find(|a| a.code == code)
            .and_then(|a| a.name.clone())
    };
    assert_eq!(named("IGONAT").as_deref(), Some("NATO"));
    assert_eq!(named("IGOEEC").as_deref(), Some("European Union"));
    // An IGO filter finds every IGO's events; an organisation's code only its own.
    let count = |actor: &str| {
        store
            .events(&EventQuery {
                actor: Some(actor.into()),
                ..Default::default()
            })
            .unwrap()
            .len()
    };
    assert_eq!(count("IGO"), 2);
    assert_eq!(count("igonat"), 1);
    assert_eq!(count("IGOEEC"), 1);
    let summary = store
        .actor_summary(&dyad_store::SummaryQuery {
            actor: Some("IGO".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(summary.len(), 2, "{summary:?}");
}
