//! Recognition on whole texts: the founding example (skipped when `../shared` is absent)
//! and invented articles about people no list names.

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
    let path = dyad_data::shared::path_or_skip("dyad-actors recognition", "seed/article.txt")?;
    std::fs::read_to_string(path).ok()
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

    // NATO has its own code (CAMEO's known group NAT), an IGO's by its prefix.
    let nato = entity(&a, "NATO");
    assert_eq!(
        (nato.kind, nato.code.as_deref()),
        (EntityType::Organization, Some("IGONAT"))
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
fn variant_demonyms_in_common_use() {
    // "-ian" beside the short form: both are in English news.
    let text = "Somalian President Hassan Sheikh Mohamud met Slovenian and Slovakian envoys.";
    let a = recognize(text, "2025-01-01");
    check_invariants(text, &a);
    assert_eq!(
        entity(&a, "Hassan Sheikh Mohamud").code.as_deref(),
        Some("SOM")
    );
    assert!(a.entities.iter().any(|e| e.code.as_deref() == Some("SVN")));
    assert!(a.entities.iter().any(|e| e.code.as_deref() == Some("SVK")));
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
    // A subject pronoun continues the previous sentence's subject, not its last person.
    assert_eq!(a.entities[he.entity].name, "Kim Jong Un");
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

/// The entity of the listed mention whose text is exactly `mention`, with its code and
/// sector.
fn listed(a: &Actors, text: &str, mention: &str) -> Option<(Option<String>, Option<String>)> {
    a.mentions
        .iter()
        .find(|m| text.get(m.span.start..m.span.end) == Some(mention))
        .map(|m| {
            let e = &a.entities[m.entity];
            (e.code.clone(), e.sector.clone())
        })
}

fn pair(code: Option<&str>, sector: Option<&str>) -> Option<(Option<String>, Option<String>)> {
    Some((code.map(str::to_string), sector.map(str::to_string)))
}

#[test]
fn capitalised_role_nouns_open_sentences() {
    // "Police" is also a town in Poland: the role wins unless a locative makes it a place.
    for (text, mention, sector) in [
        ("Police in Chile detained a priest.", "Police", "COP"),
        ("Police fired tear gas on Friday.", "Police", "COP"),
        ("Peacekeepers left the buffer zone.", "Peacekeepers", "IGO"),
        ("Inmates rioted over the weekend.", "Inmates", "CVL"),
        (
            "Missionaries were expelled last year.",
            "Missionaries",
            "REL",
        ),
        ("Fishermen blocked the harbour.", "Fishermen", "AGR"),
    ] {
        let a = recognize(text, "2020-01-01");
        check_invariants(text, &a);
        let got = listed(&a, text, mention);
        assert_eq!(got.and_then(|(_, s)| s).as_deref(), Some(sector), "{text}");
    }
    let text = "The Kenya Police said the road was closed.";
    let a = recognize(text, "2020-01-01");
    assert_eq!(
        listed(&a, text, "The Kenya Police"),
        pair(Some("KEN"), Some("COP"))
    );
    let text = "She was born in Police, a town near Szczecin in Poland.";
    let a = recognize(text, "2020-01-01");
    assert_eq!(entity(&a, "Police").kind, EntityType::Location);
}

#[test]
fn role_words_without_a_country_imply_international_bodies() {
    let text = "A human rights group and an aid agency criticised the blockade.";
    let a = recognize(text, "2020-01-01");
    assert_eq!(
        listed(&a, text, "human rights group"),
        pair(Some("NGO"), Some("NGO"))
    );
    assert_eq!(
        listed(&a, text, "aid agency"),
        pair(Some("NGO"), Some("NGO"))
    );
    // A country before the role word says whose they are.
    let text = "Ghanaian peacekeepers patrolled the border.";
    let a = recognize(text, "2020-01-01");
    assert_eq!(
        listed(&a, text, "Ghanaian peacekeepers"),
        pair(Some("GHA"), Some("IGO"))
    );
    // Verbs are not role words: "monitors" is not an observer mission.
    let text = "Russia monitors the situation closely.";
    let a = recognize(text, "2020-01-01");
    assert!(listed(&a, text, "Russia monitors").is_none());
}

#[test]
fn appositive_titles_give_a_name_its_country() {
    let text = "The British envoy to Sudan, Jonathan Marsh, met rebel leaders.";
    let a = recognize(text, "2020-01-01");
    check_invariants(text, &a);
    let marsh = entity(&a, "Jonathan Marsh");
    assert_eq!(marsh.code.as_deref(), Some("GBR"));
    assert_eq!(marsh.sector.as_deref(), Some("GOV"));
    let text = "The Canadian commander in Mali, Colonel Peter Grant, said the base was safe.";
    let a = recognize(text, "2020-01-01");
    let grant = entity(&a, "Peter Grant");
    assert_eq!(
        (grant.code.as_deref(), grant.sector.as_deref()),
        (Some("CAN"), Some("MIL"))
    );
    // After the name: a one-word short name of a person already met.
    let text = "Reporters met Anna Kowalczyk on Monday. Kowalczyk, the Polish ambassador \
                to Chile, said talks would resume.";
    let a = recognize(text, "2020-01-01");
    assert_eq!(entity(&a, "Anna Kowalczyk").code.as_deref(), Some("POL"));
    // Not an apposition: a descriptor in a clause before the main subject.
    let text = "After meeting the French envoy, Colonel Peter Grant said the base was safe.";
    let a = recognize(text, "2020-01-01");
    assert_eq!(entity(&a, "Peter Grant").code, None);
    // Not a person: a one-word sentence adverb before "the ... minister".
    let text = "Meanwhile, the Polish foreign minister left.";
    let a = recognize(text, "2020-01-01");
    assert!(a.entities.iter().all(|e| e.name != "Meanwhile"));
}

#[test]
fn organisations_named_after_their_country() {
    let text = "Kenya Airways, Air India and the Zambian Patriotic Front condemned Iran Air.";
    let a = recognize(text, "2020-01-01");
    check_invariants(text, &a);
    for (name, code) in [
        ("Kenya Airways", "KEN"),
        ("Air India", "IND"),
        ("Zambian Patriotic Front", "ZMB"),
        ("Iran Air", "IRN"),
    ] {
        let e = entity(&a, name);
        assert_eq!(e.kind, EntityType::Organization, "{name}");
        assert_eq!(e.code.as_deref(), Some(code), "{name}");
    }
    // A place word + a landmark head is a landmark, not the place; a region such as
    // Europe is no country.
    let text = "Farmers blocked the Africa Bridge and the Lagos Road.";
    let a = recognize(text, "2020-01-01");
    let bridge = entity(&a, "Africa Bridge");
    assert_eq!(
        (bridge.kind, bridge.code.as_deref()),
        (EntityType::Location, None)
    );
    assert_eq!(entity(&a, "Lagos Road").code.as_deref(), Some("NGA"));
    // A country with a weekday after it stays the country.
    let text = "Chile Sunday rejected the offer.";
    let a = recognize(text, "2020-01-01");
    assert_eq!(entity(&a, "Chile").kind, EntityType::Country);
}

#[test]
fn leaders_governments_and_regions() {
    let text = "The Obama administration and the Putin government traded blame.";
    let a = recognize(text, "2014-06-01");
    check_invariants(text, &a);
    assert_eq!(
        listed(&a, text, "The Obama administration"),
        pair(Some("USA"), Some("GOV"))
    );
    assert_eq!(
        listed(&a, text, "the Putin government"),
        pair(Some("RUS"), Some("GOV"))
    );
    for (text, mention, code) in [
        (
            "The government of Helmand province banned poppies.",
            "The government of Helmand province",
            "AFG",
        ),
        (
            "The Borno government closed schools.",
            "The Borno government",
            "NGA",
        ),
        (
            "Khyber Pakhtunkhwa police made arrests.",
            "Khyber Pakhtunkhwa police",
            "PAK",
        ),
        (
            "The governor of Tigray fled.",
            "The governor of Tigray",
            "ETH",
        ),
    ] {
        let a = recognize(text, "2020-01-01");
        check_invariants(text, &a);
        let got = listed(&a, text, mention).and_then(|(c, _)| c);
        assert_eq!(got.as_deref(), Some(code), "{text}");
    }
    // A place inside an organisation's name gives its country.
    let text = "Drivers of the Harbour Transport Company of Karachi went on strike.";
    let a = recognize(text, "2020-01-01");
    assert_eq!(
        entity(&a, "Harbour Transport Company of Karachi")
            .code
            .as_deref(),
        Some("PAK")
    );
}

#[test]
fn a_date_after_an_organisation_ends_its_name() {
    // "on" may join a name ("Council on Foreign Relations"), a weekday or month after it
    // opens a date; "the" joins no two names.
    for (text, name) in [
        (
            "The Harbour Transport Company on Monday the Port Authority announced a strike.",
            "Harbour Transport Company",
        ),
        (
            "A spokesman told the Lakeside Broadcasting Service on Tuesday that talks would resume.",
            "Lakeside Broadcasting Service",
        ),
        (
            "The Northern Grain Corporation in June signed the contract.",
            "Northern Grain Corporation",
        ),
    ] {
        let a = recognize(text, "2020-01-01");
        check_invariants(text, &a);
        entity(&a, name);
        assert!(
            !a.entities.iter().any(|e| {
                let n = e.name.to_lowercase();
                n.contains("monday") || n.contains("tuesday") || n.contains(" the ")
            }),
            "{text}: {:?}",
            a.entities.iter().map(|e| &e.name).collect::<Vec<_>>()
        );
    }
    // A connector between two parts of one name still joins them.
    let text = "The Council on Foreign Relations published a study.";
    let a = recognize(text, "2020-01-01");
    entity(&a, "Council on Foreign Relations");
}

#[test]
fn local_names_between_a_possessive_country_and_its_role_words() {
    for (text, mention, code, sector) in [
        (
            "Cairo's Giza district council closed the market.",
            "Cairo's Giza district council",
            "EGY",
            "GOV",
        ),
        (
            "Chile's Carabineros police detained them.",
            "Chile's Carabineros police",
            "CHL",
            "COP",
        ),
    ] {
        let a = recognize(text, "2020-01-01");
        check_invariants(text, &a);
        assert_eq!(
            listed(&a, text, mention),
            pair(Some(code), Some(sector)),
            "{text}"
        );
    }
    // A known person after the possessive is the person, not a role phrase's modifier.
    let text = "Russia's Vladimir Putin said officials agreed.";
    let a = recognize(text, "2020-01-01");
    assert_eq!(entity(&a, "Vladimir Putin").code.as_deref(), Some("RUS"));
}

#[test]
fn a_namesake_of_a_known_person_is_another_person() {
    let text = "Robert Carter said the plan would fail. Carter later flew to Lima.";
    let a = recognize(text, "2016-01-01");
    check_invariants(text, &a);
    let robert = entity(&a, "Robert Carter");
    assert_eq!(robert.code, None);
    assert_eq!(robert.mentions.len(), 2, "{:?}", robert.mentions);
    assert!(a.entities.iter().all(|e| e.name != "Jimmy Carter"));
    // The known person's own given name keeps him.
    let text = "Jimmy Carter said the plan would fail.";
    let a = recognize(text, "2016-01-01");
    assert_eq!(entity(&a, "Jimmy Carter").code.as_deref(), Some("USA"));
}

#[test]
fn title_case_headlines_make_no_names_by_shape() {
    let text = "Rebels Seize Town in Eastern Chad";
    let a = recognize(text, "2020-01-01");
    check_invariants(text, &a);
    assert!(
        a.entities.iter().all(|e| e.name != "Seize Town"),
        "{:?}",
        a.entities.iter().map(|e| &e.name).collect::<Vec<_>>()
    );
    assert_eq!(entity(&a, "Rebels").sector.as_deref(), Some("REB"));
    let text = "Demonstrators Clash With Police in Nairobi";
    let a = recognize(text, "2020-01-01");
    assert!(a
        .entities
        .iter()
        .all(|e| e.kind != EntityType::Organization));
    // An ordinary sentence still finds unknown names by their shape.
    let text = "Yesterday the rebels met Tomasz Wrobel in Lima.";
    let a = recognize(text, "2020-01-01");
    assert_eq!(entity(&a, "Tomasz Wrobel").kind, EntityType::Person);
}

#[test]
fn aid_workers_are_people_and_aid_agencies_bodies() {
    let text = "Aid agencies said aid workers in Chad were safe.";
    let a = recognize(text, "2020-01-01");
    assert_eq!(
        listed(&a, text, "Aid agencies"),
        pair(Some("NGO"), Some("NGO"))
    );
    assert_eq!(listed(&a, text, "aid workers"), pair(None, Some("NGO")));
    // "national" before a role word does not take over its sector.
    let text = "The national governments met.";
    let a = recognize(text, "2020-01-01");
    let got = a.entities.iter().find(|e| e.name.contains("governments"));
    assert_eq!(got.and_then(|e| e.sector.as_deref()), Some("GOV"));
}

#[test]
fn landmarks_end_at_their_head_and_natural_features_have_no_country() {
    let text = "Ships crossed the Indian Ocean near the Kenya Port Authority docks.";
    let a = recognize(text, "2020-01-01");
    check_invariants(text, &a);
    let ocean = entity(&a, "Indian Ocean");
    assert_eq!(
        (ocean.kind, ocean.code.as_deref()),
        (EntityType::Location, None)
    );
    // The landmark stops at its head word: the title and name after it are a person.
    let text = "Nairobi County Commissioner Peter Otieno said the road was open.";
    let a = recognize(text, "2020-01-01");
    check_invariants(text, &a);
    assert_eq!(entity(&a, "Nairobi County").code.as_deref(), Some("KEN"));
    assert!(a.entities.iter().any(|e| e.name.ends_with("Peter Otieno")));
    // A capitalised role word joined by a preposition opens an organisation's name.
    let text = "She spoke at the Council on Global Affairs in Lima.";
    let a = recognize(text, "2020-01-01");
    assert_eq!(
        entity(&a, "Council on Global Affairs").kind,
        EntityType::Organization
    );
}

#[test]
fn organisations_of_no_country_keep_codes_of_their_own() {
    let text = "NATO and the European Union met in Brussels. The EU later criticised the \
                African Union, and ASEAN and ECOWAS said the UN must act. Amnesty \
                International and Human Rights Watch condemned NATO.";
    let a = recognize(text, "2024-03-01");
    check_invariants(text, &a);
    let code = |name: &str| entity(&a, name).code.clone();
    let codes = [
        code("NATO"),
        code("European Union"),
        code("African Union"),
        code("ASEAN"),
        code("ECOWAS"),
        code("United Nations"),
        code("Amnesty International"),
        code("Human Rights Watch"),
    ];
    let expected = [
        "IGONAT", "IGOEEC", "IGOAFU", "IGOASN", "IGOWAS", "IGOUNO", "NGOAMN", "NGOHRW",
    ];
    assert_eq!(
        codes.clone().map(|c| c.unwrap_or_default()),
        expected.map(String::from)
    );
    // "the EU" is the same entity as "the European Union", NATO's second mention NATO's.
    assert_eq!(
        a.entities
            .iter()
            .filter(|e| e.name == "European Union")
            .count(),
        1
    );
    assert_eq!(entity(&a, "NATO").mentions.len(), 2);
    // Each is of its group, tested by prefix.
    assert!(codes[..6]
        .iter()
        .all(|c| dyad_model::codes::in_group(c.as_deref().unwrap(), "IGO")));
}

#[test]
fn every_organisation_has_a_stable_code_a_type_and_a_cameo_code() {
    let data = DataSet::embedded();
    let table = data.table("actors/organisations.tsv").unwrap();
    let countries: std::collections::HashSet<String> = data
        .table("actors/countries.tsv")
        .unwrap()
        .records
        .iter()
        .filter_map(|r| r.get("iso3").map(str::to_string))
        .collect();
    let kinds = [
        "igo",
        "ngo",
        "company",
        "armed",
        "party",
        "media",
        "government",
        "ministry",
        "military",
        "intelligence",
        "police",
        "court",
        "legislature",
        "opposition",
        "bloc",
    ];
    let sectors = [
        "GOV", "MIL", "REB", "OPP", "COP", "JUD", "SPY", "JRN", "MED", "BUS", "CVL", "LEG", "LAB",
        "HLH", "AGR", "REF", "DEV", "EDU", "ENV", "HRI", "IGO", "NGO", "MNC", "IMG",
    ];
    let mut seen = std::collections::HashSet::new();
    for r in &table.records {
        let name = r.get("name").unwrap();
        let org = r
            .get("org")
            .unwrap_or_else(|| panic!("{name}: no org code"));
        assert!(
            seen.insert(org.to_string()),
            "{name}: org code {org} used twice"
        );
        assert!(
            !countries.contains(org),
            "{name}: org code {org} is a country's"
        );
        assert!(
            !sectors.contains(&org),
            "{name}: org code {org} is a sector's"
        );
        let kind = r.get("kind").unwrap_or_default();
        assert!(kinds.contains(&kind), "{name}: kind {kind:?}");
        let code = r.get("code").unwrap();
        if let Some(cameo) = r.get("cameo") {
            assert!(
                cameo.len().is_multiple_of(3) && cameo.bytes().all(|b| b.is_ascii_uppercase()),
                "{name}: cameo {cameo}"
            );
            if dyad_model::codes::ORGANISATION_GROUPS.contains(&code) {
                assert!(
                    cameo.starts_with(code),
                    "{name}: cameo {cameo} not of {code}"
                );
            }
        }
    }
    // Several lines of a --data table may name one organisation; the shipped one has
    // one line per organisation, and the loader gives each its code.
    let lex = lexicon();
    let orgs: Vec<_> = lex
        .catalogue()
        .into_iter()
        .filter(|l| l.kind == "org" && dyad_model::codes::in_group(&l.code, "IGO"))
        .collect();
    let distinct: std::collections::HashSet<_> = orgs.iter().map(|l| &l.code).collect();
    assert_eq!(distinct.len(), orgs.len());
}

#[test]
fn a_table_without_org_codes_still_loads_as_before() {
    // An analyst's --data table in the earlier format: no org or cameo column.
    let mut data = DataSet::embedded();
    data.insert(
        "actors/organisations.tsv",
        "name\taliases\tcode\tsector\ttype\tkind\n\
         Northern Grain Board\tthe Board\tIGO\tBUS\tORGANIZATION\tigo\n"
            .to_string(),
    );
    let lex = ActorLexicon::from_data(&data).unwrap();
    let text = "The Northern Grain Board raised prices.";
    let a = lex.recognize(text, &dyad_text::analyze(text), None);
    assert_eq!(
        entity(&a, "Northern Grain Board").code.as_deref(),
        Some("IGO")
    );
    assert!(dyad_actors::cameo_codes(&data).unwrap().is_empty());
}

#[test]
fn a_shared_acronym_follows_the_document() {
    // "RSF" is Reporters Without Borders and Sudan's Rapid Support Forces: a story that
    // mentions Sudan (or spells the full name) means the one at home there.
    let table = [
        (
            "The RSF shelled El Fasher, Sudan's army said.",
            "Rapid Support Forces",
        ),
        (
            "Sudanese officials said RSF fighters looted the town.",
            "Rapid Support Forces",
        ),
        (
            "RSF said the journalist was detained in Moscow.",
            "Reporters Without Borders",
        ),
        (
            "The Rapid Support Forces denied it. RSF fighters left Omdurman.",
            "Rapid Support Forces",
        ),
    ];
    for (text, want) in table {
        let a = recognize(text, "2024-12-01");
        let e = a
            .entities
            .iter()
            .find(|e| e.mentions.iter().any(|m| m.text == "RSF"))
            .unwrap_or_else(|| panic!("{text}: no RSF"));
        assert_eq!(e.name, want, "{text}");
    }
}

#[test]
fn an_abbreviation_the_story_defines_names_the_long_name() {
    // "AFP" is listed as a news agency; this story defines it as the Philippine army.
    let text = "The Armed Forces of the Philippines (AFP) said Chinese ships fired water \
cannon. The AFP said the ships later left.";
    let a = recognize(text, "2025-01-01");
    check_invariants(text, &a);
    let afp = a
        .entities
        .iter()
        .find(|e| e.mentions.iter().any(|m| m.text == "AFP"))
        .expect("AFP");
    assert_eq!(
        (afp.name.as_str(), afp.code.as_deref()),
        ("Armed Forces of the Philippines", Some("PHL"))
    );
    assert_eq!(afp.mentions.iter().filter(|m| m.text == "AFP").count(), 2);
    assert!(
        a.entities
            .iter()
            .all(|e| e.sector.as_deref() != Some("JRN")),
        "no news agency left: {:?}",
        a.entities
    );
    // ", or ABBR": an acronym no list knows becomes a short name of the body.
    let text = "Uganda's Directorate of Public Prosecutions, or DPP, charged the men. \
The DPP said more charges would follow.";
    let a = recognize(text, "2025-01-01");
    check_invariants(text, &a);
    let dpp = a
        .entities
        .iter()
        .find(|e| e.mentions.iter().any(|m| m.text == "DPP"));
    if let Some(dpp) = dpp {
        assert!(dpp.name.contains("Public Prosecutions"), "{dpp:?}");
    }
}

#[test]
fn a_national_body_named_like_another_countrys_is_its_own() {
    // South Korea's National Intelligence Service is listed; Kenya has one of that name.
    for text in [
        "Kenya's National Intelligence Service arrested three suspects.",
        "The Kenyan National Intelligence Service arrested three suspects.",
    ] {
        let a = recognize(text, "2025-01-01");
        check_invariants(text, &a);
        let nis = entity(&a, "National Intelligence Service");
        assert_eq!(
            (nis.code.as_deref(), nis.sector.as_deref()),
            (Some("KEN"), Some("SPY")),
            "{text}"
        );
    }
    // Its own country's possessive changes nothing.
    let a = recognize(
        "South Korea's National Intelligence Service said the North fired a missile.",
        "2025-01-01",
    );
    assert_eq!(
        entity(&a, "National Intelligence Service").code.as_deref(),
        Some("KOR")
    );
}

#[test]
fn a_body_no_list_knows_takes_its_possessors_country() {
    let text = "Uganda's Directorate of Public Prosecutions charged the men.";
    let a = recognize(text, "2025-01-01");
    check_invariants(text, &a);
    assert_eq!(
        entity(&a, "Directorate of Public Prosecutions")
            .code
            .as_deref(),
        Some("UGA")
    );
}

#[test]
fn a_place_name_inside_a_persons_name_is_no_place() {
    for (text, name) in [
        (
            "Lawmaker Yusuf Ali Hassan criticized the budget in Mogadishu.",
            "Hassan",
        ),
        ("Hassan Nasrallah addressed supporters in Beirut.", "Hassan"),
        (
            "A statue of George Washington stands in Paris.",
            "Washington",
        ),
        // Two place names side by side, one a given name: a person.
        (
            "Arnold Denver, a senior senator, criticized the budget.",
            "Denver",
        ),
        ("The talks were led by Harvey Columbus.", "Columbus"),
    ] {
        let a = recognize(text, "2025-01-01");
        check_invariants(text, &a);
        assert!(
            !a.entities.iter().any(
                |e| e.kind == EntityType::Location && e.mentions.iter().any(|m| m.text == name)
            ),
            "{text}: {:?}",
            a.entities
        );
    }
    // After a locative, or before a role word, it is the place.
    for (text, place) in [
        ("Protesters gathered in Hassan on Monday.", "Hassan"),
        (
            "Kharkiv Governor Oleh Syniehubov said drones hit a school.",
            "Kharkiv",
        ),
    ] {
        let a = recognize(text, "2025-01-01");
        assert!(
            a.entities
                .iter()
                .any(|e| e.kind == EntityType::Location
                    && e.mentions.iter().any(|m| m.text == place)),
            "{text}: {:?}",
            a.entities
        );
    }
}

#[test]
fn a_more_specific_word_before_lawmakers_gives_the_sector() {
    let text = "Chilean opposition lawmakers walked out. Chilean lawmakers stayed.";
    let a = recognize(text, "2020-01-01");
    let sector = |m: &str| listed(&a, text, m).and_then(|(_, s)| s);
    assert_eq!(
        sector("Chilean opposition lawmakers").as_deref(),
        Some("OPP")
    );
    assert_eq!(sector("Chilean lawmakers").as_deref(), Some("LEG"));
}
