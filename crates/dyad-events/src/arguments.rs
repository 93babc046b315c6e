//! Actor and recipient of a trigger: the subject is the nearest actor mention left of the
//! trigger in its clause (skipping prepositional phrases, relative and subordinate
//! clauses, "according to X"); the recipient is the direct object or the actor after one
//! of the trigger's prepositions. Passives swap the roles ("X was attacked by Y"),
//! causatives give the causer ("made X attack" → the maker), coordinations give lists.

use dyad_actors::{Actors, MentionKind};
use dyad_model::{ActorRef, EntityType, EventType};

use crate::lexicon::{Lexicon, Pos, TriggerEntry};
use crate::triggers::TriggerMatch;
use crate::view::{
    is_preposition, is_temporal, SentenceView, BE_FORMS, CAUSATIVES, CLAUSE_OPENERS,
};

/// The arguments of one trigger, as indices into [`SentenceView::mentions`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Arguments {
    pub actor: Vec<usize>,
    pub recipient: Vec<usize>,
    pub passive: bool,
}

/// Words that open a comma segment that cannot hold the main subject.
const SUBORDINATE_OPENERS: &[&str] = &[
    "who",
    "which",
    "whose",
    "whom",
    "where",
    "while",
    "when",
    "although",
    "though",
    "because",
    "if",
    "unless",
    "since",
    "after",
    "before",
    "despite",
    "according",
    "as",
];

/// Connectors between coordinated actors.
const COORDINATION: &[&str] = &[
    ",", "and", "or", "&", "the", "both", "as", "well", "its", "their",
];

/// Prepositions that open the topic of a complaint or protest ("over the raids").
const TOPIC_PREPS: &[&str] = &["over", "about", "against", "at"];

/// How many tokens after a topic preposition its actor may stand ("against the alleged
/// human rights violations by the Israeli military").
const TOPIC_REACH: usize = 8;

/// Prepositions after which an actor is a place, not a participant.
const PLACE_PREPS: &[&str] = &[
    "in",
    "at",
    "near",
    "inside",
    "outside",
    "across",
    "throughout",
];

fn preceded_by_preposition(view: &SentenceView<'_>, start: usize) -> Option<String> {
    preposition_before(view, start).map(|j| view.word(j).to_string())
}

/// Nouns that name a conflict: "the war in Ukraine" names the war, not where the event of
/// the sentence happened.
const CONFLICT_NOUNS: &[&str] = &[
    "war",
    "wars",
    "conflict",
    "fighting",
    "crisis",
    "invasion",
    "offensive",
    "insurgency",
    "violence",
    "unrest",
];

/// Whether the place phrase of the mention at `start` qualifies a conflict noun ("the war
/// in Ukraine", "the conflict in Sudan") rather than an event.
pub fn qualifies_conflict_noun(view: &SentenceView<'_>, start: usize) -> bool {
    preposition_before(view, start)
        .and_then(|p| p.checked_sub(1))
        .is_some_and(|j| CONFLICT_NOUNS.contains(&view.word(j)))
}

/// The local index of the preposition that introduces the mention at `start`, skipping up
/// to three determiners and adjectives ("in the contested Kursk region").
fn preposition_before(view: &SentenceView<'_>, start: usize) -> Option<usize> {
    // Skip adjectives and determiners between a preposition and the mention (up to 3).
    let mut j = start;
    for _ in 0..3 {
        if j == 0 {
            return None;
        }
        j -= 1;
        let w = view.word(j);
        if is_preposition(w) {
            return Some(j);
        }
        if view.is_punct(j) || view.mention_at[j].is_some() || view.is_capitalised(j) {
            return None;
        }
        if !matches!(
            w,
            "the"
                | "a"
                | "an"
                | "its"
                | "their"
                | "his"
                | "her"
                | "contested"
                | "occupied"
                | "neighbouring"
                | "neighboring"
                | "northern"
                | "southern"
                | "eastern"
                | "western"
                | "central"
                | "disputed"
                | "capital"
                | "besieged"
                | "embattled"
                | "both"
                | "all"
                | "other"
        ) {
            return None;
        }
    }
    None
}

/// Whether a mention at local tokens `ms..` is a place ("in Pyongyang").
pub fn is_place_use(view: &SentenceView<'_>, ms: usize) -> bool {
    preceded_by_preposition(view, ms).is_some_and(|p| PLACE_PREPS.contains(&p.as_str()))
}

