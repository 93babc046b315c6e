//! The learned name tagger on sentences of our own: it judges the names the rules
//! discovered and could not code, and leaves coded entities alone.

use dyad_actors::{ActorLexicon, Actors};
use dyad_data::DataSet;
use dyad_model::EntityType;

fn recognize(lexicon: &ActorLexicon, text: &str) -> Actors {
    let layer = dyad_text::analyze(text);
    lexicon.recognize(text, &layer, None)
}

fn lexicons() -> (ActorLexicon, ActorLexicon) {
    let with = ActorLexicon::from_data(&DataSet::embedded()).expect("embedded data parses");
    assert!(
        with.name_tagger().is_some_and(|t| !t.is_empty()),
        "the model ships"
    );
    let without = with.clone().with_name_tagger(None);
    (with, without)
}

fn kind_of(a: &Actors, name: &str) -> Option<EntityType> {
    a.entities.iter().find(|e| e.name == name).map(|e| e.kind)
}

/// Ids numbered in order, no entity without mentions, mentions inside the text, listed
/// mentions sorted and pointing at entities that exist.
fn check_invariants(text: &str, a: &Actors) {
    for (i, e) in a.entities.iter().enumerate() {
        assert_eq!(e.id, format!("e{}", i + 1));
        assert!(
            !e.mentions.is_empty() || !e.members.is_empty(),
            "{}",
            e.name
        );
        for m in &e.mentions {
            assert_eq!(&text[m.start..m.end], m.text);
        }
    }
    assert!(a
        .mentions
        .windows(2)
        .all(|w| w[0].span.end <= w[1].span.start));
    assert!(a.mentions.iter().all(|m| m.entity < a.entities.len()));
}

#[test]
fn a_region_the_rules_took_for_a_person_is_a_place() {
    let (with, without) = lexicons();
    let text =
        "The finance ministry in Jakarta said the plan would fund schools in East Nusa Tenggara.";
    assert_eq!(
        kind_of(&recognize(&without, text), "East Nusa Tenggara"),
        Some(EntityType::Person)
    );
    let a = recognize(&with, text);
    assert_eq!(
        kind_of(&a, "East Nusa Tenggara"),
        Some(EntityType::Location)
    );
    check_invariants(text, &a);
}

#[test]
fn the_tagger_only_judges_the_names_the_rules_found() {
    // Report titles the rules take for people: the tagger may drop or relabel such a
    // name, never add one. (It does not reliably drop titles: of four invented ones, the
    // shipped model keeps all four as people.)
    let (with, without) = lexicons();
    let text =
        "The survey, called the Global Peace Barometer, ranked the country near the bottom. \
        The study, known as the World Hunger Monitor, listed the region among the worst.";
    let rules = recognize(&without, text);
    let judged = recognize(&with, text);
    for e in &judged.entities {
        assert!(
            rules.entities.iter().any(|r| r.name == e.name),
            "{} was added by the tagger",
            e.name
        );
    }
    check_invariants(text, &judged);
}

#[test]
fn coded_entities_are_never_touched() {
    let (with, without) = lexicons();
    let text =
        "Russian President Vladimir Putin met Chinese officials in Beijing, the Kremlin said. \
                NATO and the European Union condemned the strikes on Kharkiv.";
    let (a, b) = (recognize(&with, text), recognize(&without, text));
    let coded = |x: &Actors| -> Vec<(String, Option<String>, EntityType)> {
        x.entities
            .iter()
            .filter(|e| e.code.is_some())
            .map(|e| (e.name.clone(), e.code.clone(), e.kind))
            .collect()
    };
    assert_eq!(coded(&a), coded(&b));
    check_invariants(text, &a);
}
