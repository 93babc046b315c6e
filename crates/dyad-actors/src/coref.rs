//! In-document coreference: later short names ("Kim", "Belousov") join the person first
//! named in full; plural references ("the two nations", "both sides") become a GROUP of
//! the two most recently mentioned countries, people or actors; subject pronouns ("he",
//! "she") point at the subject of the latest sentence naming a person ("Putin met Xi. He
//! said" is Putin), "it" opening the complement of a reporting or denial verb at that
//! verb's subject ("Iran denied that it ..."), and "they" (and the possessive "their") at
//! the latest plural actor: a group, a plural descriptor ("Russian officials"), a plural
//! reference, or two actors just joined by "and" ("Moscow and Pyongyang") with no other
//! actor named since. A short name
//! seen before the full one ("Mr. Dodik" ... "Milorad Dodik") joins the full name's
//! entity. Pronouns are listed among their entity's mentions, marked as such.

use dyad_model::{EntityType, Span};
use dyad_text::normalize::fold;
use dyad_text::token::{tokenize, TokenKind};

use crate::entities::{EntityKey, EntitySpec};
use crate::gazetteer::{DefiniteOf, PluralOf};
use crate::lexicon::Hit;
use crate::recognizer::Run;
use crate::{ActorMention, MentionKind};

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

/// How many sentences back "they" may look for its antecedent.
const PLURAL_PRONOUN_REACH: usize = 2;

/// The person for the name at tokens `from..to`: one already seen by that name or a
/// short form of it, or a person first named by the surname alone ("Mr. Dodik") whose
/// entity now takes the full name, when nothing contradicts (same or unknown country).
pub(crate) fn person_by_name(
    run: &mut Run<'_>,
    from: usize,
    to: usize,
    code: Option<&str>,
) -> Option<usize> {
    if let Some(e) = existing_person(run, from, to) {
        return Some(e);
    }
    if to < from + 2 {
        return None;
    }
    let surname = run.folded.get(to - 1)?.clone();
    let e = run.persons.iter().rev().find_map(|(e, words)| {
        let entity = run.doc.entities.get(*e)?;
        let fits = words.len() == 1
            && words[0] == surname
            && entity.kind == EntityType::Person
            && entity.members.is_empty()
            && match (entity.code.as_deref(), code) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            };
        fits.then_some(*e)
    })?;
    let span = run.layer().span_of(from, to);
    let name = run.text().get(span.start..span.end)?.to_string();
    let key = EntityKey::NamedPerson(run.folded[from..to].join(" "));
    run.doc.upgrade_name(e, key, name);
    if let (Some(entity), Some(code)) = (run.doc.entities.get_mut(e), code) {
        entity.code.get_or_insert_with(|| code.to_string());
    }
    if let Some(slot) = run.persons.iter_mut().find(|(p, _)| *p == e) {
        slot.1 = run.folded[from..to].to_vec();
    }
    Some(e)
}

/// Whether token `i` (a pronoun) stands in subject position: at the start of its sentence
/// or after a clause boundary, with a word after it.
fn subject_position(run: &Run<'_>, s: usize, i: usize) -> bool {
    let subject = i == run.layer().sentences[s].tokens.start
        || i.checked_sub(1)
            .is_some_and(|p| SUBJECT_BEFORE.contains(&run.folded[p].as_str()));
    subject && followed_by_word(run, i)
}

fn followed_by_word(run: &Run<'_>, i: usize) -> bool {
    run.layer()
        .tokens
        .get(i + 1)
        .is_some_and(|t| t.kind == TokenKind::Word || t.kind == TokenKind::Clitic)
}

/// Whether entity `e` can be referred to as "they" on its own: a group (peoples,
/// plural descriptors such as "Russian officials", plural references).
fn plural_actor(run: &Run<'_>, e: usize) -> bool {
    run.doc
        .entities
        .get(e)
        .is_some_and(|entity| entity.kind == EntityType::Group)
}