/// Whether the mention is eligible as an actor: places named as places are not.
fn can_act(view: &SentenceView<'_>, actors: &Actors, k: usize) -> bool {
    let (m, _, _) = view.mentions[k];
    let Some(entity) = actors.entities.get(m.entity) else {
        return false;
    };
    !(entity.kind == EntityType::Location && m.kind != MentionKind::Metonym)
}

/// Whether the mention's entity has a country or organisation code; a plural reference
/// ("both governments", "the two nations") has one when a member does.
fn has_code(view: &SentenceView<'_>, actors: &Actors, k: usize) -> bool {
    let (m, _, _) = view.mentions[k];
    let Some(entity) = actors.entities.get(m.entity) else {
        return false;
    };
    entity.code.is_some()
        || m.kind == MentionKind::Plural
            && entity.members.iter().any(|id| {
                actors
                    .entities
                    .iter()
                    .any(|e| &e.id == id && e.code.is_some())
            })
}

/// Whether the mention's entity is a group with a role ("soldiers", "the government"),
/// whose country [`crate::homes`] can supply.
fn has_sector(view: &SentenceView<'_>, actors: &Actors, k: usize) -> bool {
    let (m, _, _) = view.mentions[k];
    actors.entities.get(m.entity).is_some_and(|e| {
        e.sector.is_some() && e.kind != EntityType::Person && e.kind != EntityType::Location
    })
}

/// The main subject of a sentence: its first mention outside prepositional phrases.
pub fn main_subject(view: &SentenceView<'_>, actors: &Actors, before: usize) -> Vec<usize> {
    for (k, &(_, ms, _)) in view.mentions.iter().enumerate() {
        if ms >= before {
            break;
        }
        if preceded_by_preposition(view, ms).is_none() && can_act(view, actors, k) {
            let mut group = vec![k];
            let mut j = k;
            // Coordinated subjects: "Moscow and Pyongyang".
            while let Some(&(_, ns, _)) = view.mentions.get(j + 1) {
                let (_, _, pe) = view.mentions[j];
                if ns >= before || ns <= pe || ns - pe > 2 {
                    break;
                }
                if !(pe..ns).all(|t| COORDINATION.contains(&view.word(t))) {
                    break;
                }
                group.push(j + 1);
                j += 1;
            }
            return group;
        }
    }
    Vec::new()
}

/// Extends a group leftwards over coordinations ("Jordan and Britain").
pub fn extend_left(view: &SentenceView<'_>, group: &mut Vec<usize>) {
    loop {
        let Some(&first) = group.first() else { return };
        let (_, ms, _) = view.mentions[first];
        let mut j = ms;
        let mut saw_link = false;
        let mut next = None;
        while j > 0 {
            j -= 1;
            if let Some(k) = view.mention_at[j] {
                next = Some(k);
                break;
            }
            let w = view.word(j);
            if !COORDINATION.contains(&w) {
                break;
            }
            saw_link |= matches!(w, "," | "and" | "or" | "&");
        }
        match next {
            Some(k) if saw_link && preceded_by_preposition(view, view.mentions[k].1).is_none() => {
                group.insert(0, k)
            }
            _ => return,
        }
    }
}

/// Extends a group rightwards over coordinations.
fn extend_right(lex: &Lexicon, view: &SentenceView<'_>, group: &mut Vec<usize>) {
    loop {
        let Some(&last) = group.last() else { return };
        let (_, _, me) = view.mentions[last];
        let mut j = me;
        let mut saw_link = false;
        let mut next = None;
        while j < view.len() {
            if let Some(k) = view.mention_at[j] {
                next = Some(k);
                break;
            }
            let w = view.word(j);
            if !COORDINATION.contains(&w) {
                break;
            }
            saw_link |= matches!(w, "," | "and" | "or" | "&");
            j += 1;
        }
        match next {
            Some(k) if saw_link => {
                // "..., Kim said" ends the list: a speaker is not a coordinated actor.
                let after = view.mentions[k].2;
                if lex.cues.report.contains_key(view.word(after)) {
                    return;
                }
                group.push(k);
            }
            _ => return,
        }
    }
}

fn is_participle(entry: &TriggerEntry, view: &SentenceView<'_>, m: &TriggerMatch) -> bool {
    let w = view.word(m.start);
    entry.participles.iter().any(|p| p == w)
        && (!view.has_tagger() || has_be_before(view, m.start) || view.tagged_participle(m.start))
}

