//! Recognition on whole texts: the founding example (skipped when `../shared` is absent)
//! and invented articles about people no list names.

use std::path::PathBuf;

use dyad_actors::{ActorLexicon, Actors, MentionKind};
use dyad_data::DataSet;
use dyad_model::{Entity, EntityType};

fn lexicon() -> ActorLexicon {
    ActorLexicon::from_data(&DataSet::embedded()).expect("embedded data parses")
}

fn recognize(text: &str, published: &str) -> Actors {
    let layer = dyad_text::analyze(text);
    lexicon().recognize(text, &layer, Some(published.parse().unwrap()))
}

fn entity<'a>(a: &'a Actors, name: &str) -> &'a Entity {
    a.entities
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| {
            panic!(
                "no entity {name:?}; entities: {:?}",
                a.entities.iter().map(|e| &e.name).collect::<Vec<_>>()
            )
        })
}

fn check_invariants(text: &str, a: &Actors) {
    for (i, e) in a.entities.iter().enumerate() {
        assert_eq!(e.id, format!("e{}", i + 1));
        for m in &e.mentions {
            assert_eq!(
                &text[m.start..m.end],
                m.text,
                "mention offsets of {}",
                e.name
            );
        }
    }
    for w in a.mentions.windows(2) {
        assert!(w[0].span.end <= w[1].span.start, "mentions overlap: {w:?}");
    }
    for m in &a.mentions {
        assert!(m.entity < a.entities.len());
    }
}

/// The body of the seed article (the paywall notice, which the ingest step drops, is
/// harmless here).
fn seed() -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seed/article.txt");
    match std::fs::read_to_string(&path) {
        Ok(t) => Some(t),
        Err(_) => {
            eprintln!("skipping: {} not found", path.display());
            None
        }
    }
}

#[test]
fn seed_article_actors() {
    let Some(text) = seed() else { return };
    let a = recognize(&text, "2024-12-01");
    check_invariants(&text, &a);

    let kim = entity(&a, "Kim Jong Un");
    assert_eq!(kim.kind, EntityType::Person);
    assert_eq!(
        (kim.code.as_deref(), kim.sector.as_deref()),
        (Some("PRK"), Some("GOV"))
    );
    assert_eq!(kim.role.as_deref(), Some("leader"));
    assert!(
        kim.mentions.iter().filter(|m| m.text == "Kim").count() >= 3,
        "short names"
    );
    assert!(kim.mentions.iter().any(|m| m.text == "Kim Jong Un"));

    let belousov = entity(&a, "Andrei Belousov");
    assert_eq!(belousov.kind, EntityType::Person);
    assert_eq!(
        (belousov.code.as_deref(), belousov.sector.as_deref()),
        (Some("RUS"), Some("GOV"))
    );
    assert!(belousov
        .role
        .as_deref()
        .is_some_and(|r| r.contains("minister")));

    let putin = entity(&a, "Vladimir Putin");
    assert_eq!(
        (putin.code.as_deref(), putin.sector.as_deref()),
        (Some("RUS"), Some("GOV"))
    );
    assert_eq!(putin.role.as_deref(), Some("president"));

    for code in ["PRK", "RUS", "UKR", "USA", "KOR"] {
        assert!(
            a.entities
                .iter()
                .any(|e| e.kind == EntityType::Country && e.code.as_deref() == Some(code)),
            "country {code} missing"
        );
    }
    let us = a
        .entities
        .iter()
        .find(|e| e.code.as_deref() == Some("USA"))
        .unwrap();
    assert!(us.mentions.iter().any(|m| m.text == "US"));

    let nato = entity(&a, "NATO");
    assert_eq!(
        (nato.kind, nato.code.as_deref()),
        (EntityType::Organization, Some("IGO"))
    );

    let pyongyang = entity(&a, "Pyongyang");
    assert_eq!(pyongyang.kind, EntityType::Location);
    assert!(pyongyang.geo.is_some());
    let moscow = entity(&a, "Moscow");
    let kinds = |e: &Entity| -> Vec<MentionKind> {
        let i = a.entities.iter().position(|x| x.id == e.id).unwrap();
        a.mentions
            .iter()
            .filter(|m| m.entity == i)
            .map(|m| m.kind)
            .collect()
    };
    assert_eq!(kinds(moscow), vec![MentionKind::Metonym]);
    assert_eq!(
        kinds(pyongyang),
        vec![MentionKind::Name, MentionKind::Metonym],
        "in Pyongyang / both ... Pyongyang"
    );

    let kursk = entity(&a, "Kursk region");
    assert_eq!(
        (kursk.kind, kursk.code.as_deref()),
        (EntityType::Location, Some("RUS"))
    );

    let intel = entity(&a, "South Korean intelligence");
    assert_eq!(
        (intel.code.as_deref(), intel.sector.as_deref()),
        (Some("KOR"), Some("SPY"))
    );
    let media = entity(&a, "North Korean state media");
    assert_eq!(
        (media.code.as_deref(), media.sector.as_deref()),
        (Some("PRK"), Some("JRN"))
    );

    let two = entity(&a, "the two nations");
    assert_eq!(two.kind, EntityType::Group);
    let member_codes: Vec<&str> = two
        .members
        .iter()
        .map(|id| {
            a.entities
                .iter()
                .find(|e| &e.id == id)
                .unwrap()
                .code
                .as_deref()
                .unwrap()
        })
        .collect();
    assert!(
        member_codes.contains(&"PRK") && member_codes.contains(&"RUS"),
        "{member_codes:?}"
    );
}