/// Whether entity `e` may be one of two actors joined by "and" ("Moscow and Pyongyang",
/// "Russia and North Korea"): a country, organisation, group, person or a capital
/// standing for its government, not a plain place.
fn coordinable(run: &Run<'_>, e: usize, kind: MentionKind) -> bool {
    run.doc.entities.get(e).is_some_and(|entity| {
        entity.members.is_empty()
            && match entity.kind {
                EntityType::Location => kind == MentionKind::Metonym,
                _ => true,
            }
    })
}

/// The latest plural actor before the pronoun in sentence `s`, looking back at most
/// [`PLURAL_PRONOUN_REACH`] sentences; a pair joined by "and" becomes a plural group.
fn plural_antecedent(run: &mut Run<'_>, s: usize) -> Option<usize> {
    let mentions = &run.doc.mentions;
    let text = run.text();
    // A pair joined by "and" is what "they" stands for only while no single actor has
    // been named after it ("Obama and Putin said they ...", not "... Thailand caught
    // them as they ...").
    let mut single_since = false;
    for k in (0..mentions.len()).rev() {
        let m = &mentions[k];
        if m.sentence + PLURAL_PRONOUN_REACH < s {
            return None;
        }
        if let Some(prev) = k.checked_sub(1).map(|p| &mentions[p]) {
            let joined = prev.sentence == m.sentence
                && prev.entity != m.entity
                && prev.span.end <= m.span.start
                && text
                    .get(prev.span.end..m.span.start)
                    .is_some_and(|between| matches!(between.trim(), "and" | ", and" | "&"));
            if joined
                && !single_since
                && coordinable(run, prev.entity, prev.kind)
                && coordinable(run, m.entity, m.kind)
            {
                let (a, b) = (prev.entity, m.entity);
                return Some(pair_group(run, a, b, prev.span, m.span));
            }
        }
        if plural_actor(run, m.entity) {
            return Some(m.entity);
        }
        let coded = run
            .doc
            .entities
            .get(m.entity)
            .is_some_and(|e| e.code.is_some());
        if coded && coordinable(run, m.entity, m.kind) && m.kind != MentionKind::Pronoun {
            single_since = true;
        }
    }
    None
}

/// The GROUP of two coordinated actors, named by the phrase that joins them.
fn pair_group(run: &mut Run<'_>, a: usize, b: usize, first: Span, second: Span) -> usize {
    let mut members = vec![a, b];
    members.sort_unstable();
    let text = run.text();
    let name = text
        .get(first.start..second.end)
        .unwrap_or_default()
        .to_string();
    let codes: Vec<String> = members
        .iter()
        .filter_map(|&m| run.doc.entities[m].code.clone())
        .collect();
    let single_code = match codes.as_slice() {
        [one] => Some(one.clone()),
        [x, y] if x == y => Some(x.clone()),
        _ => None,
    };
    run.doc
        .entity(EntityKey::Plural(members.clone()), || EntitySpec {
            name,
            kind: EntityType::Group,
            code: single_code,
            sector: None,
            role: None,
            geo: None,
            members,
        })
}

/// Words before a name that put it in a prepositional phrase, not in subject position
/// ("met with Belousov", "according to Xi", "a call from Macron").
const PREPOSITIONS: &[&str] = &[
    "with", "by", "to", "of", "for", "from", "against", "on", "at", "in", "about", "between",
    "among", "toward", "towards", "into", "than", "like", "after", "before",
];

/// The person a subject pronoun at token `i` stands for: in the latest sentence (the
/// pronoun's own, before it, or an earlier one) that names a person, the first person
/// named there outside a prepositional phrase — the subject, which a following "he"
/// continues ("Putin met Xi in Beijing. He said ..." is Putin) — else the last person
/// named there.
fn person_antecedent(run: &Run<'_>, i: usize) -> Option<usize> {
    salient_antecedent(run, i, 0, |m| {
        run.doc
            .entities
            .get(m.entity)
            .is_some_and(|x| x.kind == EntityType::Person && x.members.is_empty())
    })
}