/// Whether the trigger stands in a subordinate clause that qualifies a noun rather than
/// telling the sentence's news: a reduced relative ("property seized by the army", "a
/// pathologist sent to Israel") or a relative clause ("observers who were taken
/// hostage"). Such events are background when the sentence has a main event.
pub fn is_subordinate(lex: &Lexicon, view: &SentenceView<'_>, m: &TriggerMatch) -> bool {
    let entry = &lex.triggers[m.entry];
    let Some(prev) = m.start.checked_sub(1) else {
        return false;
    };
    let relative = (m.start.saturating_sub(4)..m.start)
        .rev()
        .take_while(|&j| !view.is_punct(j))
        .any(|j| matches!(view.word(j), "who" | "which" | "whom" | "whose"));
    if relative {
        return true;
    }
    // "ordered patrols after violent protests", "despite hours of negotiations": a noun
    // in a time or concession adjunct is the background of the main event.
    if entry.pos == Pos::Noun
        && (m.start.saturating_sub(4)..m.start)
            .rev()
            .take_while(|&j| !view.is_punct(j))
            .any(|j| {
                matches!(
                    view.word(j),
                    "after" | "following" | "despite" | "amid" | "since" | "before"
                )
            })
    {
        return true;
    }
    if !entry.pos.is_verb() || !entry.participles.iter().any(|p| p == view.word(m.start)) {
        return false;
    }
    if has_be_before(view, m.start) || has_have_before(view, m.start) {
        return false;
    }
    let w = view.word(prev);
    view.mention_at[prev].is_none()
        && !view.is_punct(prev)
        && !view.is_capitalised(prev)
        && w.chars().all(|c| c.is_alphabetic())
        && !w.ends_with("ly")
        && !is_temporal(w)
        && !BE_FORMS.contains(&w)
        && !matches!(
            w,
            "it" | "they"
                | "he"
                | "she"
                | "we"
                | "i"
                | "you"
                | "and"
                | "or"
                | "but"
                | "not"
                | "will"
                | "would"
                | "could"
                | "may"
                | "might"
                | "must"
                | "should"
                | "did"
                | "never"
                | "also"
                | "then"
                | "later"
                | "had"
                | "has"
                | "have"
                | "who"
                | "which"
                | "that"
                | "jointly"
                | "together"
                | "again"
                | "first"
                | "once"
        )
}

fn has_be_before(view: &SentenceView<'_>, start: usize) -> bool {
    // "a journalist has been killed": the be-form stands between the subject and the
    // participle.
    (start.saturating_sub(4)..start)
        .rev()
        .take_while(|&j| view.mention_at[j].is_none() && !view.is_punct(j))
        .any(|j| BE_FORMS.contains(&view.word(j)))
}

/// "has offered", "had been": a perfect tense, which makes a participle active.
fn has_have_before(view: &SentenceView<'_>, start: usize) -> bool {
    (start.saturating_sub(3)..start)
        .rev()
        .take_while(|&j| view.mention_at[j].is_none() && !view.is_punct(j))
        .any(|j| matches!(view.word(j), "has" | "have" | "had" | "'ve" | "having"))
        && !(start.saturating_sub(3)..start).any(|j| matches!(view.word(j), "been" | "being"))
}

/// Number words that make a preposition a quantifier ("more than 100", "up to 16",
/// "over a dozen").
const QUANTITY_WORDS: &[&str] = &[
    "a",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "dozen",
    "dozens",
    "several",
    "million",
    "millions",
];

/// Whether the preposition at `j` quantifies a number that follows ("than 100").
pub fn is_quantifier_preposition(view: &SentenceView<'_>, j: usize) -> bool {
    let next = j + 1;
    let w = view.word(j);
    if w == "of" {
        // "dozens of Afghan refugees": the quantity is transparent.
        return j > 0
            && (QUANTITY_WORDS.contains(&view.word(j - 1))
                || matches!(view.kinds.get(j - 1), Some(dyad_text::TokenKind::Number)));
    }
    if w == "to" && (j == 0 || view.word(j - 1) != "up") {
        return false;
    }
    matches!(w, "than" | "to" | "over" | "about" | "around" | "under")
        && (matches!(view.kinds.get(next), Some(dyad_text::TokenKind::Number))
            || (QUANTITY_WORDS.contains(&view.word(next)) && view.word(next) != "a"))
}

