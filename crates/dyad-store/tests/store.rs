//! The store over hand-built extractions: merging reports of one happening across
//! documents, wire copies, idempotent re-adds, claims, and every query filter.

use dyad_model::testing::{
    self, attribution, date, denial, extraction, named_actor, place, EventFixture,
};
use dyad_model::{DatePrecision, Event, EventType, Location, Status};
use dyad_store::{EventQuery, Sort, Store, SummaryQuery};

/// An event coded `cameo` in quad class `quad`, with a Goldstein score of the quad's
/// sign (3.0 for cooperation, -5.0 for conflict).
fn coded(kind: EventType, cameo: &str, quad: u8) -> Event {
    let goldstein = if quad <= 2 { 3.0 } else { -5.0 };
    testing::event(kind, &[], &[]).with_cameo(cameo, goldstein, quad)
}

fn meeting(id: &str, day: Option<&str>, evidence: &str) -> Event {
    let e = coded(EventType::Consult, "042", 1)
        .with_id(id)
        .with_parties(
            vec![named_actor("Andrei Belousov", "RUS", "GOV")],
            vec![named_actor("Kim Jong Un", "PRK", "GOV")],
        )
        .with_evidence(evidence);
    match day {
        Some(day) => e.on(day),
        None => e,
    }
}

#[test]
fn three_reports_of_one_meeting_are_one_event() {
    let mut store = Store::open_in_memory().unwrap();
    let a = extraction(
        "a",
        "Reuters",
        "2024-11-30",
        "Russian defence minister Andrei Belousov met Kim Jong Un in Pyongyang on Friday.",
        vec![meeting(
            "a-ev1",
            Some("2024-11-29"),
            "Belousov met Kim in Pyongyang.",
        )],
    );
    let mut reversed = meeting("b-ev1", Some("2024-11-29"), "Kim received Belousov.");
    std::mem::swap(&mut reversed.actor, &mut reversed.recipient);
    let b = extraction(
        "b",
        "AP",
        "2024-11-30",
        "North Korean leader Kim Jong Un received the Russian defence minister this week.",
        vec![reversed],
    );
    let c = extraction(
        "c",
        "KCNA",
        "2024-12-02",
        "The talks between Kim Jong Un and Andrei Belousov in late November were productive.",
        vec![meeting("c-ev1", None, "The talks were productive.")],
    );
    for x in [&a, &b, &c] {
        assert!(store.add(x).unwrap().stored);
    }
    let events = store.events(&EventQuery::default()).unwrap();
    assert_eq!(events.len(), 1, "{events:#?}");
    let e = &events[0];
    assert_eq!((e.num_mentions, e.num_articles, e.num_sources), (3, 3, 3));
    assert_eq!(e.sources, vec!["Reuters", "AP", "KCNA"]);
    assert_eq!(e.documents, vec!["a", "b", "c"]);
    assert_eq!(e.first_seen, Some(date("2024-11-30")));
    assert_eq!(e.last_seen, Some(date("2024-12-02")));
    assert_eq!(e.event.date, Some(date("2024-11-29")));

    // Re-adding changes nothing.
    let before = store.stats().unwrap();
    for x in [&a, &b, &c] {
        assert!(!store.add(x).unwrap().stored);
    }
    assert_eq!(store.stats().unwrap(), before);
}

#[test]
fn different_happenings_stay_apart() {
    let mut store = Store::open_in_memory().unwrap();
    let x = extraction(
        "x",
        "Reuters",
        "2024-06-20",
        "x",
        vec![
            meeting("x1", Some("2024-06-19"), "one"),
            meeting("x2", Some("2024-09-10"), "a later meeting"),
            coded(EventType::Assault, "190", 4)
                .with_id("x3")
                .with_parties(
                    vec![named_actor("Russian forces", "RUS", "MIL")],
                    vec![named_actor("Ukrainian troops", "UKR", "MIL")],
                )
                .on("2024-06-19")
                .with_evidence("fighting"),
            coded(EventType::Assault, "190", 4)
                .with_id("x4")
                .with_parties(
                    vec![named_actor("Ukrainian troops", "UKR", "MIL")],
                    vec![named_actor("Russian forces", "RUS", "MIL")],
                )
                .on("2024-06-19")
                .with_evidence("counter-attack"),
        ],
    );
    store.add(&x).unwrap();
    assert_eq!(store.stats().unwrap().events, 4);
}