const INVENTED: &str = "Veltrian Foreign Minister Oskar Brenvald met Tarosian President \
Amara Nkelu-Dovic in the capital on Monday. Brenvald said the talks were frank. Later, \
General Rufus Okonjo, the commander of the Tarosian army, told reporters that his troops \
would withdraw. Lina Perrault, Canada's trade minister, joined them. Nkelu-Dovic thanked \
her Veltrian counterpart. A Tunisian court sentenced two Palestinian security officials.";

fn invented_lexicon() -> ActorLexicon {
    let mut data = DataSet::embedded();
    // Two fictional countries, added the way an analyst would extend the supplement.
    let extra = format!(
        "{}\nVLT\tVeltria\t\tVeltrian\t\t\nTRS\tTarosia\t\tTarosian\t\t\n",
        data.get("actors/countries-extra.tsv")
            .unwrap_or("iso3\tname\taliases\tadjectives\tpeoples\tremove")
    );
    data.insert("actors/countries-extra.tsv", extra);
    ActorLexicon::from_data(&data).expect("data parses")
}

#[test]
fn people_no_list_names() {
    let text = INVENTED;
    let layer = dyad_text::analyze(text);
    let a = invented_lexicon().recognize(text, &layer, Some("2025-03-03".parse().unwrap()));
    check_invariants(text, &a);

    let oskar = entity(&a, "Oskar Brenvald");
    assert_eq!(oskar.kind, EntityType::Person);
    assert_eq!(
        (oskar.code.as_deref(), oskar.sector.as_deref()),
        (Some("VLT"), Some("GOV"))
    );
    assert_eq!(oskar.role.as_deref(), Some("foreign minister"));
    assert!(
        oskar.mentions.iter().any(|m| m.text == "Brenvald"),
        "short name joined"
    );

    let amara = entity(&a, "Amara Nkelu-Dovic");
    assert_eq!(
        (amara.code.as_deref(), amara.role.as_deref()),
        (Some("TRS"), Some("president"))
    );
    assert!(amara.mentions.iter().any(|m| m.text == "Nkelu-Dovic"));

    let rufus = entity(&a, "Rufus Okonjo");
    assert_eq!(rufus.sector.as_deref(), Some("MIL"));

    let lina = entity(&a, "Lina Perrault");
    assert_eq!(
        (lina.code.as_deref(), lina.role.as_deref()),
        (Some("CAN"), Some("trade minister"))
    );

    let court = entity(&a, "Tunisian court");
    assert_eq!(
        (court.kind, court.code.as_deref(), court.sector.as_deref()),
        (EntityType::Organization, Some("TUN"), Some("JUD"))
    );
    let officials = entity(&a, "Palestinian security officials");
    assert_eq!(
        (officials.kind, officials.code.as_deref()),
        (EntityType::Group, Some("PSE"))
    );
    assert!(matches!(
        officials.sector.as_deref(),
        Some("COP") | Some("GOV")
    ));
}

#[test]
fn dated_roles_follow_publication() {
    let text = "Donald Trump spoke with Sergei Shoigu.";
    let layer = dyad_text::analyze(text);
    let lex = lexicon();
    let early = lex.recognize(text, &layer, Some("2019-06-01".parse().unwrap()));
    let shoigu = entity(&early, "Sergei Shoigu");
    assert_eq!(shoigu.role.as_deref(), Some("defense minister"));
    let late = lex.recognize(text, &layer, Some("2025-06-01".parse().unwrap()));
    assert_eq!(
        entity(&late, "Sergei Shoigu").role.as_deref(),
        Some("secretary of the security council")
    );
    assert_eq!(
        entity(&late, "Donald Trump").role.as_deref(),
        Some("president")
    );
    let between = lex.recognize(text, &layer, Some("2022-06-01".parse().unwrap()));
    assert_eq!(
        entity(&between, "Donald Trump").code.as_deref(),
        Some("USA")
    );
}