/// Whether "to" at `j` marks an infinitive ("to allow", "to ban") rather than a
/// recipient ("to Iraq", "to the government"): a lower-case word that is neither a
/// determiner, a number nor part of an actor follows.
pub fn is_infinitive_marker(view: &SentenceView<'_>, j: usize) -> bool {
    let next = j + 1;
    next < view.len()
        && view.mention_at[next].is_none()
        && view.kinds.get(next) == Some(&dyad_text::TokenKind::Word)
        && !view.is_capitalised(next)
        && !crate::view::is_determiner(view.word(next))
        && !QUANTITY_WORDS.contains(&view.word(next))
        && !matches!(
            view.word(next),
            "all" | "both" | "local" | "foreign" | "its" | "their"
        )
}

/// Index of the "(" that opens the parenthesis closed at `close`, if any (same clause).
fn open_paren_before(view: &SentenceView<'_>, close: usize) -> Option<usize> {
    (close.saturating_sub(12)..close)
        .rev()
        .find(|&j| view.word(j) == "(")
}

/// Index just past the ")" closing the parenthesis opened at `open`, if any.
fn close_paren_after(view: &SentenceView<'_>, open: usize) -> Option<usize> {
    (open + 1..(open + 12).min(view.len()))
        .find(|&j| view.word(j) == ")")
        .map(|j| j + 1)
}

/// The subject left of `from`: the nearest eligible mention in the clause.
pub fn subject_left(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    actors: &Actors,
    from: usize,
) -> Vec<usize> {
    let mut i = from;
    // "the prime minister of Peru resigned": an of-phrase stands in when nothing else does.
    let mut of_fallback: Option<usize> = None;
    while i > 0 {
        i -= 1;
        if view.word(i) == ")" {
            // "The Asia-Pacific Economic Cooperation (APEC) forum agreed": skip the aside.
            if let Some(open) = open_paren_before(view, i) {
                i = open;
                continue;
            }
        }
        if view.is_hard_boundary(i) {
            break;
        }
        let w = view.word(i);
        if view.is_comma(i) {
            // Skip a whole segment that is a relative or subordinate clause.
            let mut p = i;
            while p > 0 && !view.is_comma(p - 1) && !view.is_hard_boundary(p - 1) {
                p -= 1;
            }
            if SUBORDINATE_OPENERS.contains(&view.word(p)) && p > 0 {
                i = p;
            }
            continue;
        }
        if i + 1 < from && (w == "that" || lex.cues.report.contains_key(w)) {
            // "officials said that troops attacked": the speaker is not the actor.
            let pronoun_subject =
                (i + 1..from).any(|j| matches!(view.word(j), "it" | "they" | "he" | "she" | "we"));
            if view.mention_at[i].is_none() && !pronoun_subject {
                break;
            }
        }
        let Some(k) = view.mention_at[i] else {
            continue;
        };
        let (_, ms, _) = view.mentions[k];
        i = ms;
        let prep = preceded_by_preposition(view, ms);
        if prep.is_some() || !can_act(view, actors, k) {
            if prep.as_deref() == Some("of") && of_fallback.is_none() && can_act(view, actors, k) {
                of_fallback = Some(k);
            }
            continue;
        }
        let mut group = vec![k];
        extend_left(view, &mut group);
        // "The US made Kyiv attack": the causer acts.
        let first = view.mentions[group[0]].1;
        if first > 0 && CAUSATIVES.contains(&view.word(first - 1)) {
            let causer = subject_left(lex, view, actors, first - 1);
            if !causer.is_empty() {
                return causer;
            }
        }
        return group;
    }
    of_fallback.map(|k| vec![k]).unwrap_or_default()
}