/// A request by a journalist with no recipient, as four unrelated stories end:
/// "VOA requested comment from ...".
fn request_for_comment(id: &str, evidence: &str) -> Event {
    coded(EventType::Request, "100", 1)
        .with_id(id)
        .with_parties(vec![named_actor("VOA", "USA", "JRN")], vec![])
        .on("2025-03-04")
        .with_trigger("requested", 4)
        .with_evidence(evidence)
}

#[test]
fn events_without_a_recipient_merge_only_when_place_trigger_and_text_agree() {
    let mut store = Store::open_in_memory().unwrap();
    let endings = [
        "VOA requested comment from the Department of Homeland Security.",
        "VOA requested comment from the Pentagon about the contract.",
        "VOA requested comment from the White House but received none.",
        "VOA requested comment from the State Department.",
    ];
    for (i, ending) in endings.iter().enumerate() {
        let id = format!("voa-{i}");
        let report = request_for_comment(&format!("{id}-ev1"), ending);
        let x = extraction(
            &id,
            "VOA",
            "2025-03-05",
            &format!("Story {i}. {ending}"),
            vec![report],
        );
        assert!(store.add(&x).unwrap().stored);
    }
    assert_eq!(
        store.stats().unwrap().events,
        4,
        "four stories, four requests"
    );
    // Two outlets telling the same protest in Dhaka: one event with two sources.
    let protest = |id: &str, trigger: &str, evidence: &str| {
        coded(EventType::Request, "100", 1)
            .with_id(id)
            .with_parties(vec![named_actor("students", "BGD", "CVL")], vec![])
            .on("2025-03-04")
            .at(place("Dhaka", "BGD"))
            .with_trigger(trigger, 0)
            .with_evidence(evidence)
    };
    let a = protest(
        "a-ev1",
        "demanded",
        "Students in Dhaka demanded the release of detained classmates.",
    );
    let b = protest(
        "b-ev1",
        "demanded",
        "In Dhaka, students demanded the release of their detained classmates.",
    );
    store
        .add(&extraction("a", "Dhaka Daily", "2025-03-05", "a", vec![a]))
        .unwrap();
    store
        .add(&extraction("b", "Wire Asia", "2025-03-05", "b", vec![b]))
        .unwrap();
    assert_eq!(store.stats().unwrap().events, 5);
    let merged = store
        .events(&EventQuery {
            place: Some("Dhaka".into()),
            ..EventQuery::default()
        })
        .unwrap();
    assert_eq!(merged.len(), 1);
    assert_eq!(merged[0].num_sources, 2);
}