#[test]
fn lower_case_words_are_not_acronyms() {
    let text = "Let us go to the un-named town; the US and the UN disagreed.";
    let a = recognize(text, "2024-01-01");
    let names: Vec<&str> = a.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, vec!["United States", "United Nations"]);
}

#[test]
fn demonyms_peoples_and_metonyms() {
    let text = "Russian territory was shelled. Russians protested in Moscow. Washington said \
it would respond, and Beijing agreed. Kyiv authorities denied it.";
    let a = recognize(text, "2024-01-01");
    check_invariants(text, &a);
    // An adjective points at its country, listed as a demonym mention, not a name.
    let russia_at = a.entities.iter().position(|e| e.name == "Russia").unwrap();
    let listed: Vec<_> = entity(&a, "Russia")
        .mentions
        .iter()
        .map(|m| (m.text.as_str(), m.kind))
        .collect();
    assert_eq!(listed, vec![("Russian", Some(MentionKind::Demonym))]);
    let demonym = a.mentions.iter().find(|m| m.entity == russia_at).unwrap();
    assert_eq!(demonym.kind, MentionKind::Demonym);
    assert_eq!(&text[demonym.span.start..demonym.span.end], "Russian");
    let russians = entity(&a, "Russians");
    assert_eq!(
        (russians.kind, russians.code.as_deref()),
        (EntityType::Group, Some("RUS"))
    );
    let kind_of = |name: &str| {
        let i = a.entities.iter().position(|e| e.name == name).unwrap();
        a.mentions.iter().find(|m| m.entity == i).unwrap().kind
    };
    assert_eq!(kind_of("Moscow"), MentionKind::Name);
    assert_eq!(kind_of("Washington"), MentionKind::Metonym);
    assert_eq!(kind_of("Beijing"), MentionKind::Metonym);
    let kyiv = entity(&a, "Kyiv authorities");
    assert_eq!(
        (kyiv.kind, kyiv.code.as_deref(), kyiv.sector.as_deref()),
        (EntityType::Group, Some("UKR"), Some("GOV"))
    );
}

#[test]
fn appositions_and_pronouns() {
    let text = "Kim Jong Un, North Korea's leader, met Andrei Belousov, Russia's defence \
minister. He praised the troops.";
    let a = recognize(text, "2024-12-01");
    check_invariants(text, &a);
    assert_eq!(entity(&a, "Kim Jong Un").code.as_deref(), Some("PRK"));
    let b = entity(&a, "Andrei Belousov");
    assert_eq!(b.code.as_deref(), Some("RUS"));
    let he = a
        .mentions
        .iter()
        .find(|m| m.kind == MentionKind::Pronoun)
        .expect("pronoun");
    assert_eq!(a.entities[he.entity].name, "Andrei Belousov");
}

#[test]
fn the_president_resolves_to_the_holder() {
    let text = "The Russian president warned the West.";
    let a = recognize(text, "2024-12-01");
    assert_eq!(
        entity(&a, "Vladimir Putin").mentions[0].text,
        "The Russian president"
    );
}

#[test]
fn communities_and_national_groups_take_their_country() {
    let text = "Bosnian Serbs and French paper workers met Palestinian youths in Northern Ireland.";
    let a = recognize(text, "1995-06-01");
    check_invariants(text, &a);
    let code_of = |mention: &str| {
        a.mentions
            .iter()
            .find(|m| text.get(m.span.start..m.span.end) == Some(mention))
            .and_then(|m| a.entities[m.entity].code.clone())
    };
    assert_eq!(code_of("Bosnian Serbs").as_deref(), Some("BIH"));
    assert_eq!(code_of("French paper workers").as_deref(), Some("FRA"));
    assert_eq!(code_of("Palestinian youths").as_deref(), Some("PSE"));
    assert_eq!(code_of("Northern Ireland").as_deref(), Some("GBR"));
}

#[test]
fn past_leaders_keep_their_country() {
    let text = "President Mitterrand met Chancellor Kohl after Museveni spoke.";
    let a = recognize(text, "2000-01-01");
    check_invariants(text, &a);
    for (name, code) in [
        ("Francois Mitterrand", "FRA"),
        ("Helmut Kohl", "DEU"),
        ("Yoweri Museveni", "UGA"),
    ] {
        assert_eq!(entity(&a, name).code.as_deref(), Some(code), "{name}");
    }
}
