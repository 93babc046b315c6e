//! End-to-end reading of the founding example (`../shared/seed/article.txt`), published
//! 2024-12-01: the ingest → text → actors → events pipeline must read it as an analyst would.
//! Skips when `../shared` is absent.

use dyad_core::{EntityType, EventType, Extraction, Pipeline, Status};

fn seed() -> Option<Extraction> {
    let path = dyad_data::shared::path_or_skip("founding_example", "seed/article.txt")?;
    let bytes = std::fs::read(&path).expect("the seed article is readable");
    let mut docs = dyad_ingest::read("article.txt", &bytes);
    let mut doc = docs.next().expect("one document").expect("readable");
    doc.published = Some("2024-12-01".parse().unwrap());
    Some(
        Pipeline::embedded()
            .expect("embedded data parses")
            .extract(doc),
    )
}

fn entity<'a>(x: &'a Extraction, name: &str) -> &'a dyad_core::Entity {
    x.entities
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| {
            panic!(
                "no entity {name:?}; entities: {:?}",
                x.entities.iter().map(|e| &e.name).collect::<Vec<_>>()
            )
        })
}

fn codes(refs: &[dyad_core::ActorRef]) -> Vec<&str> {
    let mut v: Vec<&str> = refs.iter().filter_map(|a| a.code.as_deref()).collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn paywall_notice_is_gone() {
    let Some(x) = seed() else { return };
    let text = x.doc.text.to_lowercase();
    for phrase in [
        "subscriber",
        "log into your account",
        "card on file",
        "login",
    ] {
        assert!(
            !text.contains(phrase),
            "paywall text {phrase:?} left in doc.text"
        );
    }
    assert!(x.doc.text.contains("Kim Jong Un"));
}

#[test]
fn people_countries_and_nato() {
    let Some(x) = seed() else { return };
    let kim = entity(&x, "Kim Jong Un");
    assert_eq!(
        (kim.kind, kim.code.as_deref()),
        (EntityType::Person, Some("PRK"))
    );
    assert!(
        kim.mentions.iter().any(|m| m.text == "Kim"),
        "short name Kim not joined"
    );
    let belousov = entity(&x, "Andrei Belousov");
    assert_eq!(
        (belousov.kind, belousov.code.as_deref()),
        (EntityType::Person, Some("RUS"))
    );
    assert!(belousov
        .role
        .as_deref()
        .is_some_and(|r| r.contains("minister")));
    let putin = entity(&x, "Vladimir Putin");
    assert_eq!(
        (putin.kind, putin.code.as_deref()),
        (EntityType::Person, Some("RUS"))
    );
    for code in ["PRK", "RUS", "UKR", "USA", "KOR"] {
        assert!(
            x.entities
                .iter()
                .any(|e| e.kind == EntityType::Country && e.code.as_deref() == Some(code)),
            "country {code} missing"
        );
    }
    let nato = entity(&x, "NATO");
    assert_eq!(nato.kind, EntityType::Organization);
    for e in &x.entities {
        for m in &e.mentions {
            assert_eq!(
                &x.doc.text[m.start..m.end],
                m.text,
                "mention offsets of {}",
                e.name
            );
        }
    }
}

#[test]
fn the_events_an_analyst_reads() {
    let Some(x) = seed() else { return };
    let summary: Vec<String> = x
        .events
        .iter()
        .map(|e| {
            format!(
                "{} {:?}->{:?} {:?} {:?} {}",
                e.event,
                codes(&e.actor),
                codes(&e.recipient),
                e.date,
                e.status,
                e.trigger.text
            )
        })
        .collect();
    assert!(x.events.len() <= 20, "too many events: {summary:#?}");

    // The meeting in Pyongyang on Friday.
    let meeting = x
        .events
        .iter()
        .find(|e| e.event == EventType::Consult && e.date == Some("2024-11-29".parse().unwrap()))
        .unwrap_or_else(|| panic!("no dated meeting: {summary:#?}"));
    assert_eq!(
        meeting.location.as_ref().map(|l| l.name.as_str()),
        Some("Pyongyang")
    );
    let mut parties = codes(&meeting.actor);
    parties.extend(codes(&meeting.recipient));
    parties.sort();
    parties.dedup();
    assert_eq!(parties, vec!["PRK", "RUS"]);

    // The meeting and the pledge are reported by North Korean state media ("According to
    // North Korean state media, Kim expressed ..." follows the meeting's sentence).
    let by_state_media = |e: &dyad_core::Event| {
        e.status == Status::Reported
            && e.attribution.iter().any(|a| {
                a.text.contains("North Korean state media")
                    && a.cue.eq_ignore_ascii_case("according to")
            })
    };
    assert!(
        by_state_media(meeting),
        "meeting not reported by state media: {:?} {:?}",
        meeting.status,
        meeting.attribution
    );

    // Kim's support for Russia, the headline's pledge and the body's statement one event.
    let support: Vec<&dyad_core::Event> = x
        .events
        .iter()
        .filter(|e| {
            e.event == EventType::Support
                && codes(&e.actor) == ["PRK"]
                && codes(&e.recipient).contains(&"RUS")
        })
        .collect();
    assert_eq!(support.len(), 1, "PRK→RUS support: {summary:#?}");
    assert!(
        by_state_media(support[0]),
        "pledge not reported by state media: {:?} {:?}",
        support[0].status,
        support[0].attribution
    );

    // The strategic pact of June 2024, month precision.
    assert!(
        x.events
            .iter()
            .any(|e| e.date == Some("2024-06-01".parse().unwrap())
                && e.date_precision == Some(dyad_core::DatePrecision::Month)),
        "no June 2024 pact: {summary:#?}"
    );

    // About 12,000 troops sent to Russia, serving in the Kursk region.
    assert!(
        x.events
            .iter()
            .any(|e| e.magnitude.get("troops") == Some(&12000)
                && codes(&e.actor) == ["PRK"]
                && codes(&e.recipient) == ["RUS"]
                && e.location
                    .as_ref()
                    .is_some_and(|l| l.name.contains("Kursk"))),
        "no troop deployment: {summary:#?}"
    );

    // Russia's transfers, alleged by South Korean intelligence, denied by Moscow and Pyongyang.
    let transfer = x
        .events
        .iter()
        .find(|e| {
            e.event == EventType::Aid
                && codes(&e.actor) == ["RUS"]
                && codes(&e.recipient) == ["PRK"]
        })
        .unwrap_or_else(|| panic!("no RUS→PRK transfer: {summary:#?}"));
    assert!(
        transfer
            .attribution
            .iter()
            .any(|a| a.code.as_deref() == Some("KOR")),
        "transfer not attributed to South Korea: {:?}",
        transfer.attribution
    );
    assert_eq!(transfer.status, Status::Denied);
    let denial = x
        .events
        .iter()
        .find(|e| e.event == EventType::Reject && e.links.contains(&transfer.id))
        .unwrap_or_else(|| panic!("no denial linked to the transfer: {summary:#?}"));
    assert_eq!(codes(&denial.actor), vec!["PRK", "RUS"]);
    let deniers: Vec<&str> = transfer
        .denied_by
        .iter()
        .filter_map(|d| d.code.as_deref())
        .collect();
    assert!(
        deniers.contains(&"RUS") && deniers.contains(&"PRK"),
        "denied_by: {deniers:?}"
    );

    // Nobody meets, helps or agrees with themselves.
    for e in &x.events {
        let actors = codes(&e.actor);
        if matches!(
            e.event,
            EventType::Consult | EventType::Aid | EventType::Support
        ) && actors.len() == 1
        {
            assert_ne!(
                codes(&e.recipient),
                actors,
                "reflexive {} event: {summary:#?}",
                e.event
            );
        }
    }

    // Kim's accusation against the US.
    assert!(
        x.events.iter().any(|e| e.event == EventType::Accuse
            && codes(&e.actor) == ["PRK"]
            && codes(&e.recipient).contains(&"USA")),
        "no accusation against the US: {summary:#?}"
    );
}
