//! Affiliation from the text: a person the lists do not know takes the country and sector
//! its own phrase gives it, once the recogniser has read every phrase of the document.
//! Each reading is one function, tried in this order on every person with no code:
//!
//! 1. [`premodifier`]: a coded descriptor right before the name is the person's own
//!    ("Ukrainian activist Olena Kravets", "a Nigerian journalist Daniel Okafor");
//! 2. [`apposition`]: a coded descriptor set off by a comma right after the name ("Daniel
//!    Okafor, a Nigerian journalist");
//! 3. [`member_of`]: a role phrase after the comma that ends in a coded organisation or
//!    country ("Tom Varga, a researcher at Human Rights Watch", "Ahmed Nur, a commander
//!    of al-Shabab");
//! 4. [`office_country`]: an office holder with no country of its own ("Finance Minister
//!    Ana Ruiz") whose first sentence names one country only: that country's.
//!
//! A person no reading places stays uncoded: no substring or story-wide guess codes it.
//! The descriptor a person takes its code from is the person (its mention moves to the
//! person, and an emptied descriptor entity is dropped).

use dyad_model::{EntityType, Span};

use crate::entities::DocEntities;
use crate::{ActorLexicon, MentionKind};

/// The most plain words a role phrase after a comma may hold before its preposition
/// ("a senior researcher at ...").
const MAX_ROLE_WORDS: usize = 5;

/// Sectors of office holders: a title of these with no country is the office of the
/// country the text puts it in.
const OFFICE_SECTORS: &[&str] = &["GOV", "MIL", "JUD", "LEG", "COP"];

/// Gives uncoded people of `doc` the country their phrase or first sentence gives them
/// (see the module documentation).
pub(crate) fn apply(doc: &mut DocEntities, text: &str, lex: &ActorLexicon) {
    let mut order: Vec<usize> = (0..doc.mentions.len()).collect();
    order.sort_by_key(|&k| (doc.mentions[k].span.start, doc.mentions[k].span.end));
    let sole = sole_countries(doc, lex);
    for (n, &k) in order.iter().enumerate() {
        let m = &doc.mentions[k];
        let p = m.entity;
        let person = &doc.entities[p];
        if m.kind != MentionKind::Name || person.kind != EntityType::Person || person.code.is_some()
        {
            continue;
        }
        let before = n.checked_sub(1).map(|b| order[b]);
        let after = order.get(n + 1).copied();
        if let Some(d) = before.filter(|&d| premodifier(doc, lex, text, d, k)) {
            take_descriptor(doc, d, p, Some(k));
        } else if let Some(d) = after.filter(|&d| apposition(doc, lex, text, k, d)) {
            take_descriptor(doc, d, p, None);
        } else if let Some(o) = after.filter(|&o| member_of(doc, text, k, o)) {
            let owner = &doc.entities[doc.mentions[o].entity];
            let (code, sector) = (owner.code.clone(), owner.sector.clone());
            let person = &mut doc.entities[p];
            person.code = code;
            // A member's sector is its body's: "a commander of al-Shabab" is a rebel.
            person.sector = sector.or(person.sector.take());
        } else if let Some(code) = office_country(doc, &sole, k) {
            doc.entities[p].code = Some(code);
        }
    }
}

/// Whether listed mention `d` is a coded descriptor of one person or member ("activist",
/// "journalist"; not "officials") that entity kind and role allow to name a person. A
/// former member of a body no longer acts for it ("former EU official": not the EU's; a
/// former president keeps the country).
fn is_personal_descriptor(doc: &DocEntities, lex: &ActorLexicon, text: &str, d: usize) -> bool {
    let m = &doc.mentions[d];
    let e = &doc.entities[m.entity];
    let singular = e
        .role
        .as_deref()
        .is_some_and(|r| !r.ends_with('s') || r.ends_with("ss"));
    // "former" stands in the role words or just before the descriptor ("Former longtime
    // NATO official").
    let before = text.get(..m.span.start).unwrap_or_default();
    let former = e
        .role
        .iter()
        .flat_map(|r| r.split(' '))
        .chain(before.split_whitespace().rev().take(2))
        .any(|w| w.eq_ignore_ascii_case("former") || w.to_lowercase().starts_with("ex-"));
    let body = e.code.as_deref().is_some_and(|c| !lex.is_country_code(c));
    m.kind == MentionKind::Descriptor
        && e.code.is_some()
        && !(former && body)
        && singular
        && matches!(e.kind, EntityType::Group | EntityType::Person)
        && e.members.is_empty()
}

/// "Ukrainian activist Olena Kravets": descriptor `d` ends right where name mention `k`
/// starts, with only spaces between.
fn premodifier(doc: &DocEntities, lex: &ActorLexicon, text: &str, d: usize, k: usize) -> bool {
    let (ds, ks) = (doc.mentions[d].span, doc.mentions[k].span);
    is_personal_descriptor(doc, lex, text, d)
        && ds.end <= ks.start
        && text
            .get(ds.end..ks.start)
            .is_some_and(|gap| !gap.is_empty() && gap.chars().all(char::is_whitespace))
}