/// The most salient earlier actor that `wanted` accepts for a reference at token `i`: in
/// the latest sentence, from sentence `earliest` on, with such an actor (the reference's
/// own, before it, or an earlier one), the first named outside a prepositional phrase,
/// else the last named there.
fn salient_antecedent(
    run: &Run<'_>,
    i: usize,
    earliest: usize,
    wanted: impl Fn(&ActorMention) -> bool,
) -> Option<usize> {
    let layer = run.layer();
    let at = layer.tokens.get(i)?.start;
    let mentions = &run.doc.mentions;
    let before = mentions.partition_point(|m| m.span.end <= at);
    let latest = mentions[..before]
        .iter()
        .rev()
        .find(|m| m.span.end <= at && wanted(m))?;
    if latest.sentence < earliest {
        return None;
    }
    let sentence = latest.sentence;
    let in_sentence = mentions[..before]
        .iter()
        .filter(|m| m.sentence == sentence && m.span.end <= at && wanted(m));
    let governed = |start: usize| {
        let t = layer.tokens.partition_point(|t| t.end <= start);
        t.checked_sub(1)
            .and_then(|p| run.folded.get(p))
            .is_some_and(|w| PREPOSITIONS.contains(&w.as_str()))
    };
    let mut first_free = None;
    for m in in_sentence {
        if !governed(m.span.start) {
            first_free = Some(m.entity);
            break;
        }
    }
    first_free.or(Some(latest.entity))
}

/// How many sentences back a definite description ("the country") may look for its
/// antecedent.
const DEFINITE_REACH: usize = 3;

/// The entity a definite description at token `i` of sentence `s` ("the country", "the
/// bloc") stands for: the most salient earlier country (a country named, a capital
/// standing for its government, or a body or group of one country) or international body.
pub(crate) fn definite_antecedent(
    run: &Run<'_>,
    s: usize,
    i: usize,
    of: DefiniteOf,
) -> Option<usize> {
    salient_antecedent(run, i, s.saturating_sub(DEFINITE_REACH), |m| {
        let Some(entity) = run.doc.entities.get(m.entity) else {
            return false;
        };
        if !entity.members.is_empty() || m.kind == MentionKind::Definite {
            return false;
        }
        let code = entity.code.as_deref().unwrap_or("");
        match of {
            DefiniteOf::Country => match entity.kind {
                EntityType::Country => true,
                EntityType::Location => m.kind == MentionKind::Metonym,
                EntityType::Organization | EntityType::Group => {
                    run.lex.gaz.country_index(code).is_some()
                }
                EntityType::Person => false,
            },
            DefiniteOf::Body => entity.kind == EntityType::Organization && code.starts_with("IGO"),
        }
    })
}

/// Verbs whose subject an "it" of their complement clause stands for: "Iran denied that
/// it was behind the attack", "Russia said it would respond".
const REPORTING_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "denied",
    "denies",
    "deny",
    "insisted",
    "insists",
    "claimed",
    "claims",
    "stated",
    "states",
    "announced",
    "announces",
    "confirmed",
    "confirms",
    "warned",
    "warns",
    "argued",
    "argues",
    "added",
    "adds",
    "maintained",
    "maintains",
    "acknowledged",
    "admitted",
    "admits",
    "asserted",
    "declared",
    "reiterated",
    "stressed",
    "noted",
];

/// Words between a subject and its verb ("has flatly denied", "also said").
fn between_subject_and_verb(word: &str) -> bool {
    matches!(
        word,
        "has" | "have" | "had" | "also" | "again" | "later" | "earlier" | "repeatedly" | "then"
    ) || (word.len() > 4 && word.ends_with("ly") && word != "only")
}

