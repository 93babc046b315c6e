//! In-document coreference: later short names ("Kim", "Belousov") join the person first
//! named in full; plural references ("the two nations", "both sides") become a GROUP of
//! the two most recently mentioned countries, people or actors; subject pronouns ("he",
//! "she") point at the latest person. Pronouns are listed as actor mentions only, never
//! as entities or entity mentions of their own.

use dyad_model::{EntityType, Span};
use dyad_text::normalize::fold;
use dyad_text::token::{tokenize, TokenKind};

use crate::entities::{EntityKey, EntitySpec};
use crate::gazetteer::PluralOf;
use crate::lexicon::Hit;
use crate::recognizer::Run;
use crate::MentionKind;

/// Words after which "he"/"she" is taken to be a clause subject.
const SUBJECT_BEFORE: &[&str] = &[
    ",", "and", "but", "that", "as", "when", "after", "before", "while", "because", "where",
    "since", "although", "though", "said", "if", ";", ":", "\"", "'",
];

/// Notes that entity `e` (a person) was just mentioned, for short names and pronouns.
pub(crate) fn remember_person(run: &mut Run<'_>, e: usize) {
    if let Some(pos) = run.persons.iter().position(|(p, _)| *p == e) {
        let item = run.persons.remove(pos);
        run.persons.push(item);
        return;
    }
    let name = run.doc.entities[e].name.clone();
    let words: Vec<String> = tokenize(&name)
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| fold(t.text(&name)))
        .collect();
    run.persons.push((e, words));
}

/// A person already in the document whose name is, or ends or begins with, the folded
/// words `from..to` (latest mentioned first).
pub(crate) fn existing_person(run: &Run<'_>, from: usize, to: usize) -> Option<usize> {
    let words = &run.folded[from..to];
    run.persons.iter().rev().find_map(|(e, name)| {
        let same = name.as_slice() == words;
        let short = words.len() == 1
            && name.len() >= 2
            && (name.first() == words.first() || name.last() == words.last());
        (same || short).then_some(*e)
    })
}

/// A short name of a person seen earlier, or a subject pronoun, at token `i`.
pub(crate) fn short_name_or_pronoun(
    run: &mut Run<'_>,
    s: usize,
    i: usize,
    limit: usize,
) -> Option<usize> {
    let word = run.folded[i].as_str();
    if matches!(word, "he" | "she") {
        let subject = i == run.layer().sentences[s].tokens.start
            || i.checked_sub(1)
                .is_some_and(|p| SUBJECT_BEFORE.contains(&run.folded[p].as_str()));
        let verb_follows = run
            .layer()
            .tokens
            .get(i + 1)
            .is_some_and(|t| t.kind == TokenKind::Word || t.kind == TokenKind::Clitic);
        if subject && verb_follows {
            let (e, _) = run.persons.last()?;
            let e = *e;
            let span = run.layer().span_of(i, i + 1);
            let text = run.text();
            run.doc
                .mention(text, e, span, span, s, MentionKind::Pronoun);
        }
        return None;
    }
    let end = run.name_end(i, limit)?;
    if end != i + 1 {
        return None;
    }
    let e = existing_person(run, i, end)?;
    let span = run.layer().span_of(i, end);
    let text = run.text();
    run.doc
        .mention(text, e, span, span, s, MentionKind::ShortName);
    remember_person(run, e);
    Some(end)
}

/// "the two nations": a GROUP of the two latest distinct entities of the wanted kind.
pub(crate) fn plural(run: &mut Run<'_>, s: usize, h: Hit, of: PluralOf) {
    let recent = run.doc.recent(|e| match of {
        PluralOf::Countries => e.kind == EntityType::Country,
        PluralOf::People => e.kind == EntityType::Person,
        PluralOf::Actors => matches!(
            e.kind,
            EntityType::Country | EntityType::Person | EntityType::Organization
        ),
    });
    // Two members with distinct codes where codes are known ("Kim" and "Putin" → PRK, RUS).
    let mut members: Vec<usize> = Vec::new();
    for e in recent {
        let code = run.doc.entities[e].code.clone();
        let clash = members
            .iter()
            .any(|&m| code.is_some() && run.doc.entities[m].code == code);
        if !clash {
            members.push(e);
        }
        if members.len() == 2 {
            break;
        }
    }
    if members.len() < 2 {
        return;
    }
    members.sort_unstable();
    let span: Span = run.layer().span_of(h.start, h.end);
    let text = run.text();
    let name = text[span.start..span.end].to_string();
    let codes: Vec<String> = members
        .iter()
        .filter_map(|&m| run.doc.entities[m].code.clone())
        .collect();
    let e = run
        .doc
        .entity(EntityKey::Plural(members.clone()), || EntitySpec {
            name,
            kind: EntityType::Group,
            code: (codes.len() == 1).then(|| codes[0].clone()),
            sector: None,
            role: None,
            geo: None,
            members,
        });
    run.doc.mention(text, e, span, span, s, MentionKind::Plural);
}