/// "Daniel Okafor, a Nigerian journalist": descriptor `d` follows name mention `k` after a
/// comma, an article and at most two plain lower-case words ("a prominent local").
fn apposition(doc: &DocEntities, lex: &ActorLexicon, text: &str, k: usize, d: usize) -> bool {
    let (ks, ds) = (doc.mentions[k].span, doc.mentions[d].span);
    if !is_personal_descriptor(doc, lex, text, d) || ks.end > ds.start {
        return false;
    }
    let Some(gap) = text.get(ks.end..ds.start) else {
        return false;
    };
    let Some(rest) = gap.trim_start().strip_prefix(',') else {
        return false;
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    after_article(&words).is_some_and(|plain| plain.len() <= 2 && plain.iter().all(|w| is_plain(w)))
}

/// The words after a leading article ("a", "an", "the"), if `words` opens with one.
fn after_article<'w>(words: &'w [&'w str]) -> Option<&'w [&'w str]> {
    match words.split_first() {
        Some((first, more)) if matches!(*first, "a" | "an" | "the") => Some(more),
        _ => None,
    }
}

/// "Tom Varga, a senior researcher at Human Rights Watch": after name mention `k`, a
/// comma, an article, a few plain words and a preposition of membership lead to listed
/// mention `o`, a coded organisation or country, whose code (and sector, when it has
/// one) the person takes. The comma and role words may
/// lie inside mention `k` when the recogniser read them as a title in apposition
/// ("Ahmed Nur, a commander" of al-Shabab).
fn member_of(doc: &DocEntities, text: &str, k: usize, o: usize) -> bool {
    let (ks, os) = (doc.mentions[k].span, doc.mentions[o].span);
    let owner = &doc.entities[doc.mentions[o].entity];
    if ks.end > os.start
        || owner.code.is_none()
        || !matches!(owner.kind, EntityType::Organization | EntityType::Country)
        || !matches!(
            doc.mentions[o].kind,
            MentionKind::Name | MentionKind::ShortName
        )
    {
        return false;
    }
    member_phrase(text.get(ks.start..os.start)).unwrap_or(false)
}

/// Whether `between` (a name up to its organisation) holds ", a/an/the [plain words]
/// at/of/with/for [the]".
fn member_phrase(between: Option<&str>) -> Option<bool> {
    let (_, rest) = between?.split_once(',')?;
    let mut words: Vec<&str> = rest.split_whitespace().collect();
    if words.last() == Some(&"the") {
        words.pop();
    }
    let (&prep, before) = words.split_last()?;
    let role = after_article(before)?;
    Some(
        matches!(prep, "at" | "of" | "with" | "for")
            && !role.is_empty()
            && role.len() <= MAX_ROLE_WORDS
            && role.iter().all(|w| is_plain(w)),
    )
}

/// "Finance Minister Ana Ruiz said ... Lima": an office holder (name mention `k`, its
/// entity titled in a government, military, judicial, legislative or police sector) with
/// no country, in a sentence that names exactly one country (by name, nationality or
/// place): that country's office.
fn office_country(doc: &DocEntities, sole: &[Option<String>], k: usize) -> Option<String> {
    let m = &doc.mentions[k];
    let office = doc.entities[m.entity]
        .sector
        .as_deref()
        .is_some_and(|s| OFFICE_SECTORS.contains(&s));
    office
        .then(|| sole.get(m.sentence).cloned().flatten())
        .flatten()
}

/// For each sentence, the one country its listed mentions name (by name, nationality or
/// place), if they name exactly one.
fn sole_countries(doc: &DocEntities, lex: &ActorLexicon) -> Vec<Option<String>> {
    let sentences = doc
        .mentions
        .iter()
        .map(|m| m.sentence + 1)
        .max()
        .unwrap_or(0);
    let mut sole: Vec<Option<Option<&str>>> = vec![None; sentences];
    for m in &doc.mentions {
        let e = &doc.entities[m.entity];
        let Some(code) = e.code.as_deref() else {
            continue;
        };
        if !matches!(e.kind, EntityType::Country | EntityType::Location)
            || !lex.is_country_code(code)
        {
            continue;
        }
        let slot = &mut sole[m.sentence];
        *slot = match *slot {
            None => Some(Some(code)),
            Some(Some(c)) if c == code => Some(Some(c)),
            _ => Some(None),
        };
    }
    sole.into_iter()
        .map(|s| s.flatten().map(str::to_string))
        .collect()
}

/// A lower-case word with letters only (hyphens allowed): "senior", "long-time".
fn is_plain(word: &str) -> bool {
    word.chars().all(|c| c.is_lowercase() || c == '-') && word.chars().any(char::is_alphabetic)
}

/// Person `p` takes descriptor mention `d`'s code (and its sector and role when it has
/// none); the descriptor's mention becomes the person's. With `name` (a premodifier), the
/// person's listed name mention grows to cover the descriptor.
fn take_descriptor(doc: &mut DocEntities, d: usize, p: usize, name: Option<usize>) {
    let from = doc.mentions[d].entity;
    let span = doc.mentions[d].span;
    let (code, sector, role) = {
        let e = &doc.entities[from];
        (e.code.clone(), e.sector.clone(), e.role.clone())
    };
    let person = &mut doc.entities[p];
    person.code = code;
    person.sector = person.sector.take().or(sector);
    person.role = person.role.take().or(role);
    move_mention(doc, from, p, span);
    doc.mentions[d].entity = p;
    if let Some(k) = name {
        let ks = doc.mentions[k].span;
        doc.mentions[k].span = Span::new(span.start, ks.end);
    }
    let emptied = doc.entities[from].mentions.is_empty() && doc.entities[from].members.is_empty();
    if emptied && !doc.mentions.iter().any(|m| m.entity == from) {
        doc.drop_entity(from);
    }
}

/// Moves entity `from`'s recorded mention at `span` to entity `to`.
fn move_mention(doc: &mut DocEntities, from: usize, to: usize, span: Span) {
    let list = &mut doc.entities[from].mentions;
    if let Some(i) = list
        .iter()
        .position(|m| m.start == span.start && m.end == span.end)
    {
        let m = list.remove(i);
        doc.entities[to].mentions.push(m);
    }
}
