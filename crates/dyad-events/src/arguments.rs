//! Actor and recipient of a trigger: the subject is the nearest actor mention left of the
//! trigger in its clause (skipping prepositional phrases, relative and subordinate
//! clauses, "according to X"); the recipient is the direct object or the actor after one
//! of the trigger's prepositions. Passives swap the roles ("X was attacked by Y"),
//! causatives give the causer ("made X attack" → the maker), coordinations give lists.
//!
//! Further: a "to ..." complement's object and recipient are the event's ("threatened to
//! cut off power to X"); a list of bare nouns leads on to the target ("fired mortars,
//! rockets and shells at X"); a weapon or an unnamed attacker as subject names no actor
//! ("a roadside bomb killed ..."); an attacked or inspected place gives its country
//! ("shelled villages in X"); a reduced relative participle is passive ("the trial of a
//! journalist arrested over ...").

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
    /// The subject is a weapon or an attack, not a party ("a roadside bomb killed ...",
    /// "the blast wounded ..."): the actor is unnamed unless the phrase gives its author
    /// ("shelling by rebel forces").
    pub inanimate: bool,
}

/// Whether the clause of the verb at `start` opens with an attack or weapon noun with no
/// actor before it ("A roadside bombing near X killed ..."). Returns the author of the
/// attack when a "by"/"from" phrase names it ("shelling by rebel forces").
fn inanimate_subject(lex: &Lexicon, view: &SentenceView<'_>, start: usize) -> Option<Vec<usize>> {
    // "A bomb exploded in a market, killing 30 people": a participle after a comma
    // shares the subject of the clause before it.
    let start = if start > 1 && view.is_comma(start - 1) && view.word(start).ends_with("ing") {
        start - 1
    } else {
        start
    };
    let mut clause = start;
    while clause > 0
        && !view.is_comma(clause - 1)
        && !view.is_hard_boundary(clause - 1)
        && !matches!(view.word(clause - 1), "that" | "which")
    {
        clause -= 1;
    }
    let mut head = None;
    for j in clause..start.min(clause + 5) {
        if view.mention_at[j].is_some() || view.is_punct(j) {
            return None;
        }
        let w = view.word(j);
        if lex.cues.inanimate.contains(w) {
            // "a bomb attack", "a car bomb explosion": the last noun of the compound.
            head = Some(j);
            if !lex.cues.inanimate.contains(view.word(j + 1)) {
                break;
            }
            continue;
        }
        if head.is_some() || is_preposition(w) || view.is_capitalised(j) && j > clause {
            break;
        }
    }
    let head = head?;
    // "shelling by Russian forces", "rockets fired from Gaza".
    let author = (head + 1..(head + 4).min(start))
        .find(|&j| matches!(view.word(j), "by" | "from"))
        .and_then(|j| {
            view.mention_at.get(j + 1).copied().flatten().or_else(|| {
                view.mention_at
                    .get(j + 2)
                    .copied()
                    .flatten()
                    .filter(|_| crate::view::is_determiner(view.word(j + 1)))
            })
        });
    Some(author.map(|k| vec![k]).unwrap_or_default())
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

/// Prepositions that name a recipient inside a "to ..." complement ("promised to send aid
/// to X", "vowed to retaliate against X", "agreed to cooperate with X").
const COMPLEMENT_PREPS: &[&str] = &["to", "against", "on", "at", "into", "with", "from"];

/// How many tokens after a topic preposition its actor may stand ("against the alleged
/// human rights violations by the Israeli military").
const TOPIC_REACH: usize = 8;

/// Prepositions after which an actor is a place, not a participant.
pub const PLACE_PREPS: &[&str] = &[
    "in",
    "at",
    "near",
    "inside",
    "outside",
    "across",
    "throughout",
];

/// Whether the parse makes the words `start..end` a clause's subject.
fn parse_subject(view: &SentenceView<'_>, start: usize, end: usize) -> bool {
    view.doc
        .filter(|d| d.len() == view.len())
        .is_some_and(|d| d.rels[crate::roles::phrase_head(d, start, end)].is_subject())
}

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
        // "in Western Cambodia": a compass word may be part of the name.
        if view.is_punct(j)
            || view.mention_at[j].is_some()
            || view.is_capitalised(j) && !is_compass(w)
        {
            return None;
        }
        if !is_compass(w)
            && !matches!(
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
            )
        {
            return None;
        }
    }
    None
}