/// Finds actor and recipient of trigger `m`. `next_trigger` bounds the right search.
pub fn find_arguments(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    actors: &Actors,
    m: &TriggerMatch,
    next_trigger: Option<usize>,
) -> Arguments {
    let entry = &lex.triggers[m.entry];
    let participle = is_participle(entry, view, m);
    let mut passive = participle && has_be_before(view, m.start);

    // Right side: object, prepositional recipient, by-agent.
    let limit = next_trigger.unwrap_or(view.len()).min(view.len());
    let mut recipient: Vec<usize> = Vec::new();
    let mut agent: Vec<usize> = Vec::new();
    let mut between: Vec<usize> = Vec::new();
    let mut prep: Option<String> = None;
    let mut other_prep_seen = false;
    let perfect = has_have_before(view, m.start);
    // "complained to the UN over Israeli raids": the actor of the complaint's topic.
    let mut topic: Vec<usize> = Vec::new();
    let mut topic_prep_at: Option<usize> = None;
    let mut addressee = false;
    let mut provisional_object = false;
    let mut j = m.end;
    while j < limit {
        if view.word(j) == "(" {
            if let Some(after) = close_paren_after(view, j) {
                j = after;
                continue;
            }
        }
        if view.is_hard_boundary(j) {
            break;
        }
        let w = view.word(j);
        if view.is_comma(j) {
            if !recipient.is_empty() || !agent.is_empty() || entry.pos == Pos::Noun {
                break;
            }
            // "provided X, Y and Z with": a comma before any argument ends the clause
            // unless a list of actors continues.
            break;
        }
        // "demanded Friday that the United States ...": the clause's subject is the
        // recipient of a demand, accusation or threat; other clauses end the search.
        let complementizer = w == "that"
            && (m.end..j)
                .all(|t| is_temporal(view.word(t)) || matches!(view.word(t), "on" | "today"));
        if j > m.end && CLAUSE_OPENERS.contains(&w) && w != "as" && !complementizer {
            break;
        }
        // A reporting verb opens another clause; after a determiner it is a noun ("the
        // claims by Ethiopia").
        if j > m.end
            && lex.cues.report.contains_key(w)
            && view.mention_at[j].is_none()
            && !crate::view::is_determiner(view.word(j - 1))
        {
            break;
        }
        if let Some(k) = view.mention_at[j] {
            let (_, ms, me) = view.mentions[k];
            // "in Kabul" is a place; "at Israeli soldiers" is a participant; "sought
            // refuge in Germany", "deployed peacekeepers in Bosnia": the trigger's own
            // preposition makes the place its recipient.
            let own_preposition = prep
                .as_deref()
                .is_some_and(|p| recipient.is_empty() && entry.preps.iter().any(|x| x == p));
            if is_place_use(view, ms) && !has_sector(view, actors, k) && !own_preposition {
                j = me;
                prep = None;
                continue;
            }
            let p = prep.as_deref();
            let mut group = vec![k];
            extend_right(lex, view, &mut group);
            let group_end = view.mentions[*group.last().unwrap_or(&k)].2;
            if topic.is_empty() && topic_prep_at.is_some_and(|t| ms <= t + TOPIC_REACH) {
                topic = group.clone();
            }
            if recipient.is_empty() && matches!(p, Some("to" | "with")) {
                addressee = true;
            }
            // "dismissed the claims by Ethiopia": a "by" after the verb's own object
            // names the object's author, not the verb's agent.
            let object_first = entry.pos.is_verb()
                && matches!(
                    view.word(m.end),
                    "the" | "a" | "an" | "its" | "their" | "these" | "those" | "such"
                );
            match p {
                Some("by")
                    if ((participle && !perfect && !object_first) || entry.pos == Pos::Noun)
                        && agent.is_empty()
                        && ms <= m.end + 6 =>
                {
                    agent = group;
                }
                // "denounced the sanctions imposed by the US", "rejected the proposal
                // from Pakistan": a reaction's recipient is the author of its object.
                Some("by" | "from")
                    if recipient.is_empty()
                        && agent.is_empty()
                        && entry.pos.is_verb()
                        && (!participle || perfect || object_first)
                        && matches!(
                            entry.event,
                            EventType::Accuse
                                | EventType::Reject
                                | EventType::Support
                                | EventType::Concede
                        ) =>
                {
                    recipient = group;
                }
                Some("between") if recipient.is_empty() => {
                    between = group.clone();
                    recipient = group;
                }
                Some(p)
                    if (recipient.is_empty() || provisional_object)
                        && entry.preps.iter().any(|x| x == p) =>
                {
                    recipient = group;
                    provisional_object = false;
                }
                Some("of")
                    if recipient.is_empty() && entry.pos == Pos::Verb && !other_prep_seen =>
                {
                    recipient = group;
                }
                None if recipient.is_empty()
                    && entry.pos == Pos::Verb
                    && !passive
                    && (has_code(view, actors, k) || has_sector(view, actors, k)) =>
                {
                    // An object with no country ("sent troops to Russia") may be what is
                    // sent rather than who receives it: a coded recipient after the
                    // trigger's own preposition replaces it.
                    provisional_object = !has_code(view, actors, k);
                    recipient = group;
                }
                _ => {}
            }
            j = group_end.max(j + 1);
            prep = None;
            continue;
        }
        if w == "to" && is_infinitive_marker(view, j) {
            // "refused to allow United Nations planes": the object of the complement.
            prep = None;
            j += 1;
            continue;
        }
        if TOPIC_PREPS.contains(&w) && topic_prep_at.is_none() {
            topic_prep_at = Some(j);
        }
        if is_preposition(w) && !is_quantifier_preposition(view, j) {
            if prep.is_some() || w != "of" {
                other_prep_seen |= w != "of";
            }
            prep = Some(w.to_string());
        }
        j += 1;
    }
    // "gave Armenia an ultimatum", "offered Kyiv a deal": an object inside the pattern.
    if recipient.is_empty() && entry.pos.is_verb() && m.end > m.start + 1 {
        if let Some(k) = (m.start + 1..m.end).find_map(|j| view.mention_at[j]) {
            if has_code(view, actors, k) && !is_place_use(view, view.mentions[k].1) {
                recipient = vec![k];
            }
        }
    }
    if !agent.is_empty() && participle && !perfect {
        passive = true;
    }
    // An accusation or protest is directed at whoever its topic names, not at the body
    // it is addressed to ("complained to the UN over Israeli raids" → Israel).
    if matches!(entry.event, EventType::Accuse | EventType::Protest)
        && !topic.is_empty()
        && (recipient.is_empty() || addressee)
        && topic.iter().any(|&k| has_code(view, actors, k))
    {
        recipient = topic;
    }

    let mut subject: Vec<usize> = subject_left(lex, view, actors, m.start)
        .into_iter()
        .filter(|k| !recipient.contains(k))
        .collect();
    // "the deployment of NATO peacekeeping troops": a noun's actor inside its pattern.
    if subject.is_empty() && entry.pos == Pos::Noun && m.end > m.start + 1 {
        if let Some(k) = (m.start + 1..m.end).find_map(|j| view.mention_at[j]) {
            if has_code(view, actors, k) && !recipient.contains(&k) {
                subject = vec![k];
            }
        }
    }
    let (mut actor, mut recipient) = if passive {
        let mut rec = subject;
        if rec.is_empty() {
            rec = recipient;
        }
        (agent, rec)
    } else if !agent.is_empty() {
        (agent, recipient)
    } else {
        (subject, recipient)
    };
    // "talks between X and Y" with no one else named: X meets Y.
    if actor.is_empty() && between.len() >= 2 && recipient == between {
        actor = vec![recipient.remove(0)];
    }
    recipient.retain(|k| !actor.contains(k));
    Arguments {
        actor,
        recipient,
        passive,
    }
}