/// The entity an "it" at token `i` of sentence `s` stands for when it opens the
/// complement of a reporting or denial verb: the non-person actor just before that verb
/// ("Iran denied that it ...", "the ministry said it ...", "Moscow rejected claims that
/// it ..."). Any other "it" is left alone.
fn reported_it_antecedent(run: &Run<'_>, s: usize, i: usize) -> Option<usize> {
    let layer = run.layer();
    let first = layer.sentences.get(s)?.tokens.start;
    if i <= first || !followed_by_word(run, i) {
        return None;
    }
    let word = |t: usize| run.folded.get(t).map(String::as_str).unwrap_or("");
    let mut v = i - 1;
    if word(v) == "that" && v > first {
        v -= 1;
    }
    // "denied claims that it", "rejected the accusations that it".
    if run.lex.gaz.charge_nouns.contains(word(v)) && v > first {
        let noun = v;
        v = (noun.saturating_sub(3).max(first)..noun)
            .rev()
            .find(|&t| REPORTING_VERBS.contains(&word(t)) || word(t).starts_with("reject"))?;
    } else if !REPORTING_VERBS.contains(&word(v)) {
        return None;
    }
    let mut k = v;
    while k > first && between_subject_and_verb(word(k - 1)) {
        k -= 1;
    }
    let end = layer.tokens.get(k.checked_sub(1)?)?.end;
    let mention = run
        .doc
        .mentions
        .iter()
        .rev()
        .take_while(|m| m.sentence == s)
        .find(|m| m.span.end == end)?;
    let entity = run.doc.entities.get(mention.entity)?;
    let fits = match entity.kind {
        EntityType::Person => false,
        EntityType::Location => mention.kind == MentionKind::Metonym,
        _ => mention.kind != MentionKind::Plural && entity.members.is_empty(),
    };
    fits.then_some(mention.entity)
}