#[test]
fn wire_copies_count_once() {
    let mut store = Store::open_in_memory().unwrap();
    let text = "Russian defence minister Andrei Belousov met North Korean leader Kim Jong Un in Pyongyang.";
    let original = extraction(
        "w1",
        "AP",
        "2024-11-30",
        text,
        vec![meeting("w1-1", Some("2024-11-29"), text)],
    );
    let copy = extraction(
        "w2",
        "Yahoo News",
        "2024-11-30",
        &text.to_uppercase(),
        vec![meeting("w2-1", Some("2024-11-29"), text)],
    );
    let mut marked = extraction(
        "w3",
        "MSN",
        "2024-11-30",
        "Different cleaning of the same wire story.",
        vec![meeting("w3-1", Some("2024-11-29"), text)],
    );
    marked.doc.duplicate_of = Some("w1".into());
    store.add(&original).unwrap();
    assert_eq!(
        store.add(&copy).unwrap().duplicate_of.as_deref(),
        Some("w1")
    );
    assert_eq!(
        store.add(&marked).unwrap().duplicate_of.as_deref(),
        Some("w1")
    );
    let e = &store.events(&EventQuery::default()).unwrap()[0];
    assert_eq!((e.num_mentions, e.num_articles, e.num_sources), (1, 1, 1));
    assert_eq!(e.documents.len(), 3);
    assert_eq!(store.stats().unwrap().duplicates, 2);

    // A copy's event that no rule could merge (no actor codes, no place) still joins the
    // event its original's report made, and counts nothing.
    let unnamed = |id: &str| {
        coded(EventType::Assault, "190", 4)
            .with_id(id)
            .on("2024-05-02")
            .with_evidence("Gunmen attacked a village.")
    };
    let text = "Gunmen attacked a village in the north on Thursday, killing several people, officials said.";
    store
        .add(&extraction(
            "g1",
            "AP",
            "2024-05-03",
            text,
            vec![unnamed("g1-ev1")],
        ))
        .unwrap();
    let mut copy = extraction(
        "g2",
        "Yahoo News",
        "2024-05-03",
        text,
        vec![unnamed("g1-ev1")],
    );
    copy.doc.url = Some("https://news.yahoo.com/g2".into());
    copy.events[0].id = "g2-ev1".into();
    assert!(store.add(&copy).unwrap().duplicate_of.is_some());
    let attacks = store
        .events(&EventQuery {
            event: Some(EventType::Assault),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(attacks.len(), 1, "{attacks:#?}");
    assert_eq!((attacks[0].num_mentions, attacks[0].num_articles), (1, 1));
    assert_eq!(attacks[0].documents, vec!["g1", "g2"]);
}

#[test]
fn claims_collect_asserting_and_denying_sources() {
    let mut store = Store::open_in_memory().unwrap();
    let troops = |id: &str| {
        coded(EventType::Mobilize, "1531", 4)
            .with_id(id)
            .with_parties(
                vec![named_actor("North Korea", "PRK", "MIL")],
                vec![named_actor("Russia", "RUS", "GOV")],
            )
            .on("2024-10-01")
            .with_evidence("North Korea sent troops to Russia.")
    };
    let reported = troops("r1")
        .with_status(Status::Reported)
        .attributed_to(attribution(
            "South Korean intelligence",
            "KOR",
            "SPY",
            "said",
        ));
    let denied = troops("d1")
        .with_status(Status::Denied)
        .denied_by(denial("the Kremlin", "RUS"));
    store
        .add(&extraction(
            "r",
            "Yonhap",
            "2024-10-02",
            "r",
            vec![reported],
        ))
        .unwrap();
    store
        .add(&extraction("d", "TASS", "2024-10-03", "d", vec![denied]))
        .unwrap();
    let events = store.events(&EventQuery::default()).unwrap();
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(e.event.status, Status::Denied);
    assert_eq!(e.event.attribution[0].text, "South Korean intelligence");
    assert_eq!(e.event.denied_by[0].text, "the Kremlin");
    let denies = e.claims.iter().find(|c| c.stance == "denies").unwrap();
    assert_eq!(denies.first_seen, Some(date("2024-10-03")));
    assert_eq!(denies.sources, vec!["TASS"]);
    let json = serde_json::to_value(e).unwrap();
    for key in [
        "event",
        "cameo",
        "actor",
        "num_mentions",
        "num_sources",
        "num_articles",
        "first_seen",
        "last_seen",
        "documents",
        "claims",
    ] {
        assert!(json.get(key).is_some(), "missing {key}");
    }
}

/// A store with one event of each kind the filters tell apart.
fn filter_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let visit = meeting(
        "f1",
        Some("2024-06-19"),
        "Putin arrived in Pyongyang for a summit.",
    )
    .at(Location {
        lat: Some(39.03),
        lon: Some(125.75),
        geonameid: Some(1871859),
        ..place("Pyongyang", "PRK")
    });
    let strike = coded(EventType::Assault, "195", 4)
        .with_id("f2")
        .with_parties(
            vec![named_actor("Russian forces", "RUS", "MIL")],
            vec![named_actor("civilians", "UKR", "CVL")],
        )
        .on("2024-03-02")
        .with_evidence("A drone strike hit Odesa.");
    let threat = coded(EventType::Threaten, "138", 3)
        .with_id("f3")
        .with_parties(
            vec![named_actor("Pyongyang", "PRK", "GOV")],
            vec![named_actor("Seoul", "KOR", "GOV")],
        )
        .on("2024-08-10")
        .with_evidence("North Korea threatened retaliation against Seoul.")
        .with_status(Status::Alleged);
    store
        .add(&extraction(
            "f",
            "Reuters",
            "2024-08-11",
            "f",
            vec![visit, strike, threat],
        ))
        .unwrap();
    store
}

fn ids(store: &Store, query: EventQuery) -> Vec<String> {
    let mut ids: Vec<String> = store
        .events(&query)
        .unwrap()
        .into_iter()
        .map(|e| e.event.evidence.split(' ').next().unwrap_or("").to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn every_filter_selects_its_events() {
    let store = filter_store();
    let q = EventQuery::default;
    assert_eq!(ids(&store, q()).len(), 3);
    let by_actor = ids(
        &store,
        EventQuery {
            actor: Some("RUS".into()),
            ..q()
        },
    );
    assert_eq!(by_actor, vec!["A", "Putin"]);
    let by_actor_sector = ids(
        &store,
        EventQuery {
            actor: Some("RUSMIL".into()),
            ..q()
        },
    );
    assert_eq!(by_actor_sector, vec!["A"]);
    let by_recipient = ids(
        &store,
        EventQuery {
            recipient: Some("KOR".into()),
            ..q()
        },
    );
    assert_eq!(by_recipient, vec!["North"]);
    let dyad = ids(
        &store,
        EventQuery {
            dyad: Some(("PRK".into(), "RUS".into())),
            ..q()
        },
    );
    let dyad_reversed = ids(
        &store,
        EventQuery {
            dyad: Some(("RUS".into(), "PRK".into())),
            ..q()
        },
    );
    assert_eq!(dyad, vec!["Putin"]);
    assert_eq!(dyad, dyad_reversed);
    let kind = ids(
        &store,
        EventQuery {
            event: Some(EventType::Assault),
            ..q()
        },
    );
    assert_eq!(kind, vec!["A"]);
    let status = ids(
        &store,
        EventQuery {
            status: vec![Status::Alleged],
            ..q()
        },
    );
    assert_eq!(status, vec!["North"]);
    let since = ids(
        &store,
        EventQuery {
            since: Some(date("2024-06-01")),
            ..q()
        },
    );
    assert_eq!(since, vec!["North", "Putin"]);
    let until = ids(
        &store,
        EventQuery {
            until: Some(date("2024-06-30")),
            ..q()
        },
    );
    assert_eq!(until, vec!["A", "Putin"]);
    let search = ids(
        &store,
        EventQuery {
            search: Some("drone".into()),
            ..q()
        },
    );
    assert_eq!(search, vec!["A"]);
    let phrase = ids(
        &store,
        EventQuery {
            search: Some("\"threatened retaliation\"".into()),
            ..q()
        },
    );
    assert_eq!(phrase, vec!["North"]);
    let place = ids(
        &store,
        EventQuery {
            place: Some("pyong%".into()),
            ..q()
        },
    );
    assert_eq!(place, vec!["Putin"]);
    let country = ids(
        &store,
        EventQuery {
            country: Some("prk".into()),
            ..q()
        },
    );
    assert_eq!(country, vec!["Putin"]);
    let paged = store
        .events(&EventQuery {
            sort: Sort::DateAsc,
            limit: Some(1),
            offset: 1,
            ..q()
        })
        .unwrap();
    assert_eq!(paged.len(), 1);
    assert_eq!(paged[0].event.date, Some(date("2024-06-19")));
    assert_eq!(
        store
            .count_events(&EventQuery {
                actor: Some("PRK".into()),
                ..q()
            })
            .unwrap(),
        1
    );
}

#[test]
fn summaries_count_by_actor_and_dyad() {
    let store = filter_store();
    let actors = store.actor_summary(&SummaryQuery::default()).unwrap();
    let rus = actors.iter().find(|a| a.code == "RUS").unwrap();
    assert_eq!(
        (rus.events, rus.as_actor, rus.cooperation, rus.conflict),
        (2, 2, 1, 1)
    );
    let dyads = store
        .dyad_summary(&SummaryQuery {
            by_month: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(dyads.len(), 3);
    let prk_rus = dyads
        .iter()
        .find(|d| d.code_a == "PRK" && d.code_b == "RUS")
        .unwrap();
    assert_eq!(prk_rus.month.as_deref(), Some("2024-06"));
    assert_eq!(prk_rus.verbal_cooperation, 1);
    assert!((prk_rus.balance - 1.0).abs() < 1e-9);
}

#[test]
fn a_store_file_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dyad.db");
    {
        let mut store = Store::open(&path).unwrap();
        let mut batch = store.batch().unwrap();
        batch
            .add(&extraction(
                "a",
                "AP",
                "2024-11-30",
                "a",
                vec![meeting("a1", Some("2024-11-29"), "x")],
            ))
            .unwrap();
        batch.commit().unwrap();
        // A batch dropped without commit leaves nothing behind.
        let mut batch = store.batch().unwrap();
        batch
            .add(&extraction(
                "b",
                "AP",
                "2024-11-30",
                "b",
                vec![meeting("b1", Some("2024-11-29"), "y")],
            ))
            .unwrap();
        drop(batch);
    }
    let store = Store::open(&path).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.events, stats.reports), (1, 1, 1));
}

#[test]
fn coarse_and_fine_dates_find_each_other() {
    let mut store = Store::open_in_memory().unwrap();
    let in_june =
        meeting("m1", Some("2024-06-01"), "They met in June.").with_precision(DatePrecision::Month);
    store
        .add(&extraction("m", "AP", "2024-07-02", "m", vec![in_june]))
        .unwrap();
    store
        .add(&extraction(
            "d",
            "AFP",
            "2024-06-28",
            "d",
            vec![meeting("d1", Some("2024-06-27"), "They met on Thursday.")],
        ))
        .unwrap();
    let in_june_again =
        meeting("n1", Some("2024-06-01"), "The June meeting.").with_precision(DatePrecision::Month);
    store
        .add(&extraction(
            "n",
            "BBC",
            "2024-07-05",
            "n",
            vec![in_june_again],
        ))
        .unwrap();
    let events = store.events(&EventQuery::default()).unwrap();
    assert_eq!(events.len(), 1, "{events:#?}");
    assert_eq!(events[0].num_sources, 3);
    // The day date refines the month.
    assert_eq!(events[0].event.date, Some(date("2024-06-27")));
    assert_eq!(events[0].event.date_precision, Some(DatePrecision::Day));
}

#[test]
fn republications_with_small_edits_are_copies() {
    let mut store = Store::open_in_memory().unwrap();
    let story = "Russian Defence Minister Andrei Belousov met North Korean leader Kim Jong Un in \
        Pyongyang on Friday, state media reported, in the latest sign of deepening military ties \
        between the two countries. The meeting came weeks after the two nations ratified a mutual \
        defence treaty, and as Western governments accuse Pyongyang of sending thousands of troops \
        to fight alongside Russian forces. Kim said his country would continue to support Moscow, \
        according to the report, while Belousov praised the strategic partnership. North Korea has \
        denied sending troops, and Moscow has called the reports propaganda. Analysts say the \
        exchange gives Pyongyang access to Russian military technology and hard currency, while \
        Russia gains artillery shells and missiles for its war in Ukraine.";
    let edited = format!("{story} This story has been updated with comment from Seoul.");
    let original = extraction(
        "o",
        "AP",
        "2024-11-30",
        story,
        vec![meeting("o-ev1", Some("2024-11-29"), "x")],
    );
    let copy = extraction(
        "c",
        "Yahoo News",
        "2024-12-02",
        &edited,
        vec![meeting("c-ev1", Some("2024-11-29"), "x")],
    );
    let reprint = format!("{story} Republished from the archive.");
    let late = extraction("l", "Archive", "2025-03-02", &reprint, vec![]);
    store.add(&original).unwrap();
    assert_eq!(store.add(&copy).unwrap().duplicate_of.as_deref(), Some("o"));
    // Too long after the original to be a wire copy of it.
    assert_eq!(store.add(&late).unwrap().duplicate_of.as_deref(), None);
    let e = &store.events(&EventQuery::default()).unwrap()[0];
    assert_eq!((e.num_articles, e.num_sources), (1, 1));
}

#[test]
fn stores_opened_at_once_by_many_writers_are_migrated_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let handles: Vec<_> = (0..6)
        .map(|_| {
            let path = path.clone();
            std::thread::spawn(move || Store::open(&path).map(|s| s.schema_version().unwrap()))
        })
        .collect();
    let versions: Vec<i32> = handles
        .into_iter()
        .map(|h| h.join().unwrap().expect("every opener succeeds"))
        .collect();
    assert!(versions.windows(2).all(|w| w[0] == w[1]), "{versions:?}");
}

#[test]
fn reciprocal_events_count_for_their_dyad_only_but_domestic_dyads_stay() {
    let mut store = Store::open_in_memory().unwrap();
    let both = || {
        vec![
            named_actor("Abiy Ahmed", "ETH", "GOV"),
            named_actor("Hassan Sheikh Mohamud", "SOM", "GOV"),
        ]
    };
    let talks = coded(EventType::Consult, "046", 1)
        .with_id("ev1")
        .with_parties(both(), both())
        .on("2025-03-17")
        .with_evidence("The two leaders held talks.");
    let clash = coded(EventType::Assault, "190", 4)
        .with_id("ev2")
        .with_parties(
            vec![named_actor("the army", "SDN", "MIL")],
            vec![named_actor("the Rapid Support Forces", "SDN", "REB")],
        )
        .on("2025-03-18")
        .with_evidence("The army shelled the Rapid Support Forces.");
    store
        .add(&extraction(
            "a",
            "Wire",
            "2025-03-19",
            "text",
            vec![talks, clash],
        ))
        .unwrap();
    let dyads = store.dyad_summary(&SummaryQuery::default()).unwrap();
    let mut pairs: Vec<_> = dyads
        .iter()
        .map(|d| format!("{}-{}", d.code_a, d.code_b))
        .collect();
    pairs.sort();
    assert_eq!(pairs, ["ETH-SOM", "SDN-SDN"]);
}

/// Drops what version 4 of the schema added (to make an older store).
const UNDO_V4: &str = "
    DROP TRIGGER count_documents; DROP TRIGGER count_sources; DROP TRIGGER count_entities;
    DROP TRIGGER count_events; DROP TRIGGER count_reports; DROP TABLE store_counts;
    DROP TABLE document_fts; DROP INDEX documents_listing;";

#[test]
fn a_new_text_under_a_stored_id_is_kept_under_its_own_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys.db");
    let mut store = Store::open(&path).unwrap();
    let text =
        |n: usize| format!("Japan and India held talks on maritime security in Tokyo, round {n}.");
    let version = |n: usize| {
        extraction(
            "story",
            "Wire",
            "2025-01-13",
            &text(n),
            vec![meeting(
                &format!("story-ev{n}"),
                Some("2025-01-13"),
                &text(n),
            )],
        )
    };
    assert_eq!(store.add(&version(1)).unwrap().stored_as, None);
    let second = store.add(&version(2)).unwrap();
    assert!(second.stored);
    assert_eq!(second.stored_as.as_deref(), Some("story#2"));
    // The same content again is the document stored already, under its key.
    assert!(!store.add(&version(2)).unwrap().stored);
    assert_eq!(
        store.add(&version(3)).unwrap().stored_as.as_deref(),
        Some("story#3")
    );
    let keys = |store: &Store| -> Vec<String> {
        let mut keys: Vec<String> = store
            .documents(None, 10, 0)
            .unwrap()
            .documents
            .into_iter()
            .map(|d| d.doc_key)
            .collect();
        keys.sort();
        keys
    };
    assert_eq!(keys(&store), ["story", "story#2", "story#3"]);
    let events = store.events(&EventQuery::default()).unwrap();
    let mut documents: Vec<String> = events.iter().flat_map(|e| e.documents.clone()).collect();
    documents.sort();
    assert_eq!(documents, ["story", "story#2", "story#3"]);

    // A store written before keys were unique: its repeated keys are renamed on opening.
    store
        .connection()
        .execute_batch(&format!(
            "UPDATE documents SET doc_key = 'story'; {UNDO_V4} PRAGMA user_version = 2;"
        ))
        .unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(keys(&store), ["story", "story#2", "story#3"]);
}