/// The actor references of mentions: plural groups expand to their members, metonyms
/// code as their country's government.
pub fn actor_refs(view: &SentenceView<'_>, actors: &Actors, mentions: &[usize]) -> Vec<ActorRef> {
    let mut out: Vec<ActorRef> = Vec::new();
    let mut push = |r: ActorRef| {
        if !out
            .iter()
            .any(|o| o.entity.is_some() && o.entity == r.entity)
        {
            out.push(r);
        }
    };
    for &k in mentions {
        let Some(&(m, ms, me)) = view.mentions.get(k) else {
            continue;
        };
        let Some(entity) = actors.entities.get(m.entity) else {
            continue;
        };
        let text = view.slice(ms, me).to_string();
        if m.kind == MentionKind::Plural && !entity.members.is_empty() {
            for id in &entity.members {
                if let Some(member) = actors.entities.iter().find(|e| &e.id == id) {
                    push(ActorRef {
                        entity: Some(member.id.clone()),
                        text: member.name.clone(),
                        code: member.code.clone(),
                        sector: member.sector.clone(),
                    });
                }
            }
            continue;
        }
        let sector = if m.kind == MentionKind::Metonym {
            Some("GOV".to_string())
        } else {
            entity.sector.clone()
        };
        push(ActorRef {
            entity: Some(entity.id.clone()),
            text,
            code: entity.code.clone(),
            sector,
        });
    }
    out
}