/// A short name of a person seen earlier, or a subject pronoun, at token `i`.
pub(crate) fn short_name_or_pronoun(
    run: &mut Run<'_>,
    s: usize,
    i: usize,
    limit: usize,
) -> Option<usize> {
    let word = run.folded[i].as_str();
    if matches!(word, "they" | "their") {
        let wanted = if word == "they" {
            subject_position(run, s, i)
        } else {
            // "their Chinese counterparts" names someone else: a capitalised word after
            // "their" starts another actor, which "their" does not stand for.
            let next_capitalised = run.layer().tokens.get(i + 1).is_some_and(|t| {
                t.text(run.text())
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            });
            followed_by_word(run, i) && !next_capitalised
        };
        if wanted {
            if let Some(e) = plural_antecedent(run, s) {
                let span = run.layer().span_of(i, i + 1);
                let text = run.text();
                run.doc
                    .mention(text, e, span, span, s, MentionKind::Pronoun);
            }
        }
        return None;
    }
    if matches!(word, "he" | "she") {
        // Nominative: a clause's subject wherever it stands ("told Reuters she had met
        // the envoy").
        if followed_by_word(run, i) {
            let e = person_antecedent(run, i).or_else(|| run.persons.last().map(|(e, _)| *e))?;
            let span = run.layer().span_of(i, i + 1);
            let text = run.text();
            run.doc
                .mention(text, e, span, span, s, MentionKind::Pronoun);
        }
        return None;
    }
    if word == "it" {
        if let Some(e) = reported_it_antecedent(run, s, i) {
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

#[cfg(test)]
mod tests {
    use dyad_data::DataSet;
    use dyad_model::{Entity, EntityType};

    use crate::{ActorLexicon, Actors, MentionKind};

    fn recognize(text: &str) -> Actors {
        let lex = ActorLexicon::from_data(&DataSet::embedded()).expect("embedded data parses");
        let layer = dyad_text::analyze(text);
        lex.recognize(text, &layer, "2024-12-01".parse().ok())
    }

    /// The entity the mention starting with `word` (the n-th such mention) points at.
    fn entity_of<'a>(a: &'a Actors, text: &str, word: &str, nth: usize) -> Option<&'a Entity> {
        a.mentions
            .iter()
            .filter(|m| text.get(m.span.start..m.span.end) == Some(word))
            .nth(nth)
            .map(|m| &a.entities[m.entity])
    }

    /// How many actor mentions of `kind` the document has.
    fn mentions_of_kind(a: &Actors, kind: MentionKind) -> usize {
        a.mentions.iter().filter(|m| m.kind == kind).count()
    }

    fn pronouns(a: &Actors) -> usize {
        mentions_of_kind(a, MentionKind::Pronoun)
    }

    #[test]
    fn a_bare_high_court_is_the_storys_not_a_foreign_one() {
        // A court named by its rank alone belongs to the country the text gives it, or
        // stays uncoded: never the United States' by default.
        let text = "Kenya's president criticised the Supreme Court on Monday.";
        let a = recognize(text);
        let e = entity_of(&a, text, "the Supreme Court", 0).expect("the court is an actor");
        assert_ne!(e.code.as_deref(), Some("USA"));
        let text = "The U.S. Supreme Court blocked the order.";
        let a = recognize(text);
        let e = entity_of(&a, text, "U.S. Supreme Court", 0).expect("the court is an actor");
        assert_eq!(e.code.as_deref(), Some("USA"));
    }

    #[test]
    fn they_resolves_to_a_plural_descriptor() {
        let text = "Russian officials met in the capital on Monday. They said the talks went well.";
        let a = recognize(text);
        let e = entity_of(&a, text, "They", 0).expect("They resolved");
        assert_eq!(e.kind, EntityType::Group);
        assert_eq!(e.code.as_deref(), Some("RUS"));
        let listed = e
            .mentions
            .iter()
            .find(|m| m.text == "They")
            .expect("pronoun listed in the entity's mentions");
        assert_eq!(listed.kind, Some(MentionKind::Pronoun));
        assert_eq!(&text[listed.start..listed.end], "They");
    }

    #[test]
    fn they_resolves_to_two_coordinated_actors() {
        let text = "Moscow and Pyongyang signed a treaty in June. They pledged mutual support.";
        let a = recognize(text);
        let e = entity_of(&a, text, "They", 0).expect("They resolved");
        assert_eq!(e.kind, EntityType::Group);
        assert_eq!(e.members.len(), 2, "{e:?}");
    }

    #[test]
    fn they_chains_and_follows_plural_references() {
        let text = "Turkey and Greece held talks. The two countries agreed to meet again. \
                    They also discussed migration, and they signed a memorandum.";
        let a = recognize(text);
        let first = entity_of(&a, text, "They", 0).expect("They resolved");
        let second = entity_of(&a, text, "they", 0).expect("they resolved");
        assert_eq!(first.id, second.id);
        assert_eq!(first.members.len(), 2);
    }

    #[test]
    fn they_never_resolves_to_a_single_person() {
        let text = "Mr. Dodik arrived on Monday. They said nothing about the visit.";
        let a = recognize(text);
        assert_eq!(pronouns(&a), 0, "{:?}", a.mentions);
        let text = "Germany rejected the plan. They want another vote.";
        assert_eq!(pronouns(&recognize(text)), 0);
    }

    #[test]
    fn they_outside_subject_position_or_too_far_is_left_alone() {
        let text = "Rebels attacked the town. The army said the attack was what they feared.";
        let a = recognize(text);
        assert!(entity_of(&a, text, "they", 0).is_none());
        let text = "Rebels attacked the town. The weather was cold. The roads were closed. \
                    Snow fell. They left.";
        let a = recognize(text);
        assert!(entity_of(&a, text, "They", 0).is_none());
    }

    #[test]
    fn he_and_she_are_subjects_wherever_they_stand() {
        // After the addressee of a verb of telling, with no "that".
        let text = "Health Minister Ann Wairimu spoke on Monday. \
            She told Reuters she had met the envoy.";
        let a = recognize(text);
        let e = entity_of(&a, text, "she", 0).expect("she resolved");
        assert_eq!(e.name, "Ann Wairimu");
    }

    #[test]
    fn their_as_possessor_resolves_like_they() {
        let text = "Israeli soldiers entered the village, and their commander spoke to reporters.";
        let a = recognize(text);
        let e = entity_of(&a, text, "their", 0).expect("their resolved");
        assert_eq!(e.code.as_deref(), Some("ISR"));
    }

    #[test]
    fn he_continues_the_previous_subject() {
        let text = "Vladimir Putin met Xi Jinping in Beijing. He said the talks went well.";
        let a = recognize(text);
        let e = entity_of(&a, text, "He", 0).expect("He resolved");
        assert_eq!(e.name, "Vladimir Putin");
        // A person after a preposition is no subject: "met with X" leaves the subject.
        let text = "Xi Jinping met with Vladimir Putin. He said the talks went well.";
        let a = recognize(text);
        assert_eq!(entity_of(&a, text, "He", 0).expect("He").name, "Xi Jinping");
        // Within its sentence, the subject before the pronoun.
        let text = "Vladimir Putin told Xi Jinping that he would visit soon.";
        let a = recognize(text);
        assert_eq!(
            entity_of(&a, text, "he", 0).expect("he").name,
            "Vladimir Putin"
        );
    }

    #[test]
    fn it_after_a_reporting_verb_is_its_subject() {
        let text = "Iran denied that it was behind the attack.";
        let a = recognize(text);
        let e = entity_of(&a, text, "it", 0).expect("it resolved");
        assert_eq!(e.code.as_deref(), Some("IRN"));
        let text = "Moscow has flatly rejected claims that it shelled the port.";
        let a = recognize(text);
        assert_eq!(
            entity_of(&a, text, "it", 0).and_then(|e| e.code.as_deref()),
            Some("RUS")
        );
        // A person is "he" or "she", and an "it" elsewhere stays alone.
        let text = "Vladimir Putin said it was a provocation.";
        assert_eq!(pronouns(&recognize(text)), 0);
        let text = "Iran said the attack was a provocation and it would respond.";
        assert_eq!(pronouns(&recognize(text)), 0);
    }

    #[test]
    fn they_skips_a_pair_named_before_another_actor() {
        let text = "Canada and Australia offered aid. Thailand detained the men as they fled.";
        let a = recognize(text);
        assert!(entity_of(&a, text, "they", 0).is_none(), "{:?}", a.mentions);
        let text = "Obama and Putin said they will attack Iraq.";
        let a = recognize(text);
        let e = entity_of(&a, text, "they", 0).expect("they resolved");
        assert_eq!(e.members.len(), 2);
    }

    #[test]
    fn he_is_listed_among_the_person_mentions() {
        let text = "Serbian President Aleksandar Vucic spoke on Monday. He said talks would go on.";
        let a = recognize(text);
        let e = entity_of(&a, text, "He", 0).expect("He resolved");
        assert_eq!(e.kind, EntityType::Person);
        assert!(e
            .mentions
            .iter()
            .any(|m| m.text == "He" && m.kind == Some(MentionKind::Pronoun)));
    }

    #[test]
    fn a_surname_seen_first_joins_the_full_name() {
        let text = "Mr. Dodik said the vote would go ahead. Milorad Dodik, the Bosnian Serb \
                    leader, has long called for secession. Dodik denied the charges.";
        let a = recognize(text);
        let people: Vec<&Entity> = a
            .entities
            .iter()
            .filter(|e| e.kind == EntityType::Person)
            .collect();
        assert_eq!(people.len(), 1, "{people:?}");
        let dodik = people[0];
        assert_eq!(dodik.name, "Milorad Dodik");
        assert_eq!(dodik.mentions.len(), 3, "{:?}", dodik.mentions);
        assert_eq!(dodik.mentions[0].kind, Some(MentionKind::ShortName));
        assert_eq!(dodik.mentions[1].kind, None);
    }

    #[test]
    fn a_surname_of_another_country_stays_apart() {
        let text = "French Minister Martin spoke on Monday. \
                    German Minister Hans Martin said he was pleased.";
        let a = recognize(text);
        let martins: Vec<&Entity> = a
            .entities
            .iter()
            .filter(|e| e.kind == EntityType::Person && e.name.ends_with("Martin"))
            .collect();
        assert_eq!(martins.len(), 2, "{martins:?}");
    }

    #[test]
    fn a_dual_nationality_demonym_takes_the_first_country() {
        let text = "Iran sentenced a British-Iranian national to ten years in prison.";
        let a = recognize(text);
        let e = entity_of(&a, text, "British-Iranian national", 0).expect("descriptor");
        assert_eq!(e.code.as_deref(), Some("GBR"));
        assert_eq!(e.kind, EntityType::Group);
        let text = "The Australian National Party lost the vote.";
        let a = recognize(text);
        assert!(a
            .entities
            .iter()
            .all(|e| e.sector.as_deref() != Some("CVL")));
        let text = "A pro-Russian militia fired on the Russian-backed convoy.";
        let a = recognize(text);
        assert!(a.mentions.iter().all(|m| {
            let t = &text[m.span.start..m.span.end];
            !t.contains("pro-Russian") && !t.contains("Russian-backed")
        }));
    }

    fn definites(a: &Actors) -> usize {
        mentions_of_kind(a, MentionKind::Definite)
    }

    #[test]
    fn the_country_is_the_subject_country_of_the_latest_sentence_naming_one() {
        // The subject, not the country inside "from ..." nor the one named last.
        let text = "Chile withdrew its envoy from Peru on Friday. The country accused Peru of \
                    spying.";
        let a = recognize(text);
        let e = entity_of(&a, text, "The country", 0).expect("The country resolved");
        assert_eq!(e.code.as_deref(), Some("CHL"));
        assert_eq!(e.kind, EntityType::Country);
        let listed = e.mentions.iter().find(|m| m.text == "The country");
        assert_eq!(listed.and_then(|m| m.kind), Some(MentionKind::Definite));
        // A capital standing for its government stands for the country too.
        let text = "Hanoi protested on Monday. Officials said the nation would not back down.";
        let a = recognize(text);
        let e = entity_of(&a, text, "the nation", 0).expect("the nation resolved");
        assert_eq!(e.code.as_deref(), Some("VNM"));
    }

    #[test]
    fn the_bloc_is_the_latest_international_body() {
        let text = "ASEAN admitted a new member in May. Diplomats said the bloc would meet \
                    again. Cambodia asked the regional body for help.";
        let a = recognize(text);
        for phrase in ["the bloc", "the regional body"] {
            let e = entity_of(&a, text, phrase, 0).expect("resolved");
            assert_eq!(e.name, "ASEAN", "{phrase}");
        }
        // A body of one country is no bloc.
        let text = "The Chilean navy seized a trawler. Officials said the alliance objected.";
        assert_eq!(definites(&recognize(text)), 0);
    }

    #[test]
    fn a_possessive_definite_codes_the_phrase_it_modifies() {
        let text = "Peru closed its border on Monday. The country's army deployed troops.";
        let a = recognize(text);
        let e = entity_of(&a, text, "The country's army", 0).expect("descriptor");
        assert_eq!(e.code.as_deref(), Some("PER"));
        assert_eq!(e.sector.as_deref(), Some("MIL"));
    }

    #[test]
    fn names_indefinites_and_distant_countries_are_no_definite_descriptions() {
        // Capitalised, "the Alliance" begins a name; "a country" refers to no one.
        let text = "Mali signed a pact. The Alliance of Sahel States welcomed it, and a country \
                    like Chad may join.";
        assert_eq!(definites(&recognize(text)), 0);
        let text = "Kenya held elections. The vote was calm. Turnout was high. Results came \
                    late. Observers praised the country.";
        assert_eq!(definites(&recognize(text)), 0);
    }
}