/// The store's counts as SQL counts them, row by row.
fn counted(store: &Store) -> dyad_store::StoreStats {
    let count = |sql: &str| -> u64 {
        store
            .connection()
            .query_row(sql, [], |r| r.get::<_, i64>(0))
            .unwrap() as u64
    };
    dyad_store::StoreStats {
        documents: count("SELECT count(*) FROM documents"),
        duplicates: count("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL"),
        sources: count("SELECT count(*) FROM sources"),
        entities: count("SELECT count(*) FROM entities"),
        events: count("SELECT count(*) FROM events"),
        reports: count("SELECT count(*) FROM event_reports"),
    }
}

#[test]
fn kept_counts_equal_counted_ones_and_survive_the_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("counts.db");
    let mut store = Store::open(&path).unwrap();
    let text = "Russian defence minister Andrei Belousov met Kim Jong Un in Pyongyang on \
                Friday to discuss military cooperation between the two countries.";
    let report = |id: &str, outlet: &str| {
        let mut x = extraction(
            id,
            outlet,
            "2024-11-30",
            text,
            vec![meeting(&format!("{id}-ev1"), Some("2024-11-29"), text)],
        );
        x.entities.push(testing::entity(
            "e1",
            dyad_model::EntityType::Person,
            "Kim Jong Un",
            "PRK",
            "GOV",
        ));
        x
    };
    // Two outlets, a wire copy (same text), a document seen again: shared sources,
    // entities and events, one duplicate, one re-add that changes nothing.
    for (id, outlet) in [
        ("a", "Reuters"),
        ("b", "AP"),
        ("c", "Reuters"),
        ("a", "Reuters"),
    ] {
        store.add(&report(id, outlet)).unwrap();
    }
    let kept = store.stats().unwrap();
    assert_eq!(kept, counted(&store));
    assert_eq!(
        (kept.documents, kept.duplicates, kept.sources),
        (3, 2, 2),
        "{kept:?}"
    );
    assert_eq!(kept.entities, 1, "{kept:?}");

    // A version-3 store (no kept counts) gets them from its rows when it is upgraded.
    store
        .connection()
        .execute_batch(&format!("{UNDO_V4} PRAGMA user_version = 3;"))
        .unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.stats().unwrap(), kept);
    assert_eq!(store.documents(Some("Belousov"), 10, 0).unwrap().total, 3);
}

#[test]
fn a_search_without_a_word_matches_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let text = "Andrei Belousov met Kim Jong Un in Pyongyang.";
    store
        .add(&extraction(
            "a",
            "Reuters",
            "2024-11-30",
            text,
            vec![meeting("a-ev1", Some("2024-11-29"), text)],
        ))
        .unwrap();
    for search in ["!!!", "\u{200b}", "\"\"", "-"] {
        let query = EventQuery {
            search: Some(search.into()),
            ..EventQuery::default()
        };
        assert!(store.events(&query).unwrap().is_empty(), "{search:?}");
        assert_eq!(store.count_events(&query).unwrap(), 0, "{search:?}");
        assert_eq!(
            store.documents(Some(search), 10, 0).unwrap().total,
            0,
            "{search:?}"
        );
    }
    let blank = EventQuery {
        search: Some("  ".into()),
        ..EventQuery::default()
    };
    assert_eq!(
        store.events(&blank).unwrap().len(),
        1,
        "a blank search is no search"
    );
}