/// Compass words that qualify a place ("northern Syria", "East Timor's capital").
pub(crate) fn is_compass(word: &str) -> bool {
    matches!(
        word,
        "northern"
            | "southern"
            | "eastern"
            | "western"
            | "central"
            | "north"
            | "south"
            | "east"
            | "west"
            | "northeastern"
            | "northwestern"
            | "southeastern"
            | "southwestern"
            | "upper"
            | "lower"
    )
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

/// Whether the mention names a person ("Prime Minister Iyad Allawi").
fn is_person(view: &SentenceView<'_>, actors: &Actors, k: usize) -> bool {
    let (m, _, _) = view.mentions[k];
    actors
        .entities
        .get(m.entity)
        .is_some_and(|e| e.kind == EntityType::Person)
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
///
/// A bare comma links only inside a list that ends with "and"/"or" ("Russia, China and
/// Iran"): in "Threatening the hostages, the rebels demanded" the comma closes a clause.
pub fn extend_left(view: &SentenceView<'_>, group: &mut Vec<usize>) {
    let mut in_list = false;
    loop {
        let Some(&first) = group.first() else { return };
        let (_, ms, _) = view.mentions[first];
        let mut j = ms;
        let mut saw_link = false;
        let mut saw_conjunction = false;
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
            saw_conjunction |= matches!(w, "and" | "or" | "&");
        }
        match next {
            Some(k)
                if saw_link
                    && (saw_conjunction || in_list)
                    && preceded_by_preposition(view, view.mentions[k].1).is_none() =>
            {
                in_list |= saw_conjunction;
                group.insert(0, k)
            }
            _ => return,
        }
    }
}

/// For a verb that follows a quotation and its comma (`"…," warned X`, `"…", warned X`),
/// the tag's subject after the verb ("the Polish foreign minister"; empty when the words
/// after it name no actor, or when the verb is an agreeing one, which there only means the
/// speaker concurs). `None` for a verb in any other place.
fn inverted_tag_subject(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    m: &TriggerMatch,
) -> Option<Vec<usize>> {
    if m.start < 2 {
        return None;
    }
    let (a, b) = (m.start - 2, m.start - 1);
    let after_quote =
        (view.is_comma(a) && view.is_quote(b)) || (view.is_quote(a) && view.is_comma(b));
    if !after_quote {
        return None;
    }
    // '"…," agreed X' is X concurring with the quotation: no agreement to anything.
    if lex.triggers[m.entry].event == EventType::Agree {
        return Some(Vec::new());
    }
    let mut j = m.end;
    while j < view.len() && view.mention_at[j].is_none() && crate::view::is_determiner(view.word(j))
    {
        j += 1;
    }
    let Some(k) = view.mention_at.get(j).copied().flatten() else {
        return Some(Vec::new());
    };
    let mut group = vec![k];
    extend_right(lex, view, &mut group);
    Some(group)
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
        && (!view.has_tags() || has_be_before(view, m.start) || view.tagged_participle(m.start))
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
    // "a roadside bomb killed": weapons are not killed.
    if inanimate_subject(lex, view, m.start).is_some() {
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

/// Whether token `j` is a form of "to be": "'s" is one only after a pronoun ("it's been
/// attacked"); after a noun it is a possessive ("Mali's junta expelled").
fn is_be_form(view: &SentenceView<'_>, j: usize) -> bool {
    let w = view.word(j);
    if w == "'s" {
        return j > 0
            && matches!(
                view.word(j - 1),
                "it" | "he" | "she" | "that" | "there" | "who" | "what" | "where"
            );
    }
    BE_FORMS.contains(&w)
}

fn has_be_before(view: &SentenceView<'_>, start: usize) -> bool {
    // "a journalist has been killed": the be-form stands between the subject and the
    // participle.
    (start.saturating_sub(4)..start)
        .rev()
        .take_while(|&j| view.mention_at[j].is_none() && !view.is_punct(j))
        .any(|j| is_be_form(view, j))
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
        && !modifies_following_actor(view, next)
}

/// Whether the lower-case word at `i` is an adjective of an actor right after it ("to
/// war-torn Mozambique", "to neighbouring Chad") rather than a verb ("to re-arm
/// Ukraine"): the tagger reads it as an adjective, or it is a hyphenated word the tagger
/// (when loaded) does not read as a verb.
fn modifies_following_actor(view: &SentenceView<'_>, i: usize) -> bool {
    let mention = |j: usize| view.mention_at.get(j).is_some_and(Option::is_some);
    let actor_follows = mention(i + 1)
        || (mention(i + 2) && view.kinds.get(i + 1) == Some(&dyad_text::TokenKind::Word));
    if !actor_follows {
        return false;
    }
    // The tagger is asked only about words shaped like adjectives (tagging is slow).
    let w = view.word(i);
    if w.contains('-') {
        return !view.tagged_verb(i);
    }
    let adjective_shape = [
        "ing", "ed", "al", "ous", "ic", "ive", "ern", "ful", "less", "ian",
    ]
    .iter()
    .any(|s| w.ends_with(s));
    adjective_shape && view.tag(i).is_some_and(|t| t.upos == dyad_text::Upos::Adj)
}

/// Whether the comma at `comma` separates bare nouns of a list ("artillery, mortar, and
/// rocket fire"): one or two lower-case words follow it up to the next comma or to the
/// "and"/"or" that closes the list, and a lower-case word precedes it.
fn continues_noun_list(view: &SentenceView<'_>, comma: usize) -> bool {
    let bare = |j: usize| {
        let w = view.word(j);
        view.mention_at[j].is_none()
            && view.kinds.get(j) == Some(&dyad_text::TokenKind::Word)
            && !view.is_capitalised(j)
            && !is_preposition(w)
            && !crate::view::is_determiner(w)
            && !CLAUSE_OPENERS.contains(&w)
            && !BE_FORMS.contains(&w)
            && !w.ends_with("ing")
    };
    if comma == 0 || !bare(comma - 1) {
        return false;
    }
    let mut words = 0;
    for j in comma + 1..view.len().min(comma + 12) {
        let w = view.word(j);
        if matches!(w, "and" | "or") {
            return words > 0 || view.is_comma(j - 1);
        }
        if view.is_comma(j) {
            if words == 0 {
                return false;
            }
            words = 0;
            continue;
        }
        if !bare(j) || words == 2 {
            return false;
        }
        words += 1;
    }
    false
}

/// Whether a past-tense verb starts at `i` ("... and suspended", "... and killed"): a
/// lower-case "-ed" word that the tagger (when loaded) reads as a verb.
fn opens_coordinated_verb(view: &SentenceView<'_>, i: usize) -> bool {
    let w = view.word(i);
    view.mention_at.get(i).is_some_and(Option::is_none)
        && !view.is_capitalised(i)
        && w.len() > 4
        && w.ends_with("ed")
        && (!view.has_tags() || view.tagged_verb(i))
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
            // "... said it attacked", "the army said its jets struck": the speaker acts.
            let pronoun_subject = (i + 1..from).any(|j| {
                matches!(
                    view.word(j),
                    "it" | "they" | "he" | "she" | "we" | "its" | "their" | "our"
                )
            });
            if view.mention_at[i].is_none() && !pronoun_subject {
                break;
            }
        }
        let Some(k) = view.mention_at[i] else {
            continue;
        };
        let (_, ms, me) = view.mentions[k];
        i = ms;
        // "after police raided the offices": a word that is a preposition before a noun
        // opens a clause whose subject this is, as the parse shows.
        let prep = preceded_by_preposition(view, ms).filter(|p| {
            !dyad_syntax::repair::SUBORDINATORS.contains(&p.as_str())
                || !parse_subject(view, ms, me)
        });
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

/// The passive subject "a camp for refugees", "the convoy for Gaza": the first mention of
/// the clause behind "for" that follows a lower-case noun, when no actor heads it.
fn beneficiary_subject(view: &SentenceView<'_>, actors: &Actors, start: usize) -> Option<usize> {
    let mut clause = start;
    while clause > 0 && !view.is_comma(clause - 1) && !view.is_hard_boundary(clause - 1) {
        clause -= 1;
    }
    let k = (clause..start).find_map(|j| view.mention_at[j])?;
    let ms = view.mentions[k].1;
    let prep = preposition_before(view, ms)?;
    let noun_before = prep > clause
        && view.word(prep) == "for"
        && view.kinds.get(prep - 1) == Some(&dyad_text::TokenKind::Word)
        && !view.is_capitalised(prep - 1)
        && view.mention_at[prep - 1].is_none();
    (noun_before && can_act(view, actors, k)).then_some(k)
}

/// Nouns for people: "arrested five men in Nairobi" holds people, not a place.
const PEOPLE_NOUNS: &[&str] = &[
    "man",
    "men",
    "woman",
    "women",
    "people",
    "person",
    "persons",
    "child",
    "children",
    "boy",
    "boys",
    "girl",
    "girls",
    "family",
    "families",
    "villagers",
    "residents",
    "civilians",
    "worker",
    "workers",
    "student",
    "students",
    "member",
    "members",
    "supporters",
    "suspect",
    "suspects",
    "passengers",
    "tourists",
    "pilgrims",
    "farmers",
    "fishermen",
    "others",
];

/// Events whose object may be a place: attacks, seizures, coercion and inspections.
fn targets_places(entry: &TriggerEntry) -> bool {
    entry.pos == Pos::Verb
        && (matches!(entry.event, EventType::Assault | EventType::Coerce)
            || entry.mode.as_deref() == Some("investigate"))
}

/// Whether the words from `from` to the place mention at `place` are a plain object noun
/// phrase and the preposition that locates it ("the refineries in", "a village near",
/// "the city of").
fn object_in_place(view: &SentenceView<'_>, from: usize, place: usize) -> bool {
    let Some(p) = preposition_before(view, place) else {
        return false;
    };
    if p <= from || p - from > 6 {
        return false;
    }
    // "power lines leading into Kabul", "a pipeline running to Odesa".
    let led = matches!(view.word(p), "into" | "to") && view.word(p - 1).ends_with("ing");
    if !matches!(view.word(p), "in" | "near" | "of" | "outside" | "around") && !led {
        return false;
    }
    (from..p).all(|j| {
        let w = view.word(j);
        view.mention_at[j].is_none()
            && view.kinds.get(j) == Some(&dyad_text::TokenKind::Word)
            && !is_preposition(w)
            && !is_temporal(w)
            && !PEOPLE_NOUNS.contains(&w)
    })
}

/// The noun phrase a participle qualifies as a reduced passive relative ("the trial of a
/// journalist arrested over his reports", "the release of soldiers held by rebels"): an
/// actor mention right before the participle that itself sits in a prepositional phrase,
/// with no object after the participle.
fn reduced_relative_head(view: &SentenceView<'_>, m: &TriggerMatch) -> Option<usize> {
    let k = view.mention_at[m.start.checked_sub(1)?]?;
    let ms = view.mentions[k].1;
    let next = view.word(m.end);
    let object_follows = view.mention_at.get(m.end).is_some_and(Option::is_some)
        || crate::view::is_determiner(next)
        || QUANTITY_WORDS.contains(&next)
        || matches!(view.kinds.get(m.end), Some(dyad_text::TokenKind::Number));
    // "the case of X", "calls for X": not a place ("police in Jericho confiscated") nor
    // an origin ("troops from Chad attacked").
    // "thousands of Kenyans protested": a quantity's "of" is no phrase.
    let in_phrase = preposition_before(view, ms).is_some_and(|p| {
        matches!(
            view.word(p),
            "of" | "for" | "on" | "about" | "against" | "over"
        ) && !is_quantifier_preposition(view, p)
    });
    (in_phrase && !object_follows && !has_have_before(view, m.start)).then_some(k)
}

/// "called for the rebels to lay down their arms", "appealed to Russia to withdraw": a request
/// whose pattern ends in its preposition asks the party right after it, when an
/// infinitive follows that party (`end` is the token after the party's group).
fn asked_to_act(
    entry: &TriggerEntry,
    view: &SentenceView<'_>,
    after_infinitive: bool,
    end: usize,
) -> bool {
    entry.event == EventType::Request
        && !after_infinitive
        && end < view.len()
        && view.word(end) == "to"
        && is_infinitive_marker(view, end)
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
    // '"...," warned the minister': the verb tags the quotation before it; its subject
    // follows it, and the quotation's parties are not the verb's.
    if let Some(actor) = inverted_tag_subject(lex, view, m) {
        return Arguments {
            actor,
            recipient: Vec::new(),
            passive: false,
            inanimate: false,
        };
    }
    let participle = is_participle(entry, view, m);
    let mut passive = participle && has_be_before(view, m.start);
    // "the case of a journalist arrested over his interviews": the one arrested.
    let reduced_head = (participle && !passive)
        .then(|| reduced_relative_head(view, m))
        .flatten();
    passive |= reduced_head.is_some();

    // Right side: object, prepositional recipient, by-agent.
    let limit = next_trigger.unwrap_or(view.len()).min(view.len());
    let mut recipient: Vec<usize> = Vec::new();
    let mut agent: Vec<usize> = Vec::new();
    let mut between: Vec<usize> = Vec::new();
    // "protested to Uganda": a pattern that ends in one of its own prepositions.
    let mut prep: Option<String> = m
        .end
        .checked_sub(1)
        .map(|e| view.word(e))
        .filter(|w| m.end > m.start + 1 && entry.preps.iter().any(|p| p == w))
        .map(str::to_string);
    let mut other_prep_seen = false;
    let perfect = has_have_before(view, m.start);
    // "complained to the UN over Israeli raids": the actor of the complaint's topic.
    let mut topic: Vec<usize> = Vec::new();
    let mut topic_prep_at: Option<usize> = None;
    let mut addressee = false;
    let mut provisional_object = false;
    // Inside a "to ..." complement ("threatened to cut off power to X", "opened fire to
    // disperse protesters"), the complement's object and recipient are the event's.
    let mut complement = false;
    let mut after_infinitive = false;
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
            // "fired artillery, mortar and rocket rounds at X": a list of bare nouns goes
            // on to the recipient; any other comma before an argument ends the clause.
            if continues_noun_list(view, j) {
                j += 1;
                continue;
            }
            break;
        }
        // "expelled the ambassador and suspended French media": a coordinated verb opens
        // its own predicate.
        if w == "and" && j > m.end && opens_coordinated_verb(view, j + 1) {
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
            // "shelled villages in X", "inspected the refineries in X": an attack or an
            // inspection of a place hits the place's country.
            let place_object = recipient.is_empty()
                && agent.is_empty()
                && targets_places(entry)
                && object_in_place(view, m.end, ms);
            if place_object {
                recipient = vec![k];
                j = me;
                prep = None;
                continue;
            }
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
                // from Pakistan", "demanded an admission by Moscow": a reaction's or a
                // demand's recipient is the author of its object.
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
                                | EventType::Request
                        ) =>
                {
                    recipient = group;
                }
                // "rockets were fired at Israel from Lebanon": where an attack comes
                // from names its unnamed author.
                Some("from")
                    if passive && agent.is_empty() && entry.event == EventType::Assault =>
                {
                    agent = group;
                }
                Some("between") if recipient.is_empty() => {
                    between = group.clone();
                    recipient = group;
                }
                Some(p)
                    if (recipient.is_empty() || provisional_object)
                        && (entry.preps.iter().any(|x| x == p)
                            || complement && COMPLEMENT_PREPS.contains(&p)) =>
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
                    && (entry.pos == Pos::Verb
                        && !(after_infinitive && entry.event == EventType::Request)
                        || complement
                        || asked_to_act(entry, view, after_infinitive, group_end))
                    && !passive
                    && (has_code(view, actors, k)
                        || has_sector(view, actors, k)
                        || is_person(view, actors, k)) =>
                {
                    // An object with no country ("sent troops to Russia") may be what is
                    // sent rather than who receives it: a coded recipient after the
                    // trigger's own preposition replaces it. A person is always a party.
                    provisional_object = !has_code(view, actors, k) && !is_person(view, actors, k);
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
            // A request's recipient is who is asked, never the complement's object
            // ("demanded the parties to allow aid workers ...").
            complement = entry.event != EventType::Request;
            after_infinitive = true;
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
    // "gave Armenia an ultimatum", "expelled the French ambassador": an object inside
    // the pattern; a direct-object verb's own object outranks any later phrase.
    if (recipient.is_empty() || entry.pos == Pos::Verb)
        && entry.pos.is_verb()
        && m.end > m.start + 1
    {
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
    let mut addressed: Option<Vec<usize>> = None;
    if matches!(entry.event, EventType::Accuse | EventType::Protest)
        && !topic.is_empty()
        && (recipient.is_empty() || addressee)
        && topic.iter().any(|&k| has_code(view, actors, k))
    {
        addressed = Some(std::mem::replace(&mut recipient, topic));
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
    if let Some(k) = reduced_head.filter(|k| !recipient.contains(k)) {
        subject = vec![k];
    }
    // "a camp for Congolese refugees was attacked": the people a place is for are hit.
    if subject.is_empty() && passive {
        subject = beneficiary_subject(view, actors, m.start)
            .into_iter()
            .filter(|k| !recipient.contains(k))
            .collect();
    }
    // "a roadside bomb killed two soldiers": no one named acts.
    let mut inanimate = false;
    if !passive && agent.is_empty() && entry.pos.is_verb() {
        if let Some(author) = inanimate_subject(lex, view, m.start) {
            inanimate = author.is_empty();
            subject = author
                .into_iter()
                .filter(|k| !recipient.contains(k))
                .collect();
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
    // "protested to China over the detention of a Japanese businessman": a topic that
    // names the protester's own people leaves the protest with its addressee.
    if let Some(addressed) = addressed.filter(|a| !a.is_empty()) {
        let code = |k: &usize| {
            view.mentions
                .get(*k)
                .and_then(|(m, _, _)| actors.entities.get(m.entity))
                .and_then(|e| e.code.clone())
        };
        let own: Vec<String> = actor.iter().filter_map(code).collect();
        if !own.is_empty()
            && recipient
                .iter()
                .all(|k| code(k).is_none_or(|c| own.contains(&c)))
        {
            recipient = addressed;
        }
    }
    recipient.retain(|k| !actor.contains(k));
    Arguments {
        actor,
        recipient,
        passive,
        inanimate,
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
        // A pronoun, a definite description or a short name stands for its entity: the
        // party is named as the entity is ("he" → "Kim Jong Un", "the bloc" → "European
        // Union"), so no store or view shows "he" as a party.
        let text = match m.kind {
            MentionKind::Pronoun | MentionKind::Definite | MentionKind::ShortName
                if !entity.name.is_empty() =>
            {
                entity.name.clone()
            }
            _ => view.slice(ms, me).to_string(),
        };
        if m.kind == MentionKind::Plural && !entity.members.is_empty() {
            for id in &entity.members {
                if let Some(member) = actors.entities.iter().find(|e| &e.id == id) {
                    push(ActorRef {
                        implicit: false,
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
            implicit: false,
            entity: Some(entity.id.clone()),
            text,
            code: entity.code.clone(),
            sector,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use dyad_core::{Pipeline, SourceDocument};

    /// `TYPE ACTORS>RECIPIENTS` of every event of `text` (codes joined by `+`, uncoded `-`).
    fn coded(text: &str) -> Vec<String> {
        let pipeline = Pipeline::embedded().expect("embedded pipeline");
        let out = pipeline.extract(SourceDocument {
            id: "t".into(),
            text: text.into(),
            published: Some("2024-12-01".parse().expect("a date")),
            ..Default::default()
        });
        let join = |refs: &[dyad_model::ActorRef]| {
            refs.iter()
                .map(|r| r.code.clone().unwrap_or_else(|| "-".into()))
                .collect::<Vec<_>>()
                .join("+")
        };
        out.events
            .iter()
            .map(|e| format!("{} {}>{}", e.event, join(&e.actor), join(&e.recipient)))
            .collect()
    }

    fn has(text: &str, expected: &str) {
        let got = coded(text);
        assert!(got.iter().any(|g| g == expected), "{text}: {got:?}");
    }

    #[test]
    fn no_party_is_its_own_counterpart() {
        // "their" resolves to the attackers themselves: no recipient from it; the place
        // names the one attacked.
        let text = "Russian troops shelled their positions near Kharkiv.";
        has(text, "ASSAULT RUS>UKR");
        assert!(!coded(text).contains(&"ASSAULT RUS>RUS".to_string()));
    }

    #[test]
    fn the_possessor_of_an_arrest_undergoes_it_and_of_an_invasion_does_it() {
        // `possessor-undergoes` in events/triggers.tsv.
        has(
            "Police in Chile confirmed the Peruvian diplomat's arrest.",
            "COERCE CHL>PER",
        );
        has(
            "Kenya condemned the Somali commander's killing.",
            "ASSAULT >SOM",
        );
        // An "of" phrase names who undergoes it: the possessor acts.
        has(
            "Mali's release of the Ivorian soldiers eased tensions.",
            "RETREAT MLI>CIV",
        );
        // Nouns without the flag keep their possessor as actor.
        has(
            "France condemned Russia's invasion of Ukraine.",
            "ASSAULT RUS>UKR",
        );
    }

    #[test]
    fn a_main_verb_tagged_as_participle_keeps_its_subject_as_actor() {
        // The tagger reads "attacked" as a participle after "U.S.-backed forces"; the
        // syntax layer's repair makes it the main verb again, so the forces' backer is
        // no victim of the attack.
        let got = coded("U.S.-backed forces attacked the town.");
        assert!(got.iter().all(|g| !g.ends_with(">USA")), "{got:?}");
        assert!(got.iter().any(|g| g.starts_with("ASSAULT")), "{got:?}");
    }

    #[test]
    fn recipients_inside_a_to_complement() {
        has(
            "Japan promised to continue economic aid to war-torn Somalia.",
            "AGREE JPN>SOM",
        );
        has(
            "Turkey threatened to cut off gas supplies to Armenia.",
            "THREATEN TUR>ARM",
        );
        // The complement's own object, not a later place.
        has(
            "Kenyan police opened fire to disperse protesters.",
            "ASSAULT KEN>KEN",
        );
    }

    #[test]
    fn a_request_asks_the_party_before_its_infinitive() {
        // "call for X to ...": X is asked, not the object of what X is asked to do.
        has(
            "The European Union called for Russia to free the Ukrainian prisoners.",
            "REQUEST IGOEEC>RUS",
        );
        has(
            "Kenya called for the rebels of Uganda to lay down their arms.",
            "REQUEST KEN>UGA",
        );
    }

    #[test]
    fn a_verb_after_a_quotation_takes_the_speaker_after_it() {
        // '"...," warned X': X warns; the quotation's parties are not the warning's.
        let got = coded("\"China will invade Taiwan,\" warned the Japanese defence minister.");
        assert!(got.iter().any(|g| g == "THREATEN JPN>"), "{got:?}");
        assert!(
            got.iter()
                .all(|g| !(g.starts_with("THREATEN TWN") || g.ends_with(">JPN"))),
            "{got:?}"
        );
        let got = coded("\"Sanctions are coming for Iran\", warned the French president.");
        assert!(got.iter().any(|g| g == "THREATEN FRA>"), "{got:?}");
        // "agreed" tagging a quotation is concurring, not an agreement.
        let got = coded("\"The danger has not passed,\" agreed the Kenyan foreign minister.");
        assert!(got.iter().all(|g| !g.starts_with("AGREE")), "{got:?}");
        // The usual order is unchanged.
        has("Iran warned Israel against any strike.", "THREATEN IRN>ISR");
    }

    #[test]
    fn a_list_of_weapons_leads_to_the_target() {
        has(
            "Ethiopian troops fired mortars, rockets and artillery shells at Eritrean positions.",
            "ASSAULT ETH>ERI",
        );
        // A comma that opens a source clause is no list: the speaker is no target.
        let got = coded("Israeli troops opened fire, Egyptian officials said.");
        assert!(got.iter().all(|g| !g.ends_with(">EGY")), "{got:?}");
    }

    #[test]
    fn a_weapon_or_an_attack_is_not_the_actor() {
        // The soldiers are hit, not hitting; the place gives the unnamed attacker.
        has(
            "A roadside bomb near the town of Kandahar killed two Canadian soldiers.",
            "ASSAULT AFG>CAN",
        );
        let got = coded("A roadside bomb killed two Canadian soldiers and wounded three others.");
        assert!(
            got.iter().all(|g| !g.starts_with("ASSAULT CAN")),
            "the victims acted: {got:?}"
        );
        // A named author of the weapon or the attack acts.
        has(
            "A Syrian missile killed two Israeli soldiers.",
            "ASSAULT SYR>ISR",
        );
        has(
            "Shelling by Azerbaijani forces killed three Armenian civilians.",
            "ASSAULT AZE>ARM",
        );
    }

    #[test]
    fn unnamed_attackers_strike_where_the_sentence_places_them() {
        has(
            "A suicide bomber killed 12 civilians in Kandahar.",
            "ASSAULT AFG>AFG",
        );
        let got = coded("A car bomb exploded near a market in Mosul, killing 30 people.");
        assert!(got.iter().any(|g| g.starts_with("ASSAULT IRQ")), "{got:?}");
        // No weapon, no attacker: a storm kills without an event.
        let got = coded("The storm hit Florida, killing 12 people.");
        assert!(got.iter().all(|g| !g.starts_with("ASSAULT")), "{got:?}");
    }

    #[test]
    fn a_reduced_relative_participle_is_passive() {
        // The journalist is arrested, not arresting.
        let got = coded(
            "A court in Harare adjourned the trial of a journalist arrested over his reports.",
        );
        assert!(
            got.iter()
                .any(|g| g.starts_with("COERCE") && g.ends_with(">ZWE")),
            "{got:?}"
        );
        assert!(got.iter().all(|g| !g.starts_with("COERCE -")), "{got:?}");
        // A place after the subject leaves the subject acting.
        has(
            "Palestinian police in Jericho confiscated weapons from armed groups.",
            "COERCE PSE>PSE",
        );
    }

    #[test]
    fn a_speaker_acts_through_its_own_forces() {
        has(
            "The Russian defence ministry said its jets struck Ukrainian positions.",
            "ASSAULT RUS>UKR",
        );
        // Another subject after the speaker acts itself.
        has(
            "Iraq said Turkish jets struck Kurdish villages.",
            "ASSAULT TUR>",
        );
    }

    #[test]
    fn the_target_of_an_attack_is_not_its_place() {
        has(
            "Rockets were fired at Israel from Lebanon on Sunday.",
            "ASSAULT LBN>ISR",
        );
        let got = coded("Rockets were fired at Israel on Sunday.");
        assert!(got.iter().all(|g| !g.starts_with("ASSAULT ISR")), "{got:?}");
    }

    #[test]
    fn places_attacked_or_inspected_give_their_country() {
        has(
            "Russian aircraft bombed villages in northern Syria.",
            "ASSAULT RUS>SYR",
        );
        has(
            "UN inspectors will inspect the nuclear plant in Iran.",
            "ACCUSE IGOUNO>IRN",
        );
        has(
            "Vietnamese troops captured a village in Western Cambodia.",
            "ASSAULT VNM>KHM",
        );
    }

    #[test]
    fn passive_subjects_and_person_objects() {
        has(
            "A camp for Sudanese refugees was shelled by Chadian rebels.",
            "ASSAULT TCD>SDN",
        );
        has(
            "Militants tried to assassinate President Hamid Karzai in Kabul.",
            "ASSAULT AFG>AFG",
        );
    }

    #[test]
    fn a_bare_comma_joins_actors_only_inside_a_list() {
        has(
            "Russia, China and Iran agreed to hold joint naval drills.",
            "AGREE RUS+CHN+IRN>RUS+CHN+IRN",
        );
        has(
            "Holding two Kenyan hostages, Somali pirates demanded a ransom from Nairobi.",
            "REQUEST SOM>KEN",
        );
    }

    #[test]
    fn a_demand_targets_who_is_asked_not_the_complement_object() {
        has(
            "Poland demanded an apology by Moscow for the massacre.",
            "REQUEST POL>RUS",
        );
        let got = coded("The UN envoy demanded the warring sides allow Ukrainian aid workers in.");
        assert!(
            got.iter()
                .all(|g| !(g.starts_with("REQUEST") && g.ends_with(">UKR"))),
            "{got:?}"
        );
    }

    #[test]
    fn a_possessive_is_no_passive_and_a_verb_object_stays_its_own() {
        // "Mali's junta expelled": "'s" is no "is"; the expelled ambassador, not the
        // object of the next verb, is the recipient.
        has(
            "Mali's junta expelled the French ambassador and suspended German media.",
            "SANCTION MLI>FRA",
        );
        has("Iran's navy seized a British tanker.", "COERCE IRN>GBR");
    }

    #[test]
    fn a_protest_about_ones_own_people_goes_to_its_addressee() {
        has(
            "Japan lodged a protest with China over the detention of a Japanese businessman.",
            "ACCUSE JPN>CHN",
        );
        has(
            "Kenya protested to Uganda about the arrest of Kenyan fishermen.",
            "ACCUSE KEN>UGA",
        );
        // A topic naming a third party still decides.
        has(
            "Lebanon complained to the UN over Israeli air raids.",
            "ACCUSE LBN>ISR",
        );
    }

    #[test]
    fn mobilizing_abroad_targets_the_host_but_not_at_home() {
        has(
            "Turkish troops remained on alert in northern Iraq.",
            "MOBILIZE TUR>IRQ",
        );
        has("Taiwan mobilized its reserves in Taipei.", "MOBILIZE TWN>");
    }

    #[test]
    fn a_relative_clause_that_lacks_its_object_acts_on_the_noun_it_modifies() {
        // "the soldiers that Niger had arrested": Niger arrests the soldiers.
        has(
            "Mali released the Malian soldiers that Niger had arrested in May.",
            "COERCE NER>MLI",
        );
        has(
            "Ghana freed the Togolese activists it had detained.",
            "RETREAT GHA>TGO",
        );
        let got = coded("Ghana freed the Togolese activists it had detained.");
        assert!(
            !got.iter().any(|g| g.starts_with("COERCE TGO")),
            "the activists detain no one: {got:?}"
        );
        // A place or an oblique is no missing object.
        let got = coded("Chad sent troops to the region where Nigerian rebels attacked.");
        assert!(
            !got.iter()
                .any(|g| g.starts_with("ASSAULT") && g.ends_with(">TCD")),
            "{got:?}"
        );
    }

    #[test]
    fn an_actor_inside_a_relative_clause_does_not_act_in_the_main_clause() {
        // The word rules would take the Malian town's country as the releaser.
        let text = "Chadian rebels who attacked the Malian town on Sunday released 12 hostages.";
        has(text, "RETREAT TCD>-");
        let got = coded(text);
        assert!(!got.iter().any(|g| g.starts_with("RETREAT MLI")), "{got:?}");
    }

    #[test]
    fn a_participle_on_the_event_noun_names_its_target() {
        // The object of "targeting", "encircling"; the "at" phrase of "aimed at".
        has(
            "Peru held naval drills encircling Chile's islands.",
            "MOBILIZE PER>CHL",
        );
        has(
            "Ukraine launched strikes targeting Russian oil depots.",
            "ASSAULT UKR>RUS",
        );
        has(
            "Canada adopted sanctions aimed at Iranian banks.",
            "SANCTION CAN>IRN",
        );
        // The participle's object does not act in the main clause.
        let got = coded("Russian drones targeting Ukrainian cities killed 12 people.");
        assert!(!got.iter().any(|g| g.starts_with("ASSAULT UKR")), "{got:?}");
    }

    #[test]
    fn a_clause_after_a_subordinator_has_its_own_subject() {
        // "after", "as", "until" before a noun and a verb open a clause: the noun acts.
        let got = coded("Two Chilean newspapers were closed after police raided their offices.");
        assert!(!got.iter().any(|g| g.starts_with("COERCE CHL")), "{got:?}");
        has(
            "Chilean protesters were detained as Peruvian police fired tear gas.",
            "ASSAULT PER>",
        );
    }

    #[test]
    fn a_nouns_from_phrase_names_its_doer() {
        // The parse may hang the "from" phrase on the noun before: read after the noun.
        has(
            "Chile issued a decree amid criticism from Peru.",
            "ACCUSE PER>",
        );
        has(
            "The decision drew condemnation from the European Union.",
            "ACCUSE IGOEEC>",
        );
        // A requester is who the request comes from.
        has(
            "The troops arrived after a request from the Malian government.",
            "REQUEST MLI>",
        );
        has(
            "Mali received a request from France for more troops.",
            "REQUEST FRA>MLI",
        );
        // Unless the noun's frame reads "from": a withdrawal from a country leaves it.
        has(
            "Turkey announced its withdrawal from Syria.",
            "RETREAT TUR>SYR",
        );
    }

    #[test]
    fn who_receives_an_event_undergoes_it_and_its_from_party_acts() {
        // `receiving` in events/cues.tsv.
        has("Haiti received emergency aid from Canada.", "AID CAN>HTI");
        has(
            "Ghana secured a loan from the World Bank.",
            "AID IGOWBK>GHA",
        );
        has(
            "Israel faced rocket attacks from Lebanon.",
            "ASSAULT LBN>ISR",
        );
        // Who faces charges is charged, by someone the sentence need not name.
        has(
            "Peruvian opposition leader Keiko Fujimori faces corruption charges.",
            "ACCUSE >PER",
        );
        // Without a "from" party the giver is unknown, never the receiver.
        let got = coded("Haiti received emergency aid last year.");
        assert!(!got.iter().any(|g| g.starts_with("AID HTI")), "{got:?}");
    }
}
