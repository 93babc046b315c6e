//! Affiliation from the text: people no list names take the country and sector their own
//! phrase or first sentence gives them, and keep none when the text gives none. Every
//! sentence here is invented.

use dyad_actors::{ActorLexicon, Actors};
use dyad_data::DataSet;
use dyad_model::Entity;

fn recognize(text: &str) -> Actors {
    let lexicon = ActorLexicon::from_data(&DataSet::embedded()).expect("embedded data parses");
    let layer = dyad_text::analyze(text);
    lexicon.recognize(text, &layer, Some("2025-05-01".parse().unwrap()))
}

fn person<'a>(a: &'a Actors, name: &str) -> &'a Entity {
    a.entities
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no {name:?} among {:#?}", a.entities))
}

fn code_and_sector(text: &str, name: &str) -> (Option<String>, Option<String>) {
    let a = recognize(text);
    let p = person(&a, name);
    (p.code.clone(), p.sector.clone())
}

fn pair(code: &str, sector: &str) -> (Option<String>, Option<String>) {
    (Some(code.into()), Some(sector.into()))
}

#[test]
fn a_nationality_and_role_before_a_name_are_the_persons() {
    let text = "Ukrainian activist Olena Kravets accused the police of torture.";
    let a = recognize(text);
    let p = person(&a, "Olena Kravets");
    assert_eq!(
        (p.code.as_deref(), p.sector.as_deref()),
        (Some("UKR"), Some("OPP"))
    );
    // The descriptor is the person: one listed mention covers both, and no separate
    // "Ukrainian activist" entity is left.
    let listed: Vec<&str> = a
        .mentions
        .iter()
        .filter(|m| a.entities[m.entity].name == "Olena Kravets")
        .map(|m| &text[m.span.start..m.span.end])
        .collect();
    assert_eq!(listed, ["Ukrainian activist Olena Kravets"]);
    assert!(a.entities.iter().all(|e| e.name != "Ukrainian activist"));
}

#[test]
fn a_descriptor_in_apposition_is_the_persons() {
    assert_eq!(
        code_and_sector(
            "Police arrested Daniel Okafor, a Nigerian journalist, on Tuesday.",
            "Daniel Okafor"
        ),
        pair("NGA", "JRN")
    );
    assert_eq!(
        code_and_sector(
            "Soldiers detained Marta Ruiz, a prominent Colombian activist, at dawn.",
            "Marta Ruiz"
        ),
        pair("COL", "OPP")
    );
}

#[test]
fn a_role_at_a_body_gives_the_bodys_code_and_sector() {
    assert_eq!(
        code_and_sector(
            "Ahmed Nur, a commander of al-Shabab, threatened the government.",
            "Ahmed Nur"
        ),
        pair("SOM", "REB")
    );
    let (code, _) = code_and_sector(
        "The plan was criticized by Tom Varga, a senior researcher at Human Rights Watch.",
        "Tom Varga",
    );
    assert!(code.is_some_and(|c| c.starts_with("NGO")));
}

#[test]
fn an_office_holder_takes_the_one_country_of_its_sentence() {
    let text = "Finance Minister Ana Quispe said Lima would repay the loan. \
        Quispe met bankers in London and Paris on Friday.";
    let a = recognize(text);
    assert_eq!(person(&a, "Ana Quispe").code.as_deref(), Some("PER"));
    // Two countries in the sentence: no office is read from it.
    let text = "Interior Minister Jon Perez met envoys from Chile and Peru.";
    assert_eq!(code_and_sector(text, "Jon Perez").0, None);
}

#[test]
fn portfolio_words_stand_between_a_nationality_and_its_minister() {
    assert_eq!(
        code_and_sector(
            "Japanese Economy Minister Kenji Sato met bankers on Monday.",
            "Kenji Sato"
        ),
        pair("JPN", "GOV")
    );
    assert_eq!(
        code_and_sector(
            "Indian External Affairs Minister Ravi Menon spoke with his counterpart.",
            "Ravi Menon"
        ),
        pair("IND", "GOV")
    );
}

#[test]
fn people_the_text_does_not_place_stay_uncoded() {
    // A plural descriptor names no one person; a person with no phrase of affiliation
    // and no office keeps no country even beside one.
    let a = recognize("Kenyan officials said Maria Kowalski arrived in Nairobi.");
    assert_eq!(person(&a, "Maria Kowalski").code, None);
    let a = recognize("Maria Kowalski, who spoke for an hour, left Nairobi.");
    assert_eq!(person(&a, "Maria Kowalski").code, None);
}

#[test]
fn a_body_joined_to_appointed_or_based_is_the_roles_own() {
    assert_eq!(
        code_and_sector("UN-appointed envoy Lars Moberg urged talks.", "Lars Moberg").0,
        Some("IGOUNO".into())
    );
    // The body's name may run over two words.
    let (code, _) = code_and_sector(
        "United Nations-appointed envoy Maria Lund opened the conference.",
        "Maria Lund",
    );
    assert_eq!(code.as_deref(), Some("IGOUNO"));
    // A special rapporteur is an international body's title.
    let (_, sector) = code_and_sector("UN special rapporteur Maria Lund opened it.", "Maria Lund");
    assert_eq!(sector.as_deref(), Some("IGO"));
    // A sponsor is not a member: "Kremlin-backed" gives no country.
    assert_eq!(
        code_and_sector(
            "Kremlin-backed leader Ivan Petrov rejected the plan.",
            "Ivan Petrov"
        )
        .0,
        None
    );
}

#[test]
fn a_former_member_of_a_body_no_longer_acts_for_it() {
    let a = recognize("The plan was criticized by Anna Berg, a former NATO official.");
    assert_eq!(person(&a, "Anna Berg").code, None);
    let a = recognize("Former longtime European Union official Jean Marot criticized the plan.");
    assert_eq!(person(&a, "Jean Marot").code, None);
    // A country is kept: a former president is still the country's.
    assert_eq!(
        code_and_sector(
            "Former Brazilian president Joao Ribeiro denounced the verdict.",
            "Joao Ribeiro"
        ),
        pair("BRA", "GOV")
    );
}
