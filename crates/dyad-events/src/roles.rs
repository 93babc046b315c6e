//! Roles from syntax: who acts and who is acted on, read off the dependency parse of the
//! sentence document ([`dyad_syntax::SentenceDoc`]) rather than by walking words.
//!
//! For a trigger the parse gives:
//!
//! - a verb's **actor** from its subject (`nsubj`), the passive agent (`obl:agent`, "by
//!   X"), the controller of an infinitive ("agreed to withdraw": the subject of "agreed"),
//!   the subject of the first verb of a coordination ("attacked and burned"), or the noun
//!   a relative clause modifies ("the rebels who attacked");
//! - a verb's **recipient** from its object (`obj`, `iobj`), the passive subject
//!   (`nsubj:pass`: the victim of "was arrested"), the noun a reduced passive relative
//!   modifies ("civilians killed by rebels"), or an oblique whose preposition is in the
//!   trigger's declared frame (`preps` in `events/triggers.tsv`: "talks with X");
//! - a noun's **actor** from its possessor ("Russia's invasion"), an actor premodifier
//!   ("U.S. sanctions", "Russian strikes"), "by X", or the subject of the light verb that
//!   governs it ("launched an attack", "imposed sanctions"); its **recipient** from a
//!   modifier whose preposition is in the frame ("sanctions on Iran").
//!
//! An argument phrase gives the actor mentions of its head, of the head's coordinated
//! conjuncts, and of the modifiers that say whose it is ("officials of Turkey", "Turkish
//! officials"). The coder reads these roles where its word rules found none
//! ([`crate::EventLexicon::code`]).

use crate::lexicon::{Lexicon, ObjectFrame, Pos, TriggerEntry};
use crate::triggers::TriggerMatch;
use crate::view::SentenceView;
use dyad_model::EventType;
use dyad_syntax::SentenceDoc;
use dyad_text::{Upos, Xpos};

/// Prepositions that bring a recipient when a trigger declares no frame of its own.
const DEFAULT_FRAME: &[&str] = &["against", "on", "with", "to", "toward", "towards", "upon"];

/// The roles the parse gives a trigger: mention indices of the sentence view.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyntaxRoles {
    pub actor: Vec<usize>,
    pub recipient: Vec<usize>,
    /// The trigger is a passive verb (an `aux:pass` or `nsubj:pass` dependent).
    pub passive: bool,
    /// A verb trigger's grammatical subject (its own, or the one it shares with the verb
    /// it is coordinated with or the infinitive's controller), a token index.
    pub subject: Option<usize>,
    /// The actor comes from a noun trigger's own "by" or "from" phrase ([`doer_phrase`]),
    /// which names the doer more surely than the words around the noun.
    pub doer_phrase: bool,
}

/// The syntactic head of the trigger's words: the token whose head lies outside them.
pub fn trigger_head(doc: &SentenceDoc, m: &TriggerMatch) -> usize {
    phrase_head(doc, m.start, m.end)
}

/// The syntactic head of the tokens `start..end`: the first whose head lies outside them
/// (`start` when none does).
pub fn phrase_head(doc: &SentenceDoc, start: usize, end: usize) -> usize {
    (start..end.min(doc.len()))
        .find(|&i| doc.head(i).is_none_or(|h| h < start || h >= end))
        .unwrap_or(start)
}

/// Events named in the object of a factive verb happened: condemning, protesting or
/// welcoming "North Korea's launch of two missiles" or "Iran's release of the prisoners"
/// takes the launch and the release as given. Such a noun event, absorbed as the verb's
/// topic ([`crate::triggers`]), is an event of its own when the parse gives it its own
/// actor (a possessor or a "by" phrase with an actor mention). Rejecting a speech act
/// ("rejected Ethiopia's allegation", "dismissed Iran's demand") takes as given that it was
/// made, not what it says. A demand, an offer or a refusal of an act ("demanded Russia's
/// withdrawal") presupposes nothing and keeps its object.
pub fn release_factive_objects(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    doc: &SentenceDoc,
    matches: &mut [TriggerMatch],
) {
    if doc.len() != view.len() {
        return;
    }
    let heads: Vec<usize> = matches.iter().map(|m| trigger_head(doc, m)).collect();
    for n in 0..matches.len() {
        if !matches[n].absorbed || lex.triggers[matches[n].entry].pos != Pos::Noun {
            continue;
        }
        let noun = heads[n];
        // The verb trigger that governs the noun: its head, or its head's head through
        // a preposition-less nominal ("protested the launch", "condemned the attack").
        let governor = doc.head(noun).and_then(|h| {
            (0..matches.len()).find(|&v| {
                v != n
                    && !matches[v].absorbed
                    && heads[v] == h
                    && lex.triggers[matches[v].entry].pos.is_verb()
            })
        });
        let Some(v) = governor else { continue };
        // Condemning, protesting or welcoming an act says it happened; rejecting a speech
        // act ("rejected Ethiopia's allegation", "turned down Iran's demand") says it was
        // made.
        let noun_event = lex.triggers[matches[n].entry].event;
        let factive = match lex.triggers[matches[v].entry].event {
            EventType::Accuse | EventType::Protest | EventType::Support => true,
            EventType::Reject => {
                noun_event != EventType::Reject && crate::cameo::is_speech_act(noun_event)
            }
            _ => false,
        };
        let own_actor = doc.children(noun).any(|k| {
            let by = doc.rels[k].name() == "nmod" && case_of(doc, k).as_deref() == Some("by");
            (doc.rels[k].name() == "nmod:poss" || by) && !phrase_mentions(view, doc, k).is_empty()
        });
        if factive && own_actor {
            matches[n].absorbed = false;
        }
    }
}

/// Drops the candidates the parse shows to be no event: a verb whose object does not fit
/// its entry's [`ObjectFrame`] ([`fits_object_frame`]) and a noun that characterises
/// rather than reports an act ([`characterises`]).
pub fn drop_non_events(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    doc: &SentenceDoc,
    matches: &mut Vec<TriggerMatch>,
) {
    if doc.len() != view.len() {
        return;
    }
    matches.retain(|m| fits_object_frame(lex, view, doc, m) && !characterises(lex, doc, m));
}

/// Whether a verb trigger's object fits its entry's [`ObjectFrame`]: a verb that needs an
/// object and has none does not ("the envoy returned to Kabul" is no return of anything),
/// nor one whose object is information ("released a report", "no evidence has been
/// released", "the assessment released Thursday": published, not freed), nor one that
/// fights a hazard ("battled blazes", "fight against corruption"). The object is
/// the verb's `obj`, its passive subject, or the noun a reduced relative modifies.
fn fits_object_frame(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    doc: &SentenceDoc,
    m: &TriggerMatch,
) -> bool {
    let entry = &lex.triggers[m.entry];
    let frame = entry.object;
    if frame == ObjectFrame::default() {
        return true;
    }
    let head = trigger_head(doc, m);
    // A noun's frame can ask only for its "to" infinitive ("a threat to impose tariffs";
    // not "a threat to the region").
    if !entry.pos.is_verb() {
        return !frame.to_clause || has_to_clause(view, doc, head, m);
    }
    let child = |rel: &str| doc.children(head).find(|&k| doc.rels[k].name() == rel);
    // With no object, information as the subject is what the verb is about, misparsed
    // ("a survey released Thursday showed ..." read with "released" as its verb).
    let information_subject =
        || child("nsubj").filter(|&k| lex.cues.information.contains(view.word(k)));
    let object = child("obj")
        .or_else(|| child("nsubj:pass"))
        .or_else(|| {
            (doc.rels[head].main() == "acl")
                .then(|| doc.head(head))
                .flatten()
        })
        .or_else(|| information_subject().filter(|_| frame.no_information));
    // With no object in the parse, an actor right after the verb is its object ("freed
    // Nigerian hostages").
    let actor_follows = view.mention_at.get(m.end).copied().flatten().is_some();
    // "battled the blazes", "fight against corruption": a hazard fought is no party.
    let hazard = |k: usize| lex.cues.hazard.contains(view.word(k));
    let against_hazard = || {
        doc.children(head)
            .filter(|&k| doc.rels[k].main() == "obl")
            .any(|k| {
                hazard(k)
                    && doc
                        .children_with(k, "case")
                        .any(|c| view.word(c) == "against")
            })
    };
    // The first noun after the verb, by word order, where the parse misreads the clause.
    let next_noun = || {
        (m.end..view.len())
            .take_while(|&k| !view.is_punct(k))
            .find(|&k| {
                let modifier = view.word(k) == "against"
                    || crate::view::is_determiner(view.word(k))
                    || view.tag(k).is_some_and(|t| t.upos == Upos::Adj);
                !modifier
            })
            .is_some_and(hazard)
    };
    if frame.no_hazard && (object.is_some_and(hazard) || against_hazard() || next_noun()) {
        return false;
    }
    if frame.to_clause && !has_to_clause(view, doc, head, m) {
        return false;
    }
    // Where the parse found no object, the noun right after the verb (past determiners,
    // numbers and adjectives: "caught 300 migrants") stands for it.
    let noun_after = || {
        (m.end..view.len()).find(|&k| {
            let modifier = crate::view::is_determiner(view.word(k))
                || view
                    .tag(k)
                    .is_some_and(|t| matches!(t.upos, Upos::Adj | Upos::Num));
            !modifier
        })
    };
    match object {
        None if frame.party => noun_after().is_some_and(|k| is_party(view, doc, k)),
        None => !frame.needed || actor_follows,
        Some(o) if frame.party => is_party(view, doc, o),
        Some(o) => !frame.no_information || !lex.cues.information.contains(view.word(o)),
    }
}

/// Whether a noun phrase names a party: the actor layer found one in it (a name, a
/// country, "rebels", "Kenyan smugglers", "a commander of the militia"), or its head is
/// a personal pronoun or a proper name the layer did not know.
fn is_party(view: &SentenceView<'_>, doc: &SentenceDoc, head: usize) -> bool {
    let personal = matches!(
        view.word(head),
        "him" | "her" | "them" | "us" | "me" | "he" | "she" | "they" | "we"
    );
    personal
        || doc.tags.get(head).is_some_and(|t| t.upos == Upos::Propn)
        || !phrase_mentions(view, doc, head).is_empty()
}

/// Whether a verb whose entry names its event only with a "to" infinitive (`to-clause`)
/// stands here with a plain direct object and neither that infinitive nor a clause of
/// what was said: "ordered the arrest of the mayor" orders no one to do anything, its
/// object is the act ordered (not "ordered the army to withdraw", "told reporters the
/// arrest was lawful").
pub fn object_without_to_clause(lex: &Lexicon, view: &SentenceView<'_>, m: &TriggerMatch) -> bool {
    let Some(doc) = view.doc.filter(|d| d.len() == view.len()) else {
        return false;
    };
    let head = trigger_head(doc, m);
    lex.triggers[m.entry].object.to_clause
        && doc.children_with(head, "obj").next().is_some()
        && doc.children_with(head, "ccomp").next().is_none()
        && !has_to_clause(view, doc, head, m)
}

/// Whether a verb or noun has a "to" infinitive complement: in the parse (an `xcomp`,
/// `advcl` or, of a noun, `acl` with the marker "to"), or, where the parse attaches the
/// infinitive elsewhere, a "to" before a verb within the trigger's clause (not "ordered
/// him back to prison").
fn has_to_clause(
    view: &SentenceView<'_>,
    doc: &SentenceDoc,
    head: usize,
    m: &TriggerMatch,
) -> bool {
    let parsed = doc
        .children(head)
        .filter(|&k| matches!(doc.rels[k].main(), "xcomp" | "advcl" | "acl"))
        .any(|k| doc.children_with(k, "mark").any(|t| view.word(t) == "to"));
    // A clause complement of its own is what was said ("told reporters he wanted to go").
    let said = doc.children_with(head, "ccomp").next().is_some();
    parsed
        || !said
            && (m.end..(m.end + 10).min(view.len()))
                .take_while(|&j| !view.is_punct(j) && view.word(j) != "that")
                .any(|j| {
                    view.word(j) == "to"
                        && crate::arguments::is_infinitive_marker(view, j)
                        && view.tagged_verb(j + 1)
                })
}

/// Whether the noun `n` is what "there is" says exists ("there were clashes", "there
/// will be talks"), parsed with "be" as the noun's copula and "there" its `expl`.
pub fn is_existential(doc: &SentenceDoc, n: usize) -> bool {
    doc.children_with(n, "expl").next().is_some() && doc.children_with(n, "cop").next().is_some()
}

/// Whether a noun trigger characterises rather than reports an act: a predicate noun
/// ("Iran is a threat to the region"; not "Iran was behind the attack", nor "there were
/// clashes"), one introduced by
/// "as" ("saw the drills as a threat"), or the object of a characterising verb
/// (`characterising` in `events/cues.tsv`: "the drones pose a threat to shipping").
/// Nothing was threatened, attacked or agreed there; the sentence says what something is.
fn characterises(lex: &Lexicon, doc: &SentenceDoc, m: &TriggerMatch) -> bool {
    if lex.triggers[m.entry].pos != Pos::Noun {
        return false;
    }
    let noun = trigger_head(doc, m);
    // A prepositional predicate names the act it points at ("Iran was behind the
    // attack"): only a bare predicate noun or one after "as" characterises.
    let case = case_of(doc, noun);
    // "there will be talks" says the talks take place.
    let predicate = (doc.children_with(noun, "cop").next().is_some()
        && case.is_none()
        && !is_existential(doc, noun))
        || case.as_deref() == Some("as");
    let characterised = doc.rels[noun].main() == "obj"
        && doc
            .head(noun)
            .and_then(|h| doc.lemmas.get(h))
            .is_some_and(|l| lex.cues.characterising.contains(l.as_str()));
    predicate || characterised
}

/// The parties of a judgement (a trigger entry with complement `evaluation`): the judge
/// and whose the judged thing is, as actor mentions. "Brazil called Argentina's tariffs
/// unfair": the subject of an evaluating verb (`evaluating` in `events/cues.tsv`)
/// judges its object. "The charges against the editor are politically motivated", "the
/// council has become illegitimate": the subject of the predicate (after "be" or a `linking` verb)
/// is judged, and the judge is whoever says so (left empty here: the speaker of the
/// sentence's statement, in the sentence stage that gives parties). The judged thing's parties are its own
/// mention, its conjuncts' and its owners' ("Chile's claims", "Argentine tariffs").
/// `None` when the word judges nothing in the parse ("illegal immigrants": no predicate).
pub fn evaluation_parties(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    actors: &dyad_actors::Actors,
    doc: &SentenceDoc,
    m: &TriggerMatch,
) -> Option<(Vec<usize>, Vec<usize>)> {
    if doc.len() != view.len() || m.start >= doc.len() {
        return None;
    }
    let head = trigger_head(doc, m);
    let lemma_in = |t: usize, set: &std::collections::HashSet<String>| {
        doc.lemmas
            .get(t)
            .is_some_and(|l| set.contains(&l.to_lowercase()))
    };
    let subject_of = |t: usize| doc.children_with(t, "nsubj").next();
    // An evaluating verb's subject judges its object; `lost` stands in for a subject the
    // parse did not give it.
    let judging = |v: usize, lost: &dyn Fn() -> Vec<usize>| {
        let judge = subject_of(v)
            .map(|s| phrase_mentions(view, doc, s))
            .unwrap_or_else(lost);
        let judged = doc.children_with(v, "obj").next();
        Some((
            judge,
            judged
                .map(|o| judged_parties(view, doc, o))
                .unwrap_or_default(),
        ))
    };
    // Any dependent of an evaluating or linking verb but its object (the parse may attach
    // a quoted "unfair" after the object as a modifier of the verb).
    let governor = doc.head(head).filter(|_| doc.rels[head].main() != "obj");
    // "called X unbearable", "described X as inhumane", "has become illegitimate".
    if let Some(g) = governor {
        if lemma_in(g, &lex.cues.evaluating) {
            // A subject the parse lost: the sentence's main subject before the verb.
            return judging(g, &|| crate::arguments::main_subject(view, actors, g));
        }
        if lemma_in(g, &lex.cues.linking) {
            let judged = subject_of(g);
            return Some((
                Vec::new(),
                judged
                    .map(|s| judged_parties(view, doc, s))
                    .unwrap_or_default(),
            ));
        }
    }
    // The parse may miss the verb (a quoted judgement read as the root: "called X
    // “baseless”"): an evaluating verb a few words before, with its object between; a
    // verb in a relative clause has the noun it modifies as its subject.
    let verb = (m.start.saturating_sub(6)..m.start)
        .rev()
        .find(|&t| lemma_in(t, &lex.cues.evaluating) && doc.tags[t].upos == dyad_text::Upos::Verb);
    if let Some(v) = verb {
        return judging(v, &|| {
            (doc.rels[v].main() == "acl")
                .then(|| doc.head(v))
                .flatten()
                .map(|h| phrase_mentions(view, doc, h))
                .unwrap_or_default()
        });
    }
    // "X is politically motivated": the predicate's own subject; the parse may read the
    // predicate as a passive ("is motivated") or lose its subject, then the noun phrase
    // before the verb "be" is what is judged.
    let be = (m.start > 0)
        .then(|| (m.start.saturating_sub(2)..m.start).find(|&t| doc.lemmas[t] == "be"))
        .flatten();
    let predicate = doc.children_with(head, "cop").next().is_some()
        || doc.children_with(head, "aux:pass").next().is_some()
        || be.is_some();
    if !predicate {
        return None;
    }
    let judged = subject_of(head).or_else(|| {
        let be = be?;
        doc.chunks
            .iter()
            .rev()
            .find(|c| c.end <= be)
            .map(|c| phrase_head(doc, c.start, c.end))
    });
    Some((
        Vec::new(),
        judged
            .map(|s| judged_parties(view, doc, s))
            .unwrap_or_default(),
    ))
}

/// Whose a judged thing is: the parties of its phrase ([`phrase_mentions`]), else every
/// actor named inside it ("the ruling by Peru's court", "the charges against the editor").
fn judged_parties(view: &SentenceView<'_>, doc: &SentenceDoc, head: usize) -> Vec<usize> {
    let own = phrase_mentions(view, doc, head);
    if !own.is_empty() {
        return own;
    }
    let inside = doc.subtree(head);
    let mut out: Vec<usize> = inside
        .filter_map(|t| view.mention_at.get(t).copied().flatten())
        .collect();
    dedup(&mut out);
    out
}

/// What a request asks for: the object of a verb ("requested comment"), or the "for"
/// phrase of a verb or noun ("asked for comment", "a request for comment"), as the
/// lemma of its head word.
pub fn requested_thing<'d>(doc: &'d SentenceDoc, m: &TriggerMatch) -> Option<&'d str> {
    if m.start >= doc.len() {
        return None;
    }
    let head = trigger_head(doc, m);
    doc.children(head)
        .find(|&k| {
            let rel = doc.rels[k].main();
            rel == "obj"
                || matches!(rel, "obl" | "nmod") && case_of(doc, k).as_deref() == Some("for")
        })
        .and_then(|k| doc.lemmas.get(k))
        .map(String::as_str)
}

/// Whether a trigger is a verb coordinated with a reporting verb ("Abubakar said the
/// plan aims to ... and urged his counterparts to ..."): it shares the speaker as its
/// subject and is the speaker's own act, not part of what the speaker reports.
pub fn coordinated_with_cue(doc: &SentenceDoc, m: &TriggerMatch, cue: usize) -> bool {
    if m.start >= doc.len() || cue >= doc.len() {
        return false;
    }
    let t = trigger_head(doc, m);
    doc.head(t) == Some(cue) && doc.rels[t].main() == "conj"
}

/// The roles of trigger `m` in the parse of its sentence.
pub fn roles(
    view: &SentenceView<'_>,
    doc: &SentenceDoc,
    entry: &TriggerEntry,
    m: &TriggerMatch,
) -> SyntaxRoles {
    if doc.len() != view.len() || m.start >= doc.len() {
        return SyntaxRoles::default();
    }
    let head = trigger_head(doc, m);
    let mut found = if is_verbal(doc, head, entry) {
        verb_roles(view, doc, entry, head)
    } else {
        noun_roles(view, doc, entry, head)
    };
    // What names the event is no party to it (a mention inside the trigger's words),
    // and nobody acts on themselves.
    let inside = |k: usize| view.mentions[k].1 < m.end && m.start < view.mentions[k].2;
    found.actor.retain(|&k| !inside(k));
    let actor = found.actor.clone();
    found
        .recipient
        .retain(|&k| !inside(k) && !actor.contains(&k));
    found
}

fn is_verbal(doc: &SentenceDoc, head: usize, entry: &TriggerEntry) -> bool {
    match doc.tags.get(head) {
        Some(t) if t.upos == dyad_text::Upos::Verb => true,
        Some(t) if matches!(t.upos, dyad_text::Upos::Noun | dyad_text::Upos::Propn) => false,
        _ => entry.pos.is_verb(),
    }
}

fn verb_roles(
    view: &SentenceView<'_>,
    doc: &SentenceDoc,
    entry: &TriggerEntry,
    v: usize,
) -> SyntaxRoles {
    let mut r = SyntaxRoles {
        passive: doc.children_with(v, "aux:pass").next().is_some()
            || doc.children_with(v, "nsubj:pass").next().is_some(),
        ..SyntaxRoles::default()
    };
    let rel = doc.rels[v];
    r.subject = subject_token(doc, v);
    if r.passive {
        for a in doc.children_with(v, "obl:agent") {
            r.actor.extend(phrase_mentions(view, doc, a));
        }
        for p in doc.children_with(v, "nsubj:pass") {
            r.recipient.extend(phrase_mentions(view, doc, p));
        }
    } else if rel.name() == "acl" && has_agent_or_participle(doc, v) {
        // "civilians killed by rebels": a reduced passive relative; its noun is the victim.
        r.passive = true;
        for a in doc.children_with(v, "obl:agent") {
            r.actor.extend(phrase_mentions(view, doc, a));
        }
        if let Some(h) = doc.head(v) {
            r.recipient.extend(phrase_mentions(view, doc, h));
        }
    } else {
        r.actor = subject_of(view, doc, v);
        // "Shelling by the RSF killed 20": a gerund with no subject has its doer in "by".
        if r.actor.is_empty() && doc.tags.get(v).is_some_and(|t| t.xpos == Xpos::Vbg) {
            for k in doc.children_with(v, "obl") {
                if case_of(doc, k).as_deref() == Some("by") {
                    r.actor.extend(phrase_mentions(view, doc, k));
                }
            }
        }
        for rel in ["obj", "iobj"] {
            for o in doc.children_with(v, rel) {
                r.recipient.extend(phrase_mentions(view, doc, o));
            }
        }
        // "the journalists it had detained": the noun is the object the clause lacks.
        if let Some(noun) = object_gap_noun(view, doc, v) {
            r.recipient.extend(phrase_mentions(view, doc, noun));
        }
    }
    if r.recipient.is_empty() {
        r.recipient = framed_obliques(view, doc, entry, v, &["obl"]);
    }
    // "banned the supply of chips to China", "halted shipments to Iran": a thing done
    // to something that goes to, or comes from, a party.
    if r.recipient.is_empty() {
        r.recipient = doc
            .children_with(v, "obj")
            .filter(|&o| view.mention_at[o].is_none())
            .flat_map(|o| {
                // One level down too: "the supply of chips to China".
                let nested = doc
                    .children_with(o, "nmod")
                    .flat_map(|k| doc.children_with(k, "nmod"));
                doc.children_with(o, "nmod").chain(nested).filter(|&k| {
                    case_of(doc, k).is_some_and(|p| matches!(p.as_str(), "to" | "from"))
                })
            })
            .flat_map(|k| phrase_mentions(view, doc, k))
            .collect();
    }
    // "launched strikes targeting Kyiv": what the object's participle acts on.
    if r.recipient.is_empty() {
        r.recipient = doc
            .children_with(v, "obj")
            .flat_map(|o| participle_target(view, doc, o))
            .collect();
    }
    dedup(&mut r.actor);
    dedup(&mut r.recipient);
    r
}

/// The parties a participle modifying the noun `n` acts on: its object ("drills
/// encircling the islands", "strikes targeting Ukrainian power plants") or, for a past
/// participle, its "at" or "against" phrase ("sanctions aimed at Russian banks").
fn participle_target(view: &SentenceView<'_>, doc: &SentenceDoc, n: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for p in doc.children_with(n, "acl") {
        let Some(tag) = doc.tags.get(p) else { continue };
        if tag.xpos == Xpos::Vbg {
            for o in doc.children_with(p, "obj") {
                out.extend(phrase_mentions(view, doc, o));
            }
        } else if tag.is_past_participle() {
            for o in doc.children_with(p, "obl") {
                if matches!(case_of(doc, o).as_deref(), Some("at" | "against")) {
                    out.extend(phrase_mentions(view, doc, o));
                }
            }
        }
    }
    out
}

/// Whether a verb in an `acl` is a passive participle ("killed by", "arrested last week").
fn has_agent_or_participle(doc: &SentenceDoc, v: usize) -> bool {
    doc.children_with(v, "obl:agent").next().is_some()
        || doc.tags.get(v).is_some_and(|t| t.is_past_participle())
}

/// The subject token of a verb: its own (active or passive), else the one it shares with
/// the verb it is coordinated with or the infinitive's controller.
fn subject_token(doc: &SentenceDoc, v: usize) -> Option<usize> {
    let mut verb = v;
    for _ in 0..4 {
        if let Some(s) = doc.children_with(verb, "nsubj").next() {
            return Some(s);
        }
        match (doc.head(verb), doc.rels[verb].main()) {
            (Some(h), "xcomp" | "conj") => verb = h,
            _ => return None,
        }
    }
    None
}

/// The actor a verb trigger takes from the clause it belongs to where the words would
/// put another nearest: a coordinated verb's shared subject ([`shared_subject`]), the
/// subject of the clause a participle adjunct hangs on ([`adjunct_subject`]), or the
/// subject of a relative clause that lacks its object ([`object_gap_noun`]).
pub fn clause_subject(
    view: &SentenceView<'_>,
    doc: &SentenceDoc,
    m: &TriggerMatch,
) -> Option<Vec<usize>> {
    shared_subject(view, doc, m)
        .or_else(|| adjunct_subject(view, doc, m))
        .or_else(|| gapped_relative_subject(view, doc, m))
}

/// The noun a relative clause headed by `v` modifies when it stands for the clause's
/// missing object ("the journalists [it had detained]", "the town [that the rebels
/// shelled]"): the clause has a subject of its own that is no relative pronoun, and no
/// object. None for other verbs.
fn object_gap_noun(view: &SentenceView<'_>, doc: &SentenceDoc, v: usize) -> Option<usize> {
    let relative_pronoun = |k: usize| {
        matches!(
            view.word(k).to_lowercase().as_str(),
            "who" | "which" | "that" | "whom"
        )
    };
    // The object is missing, or is the relative pronoun standing for the noun; and the
    // noun is no place, time or oblique of the clause ("the region where it is fighting",
    // "the talks in which they agreed").
    let gap = doc.children_with(v, "obj").all(relative_pronoun);
    let adverbial = doc.children(v).any(|k| {
        let wh = matches!(
            view.word(k).to_lowercase().as_str(),
            "where" | "when" | "why" | "whereby"
        );
        wh || doc.rels[k].main() == "obl" && relative_pronoun(k)
    });
    if doc.rels[v].name() != "acl:relcl" || !gap || adverbial {
        return None;
    }
    let subject = doc.children_with(v, "nsubj").next()?;
    (!relative_pronoun(subject)).then(|| doc.head(v)).flatten()
}

/// The actor of a relative clause that lacks its object: its own subject (empty when
/// that names no party), where the words would take the noun the clause modifies.
fn gapped_relative_subject(
    view: &SentenceView<'_>,
    doc: &SentenceDoc,
    m: &TriggerMatch,
) -> Option<Vec<usize>> {
    let v = trigger_head(doc, m);
    object_gap_noun(view, doc, v)?;
    // A subject that names no party leaves the actor unknown: the noun is not it.
    Some(
        doc.children_with(v, "nsubj")
            .flat_map(|s| phrase_mentions(view, doc, s))
            .collect(),
    )
}

/// The actor of a verb trigger whose word-rule actor `actor` (mention indices) lies
/// inside a clause modifying a noun (a relative clause or a participle) that does not
/// hold the trigger: the trigger's own subject in the parse ("the rebels who attacked the
/// Malian town released hostages": the rebels release, not the town's country; "Russian
/// strikes targeting Ukrainian cities killed 12": the strikes kill). None when the actor
/// is not so placed or the parse gives no subject with a party.
pub fn subject_outside_relative(
    view: &SentenceView<'_>,
    doc: &SentenceDoc,
    m: &TriggerMatch,
    actor: &[usize],
) -> Option<Vec<usize>> {
    let v = trigger_head(doc, m);
    // A participle that is one in form too (the tagger reads a noun such as "watchdog"
    // before a name as a gerund).
    let noun_clause = |r: usize| match doc.rels[r].name() {
        "acl:relcl" => true,
        "acl" => doc.tags.get(r).is_some_and(|t| {
            t.xpos == Xpos::Vbn || t.xpos == Xpos::Vbg && view.word(r).ends_with("ing")
        }),
        _ => false,
    };
    // The mention's token or one of its heads opens such a clause, not the trigger's.
    let inside_other_relative = |k: usize| {
        let mut r = Some(view.mentions[k].1);
        for _ in 0..=doc.len() {
            let Some(at) = r else { break };
            if noun_clause(at) && !doc.dominates(at, v) {
                return true;
            }
            r = doc.head(at);
        }
        false
    };
    if actor.is_empty() || !actor.iter().all(|&k| inside_other_relative(k)) {
        return None;
    }
    let own = subject_of(view, doc, v);
    (!own.is_empty() && own.iter().all(|&k| !inside_other_relative(k))).then_some(own)
}

/// The actor of a participle adjunct after a comma, which is the subject of the clause it
/// hangs on ("Spain expelled two envoys, accusing them of spying": Spain accuses, not the
/// envoys the words put nearest). None when the participle is no such adjunct, has a
/// subject of its own, or the clause's subject names no party.
fn adjunct_subject(
    view: &SentenceView<'_>,
    doc: &SentenceDoc,
    m: &TriggerMatch,
) -> Option<Vec<usize>> {
    let v = trigger_head(doc, m);
    let participle = doc.tags.get(v).is_some_and(|t| t.xpos == Xpos::Vbg);
    let after_comma = m.start > 0 && view.is_comma(m.start - 1);
    if !participle || !after_comma || doc.rels[v].main() != "advcl" {
        return None;
    }
    if doc.children(v).any(|k| doc.rels[k].main() == "nsubj") {
        return None;
    }
    let actor = subject_of(view, doc, doc.head(v)?);
    (!actor.is_empty()).then_some(actor)
}

/// The actor a coordinated verb shares with the verb it follows ("the minister visited
/// Peru and met officials": the minister meets, not Peru, whatever the words put nearest).
/// Empty when the shared subject names no party; None when the verb is not coordinated
/// in the parse or has a subject of its own.
fn shared_subject(
    view: &SentenceView<'_>,
    doc: &SentenceDoc,
    m: &TriggerMatch,
) -> Option<Vec<usize>> {
    let v = trigger_head(doc, m);
    let head = doc.head(v)?;
    let verbal = |t: usize| doc.tags.get(t).is_some_and(|t| t.upos == Upos::Verb);
    // A true coordination, with its conjunction: the parse also reads a clause after an
    // aside's comma as a conjunct.
    let conjunction = doc.children_with(v, "cc").next().is_some();
    if doc.rels[v].main() != "conj" || !conjunction || !verbal(v) || !verbal(head) {
        return None;
    }
    if doc.children(v).any(|k| doc.rels[k].main() == "nsubj") {
        return None;
    }
    subject_token(doc, head)?;
    Some(subject_of(view, doc, head))
}

/// The actor of an active verb: its own subject, else the one it shares.
fn subject_of(view: &SentenceView<'_>, doc: &SentenceDoc, v: usize) -> Vec<usize> {
    let mut verb = v;
    // A bounded climb: infinitive controllers, coordinated verbs, relative clauses.
    for _ in 0..4 {
        let own: Vec<usize> = doc
            .children_with(verb, "nsubj")
            .filter(|&s| doc.rels[s].name() == "nsubj")
            .flat_map(|s| phrase_mentions(view, doc, s))
            .collect();
        if !own.is_empty() {
            return own;
        }
        // "the rebels who attacked": the relative pronoun stands for the noun (not in
        // "the journalists it detained", where the noun is the object).
        if doc.rels[verb].name() == "acl:relcl" {
            if object_gap_noun(view, doc, verb).is_some() {
                break;
            }
            return doc
                .head(verb)
                .map(|h| phrase_mentions(view, doc, h))
                .unwrap_or_default();
        }
        let Some(h) = doc.head(verb) else {
            break;
        };
        match doc.rels[verb].main() {
            // "agreed to withdraw", "attacked and burned": the subject is shared.
            "xcomp" | "conj" => verb = h,
            _ => break,
        }
    }
    Vec::new()
}

/// The doers a noun trigger's own phrase names: "attacks by the RSF", "criticism from
/// Peru", "pressure from Washington" ("from" unless the noun's frame reads it:
/// "withdrawal from Syria"). A "from" phrase is read where the parse hangs it or right
/// after the noun, or after the last of its conjuncts ("condemnation and warnings from
/// Chile"): the parser often gives it to a noun before ("a decree amid criticism from
/// Peru").
fn doer_phrase(
    view: &SentenceView<'_>,
    doc: &SentenceDoc,
    entry: &TriggerEntry,
    n: usize,
) -> Vec<usize> {
    let from_is_frame = entry.preps.iter().any(|p| p == "from");
    let last = doc.children_with(n, "conj").max().unwrap_or(n);
    let doer = |k: usize| {
        doc.rels[k].name() == "nmod"
            && match case_of(doc, k).as_deref() {
                Some("by") => doc.head(k) == Some(n),
                Some("from") => {
                    !from_is_frame && matches!(doc.head(k), Some(h) if h == n || h == last)
                }
                _ => false,
            }
    };
    let found: Vec<usize> = (0..doc.len())
        .filter(|&k| doer(k))
        .flat_map(|k| phrase_mentions(view, doc, k))
        .collect();
    if !found.is_empty() || from_is_frame || view.word(last + 1) != "from" {
        return found;
    }
    // Read in the words: the first party named after "from", before any verb.
    (last + 2..(last + 6).min(view.len()))
        .take_while(|&k| !view.tagged_verb(k) && !view.is_punct(k))
        .find_map(|k| view.mention_at[k])
        .into_iter()
        .collect()
}

fn noun_roles(
    view: &SentenceView<'_>,
    doc: &SentenceDoc,
    entry: &TriggerEntry,
    n: usize,
) -> SyntaxRoles {
    let mut r = SyntaxRoles::default();
    for k in doc.children(n) {
        // "Russia's invasion", "U.S. sanctions", "Russian strikes".
        if matches!(doc.rels[k].name(), "nmod:poss" | "compound" | "amod") {
            if let Some(x) = view.mention_at[k] {
                r.actor.push(x);
            }
        }
    }
    let doers = doer_phrase(view, doc, entry, n);
    if !doers.is_empty() {
        r.actor = doers;
        r.doer_phrase = true;
    }
    if r.actor.is_empty() {
        // "launched an attack", "imposed sanctions", "held talks": the light verb's subject.
        if let (Some(h), "obj") = (doc.head(n), doc.rels[n].name()) {
            r.actor = subject_of(view, doc, h);
        }
    }
    r.recipient = framed_obliques(view, doc, entry, n, &["nmod"]);
    if r.recipient.is_empty() && entry.event == EventType::Accuse {
        // "Chile's allegation that Bolivia armed the rebels": the accused is the first
        // party of the charge's "that" clause, before its verb (read in the words: the
        // parser often takes that "that" for a relative pronoun).
        let that = n + 1;
        if that < view.len() && view.word(that) == "that" {
            r.recipient = (that + 1..(that + 5).min(view.len()))
                .take_while(|&k| !view.tagged_verb(k) && !view.is_punct(k))
                .find_map(|k| view.mention_at[k])
                .into_iter()
                .collect();
        }
    }
    if r.recipient.is_empty() {
        // "imposed sanctions on Iran": the frame's phrase may hang on the light verb.
        if let (Some(h), "obj") = (doc.head(n), doc.rels[n].name()) {
            r.recipient = framed_obliques(view, doc, entry, h, &["obl"]);
        }
    }
    if r.recipient.is_empty() {
        r.recipient = participle_target(view, doc, n);
    }
    dedup(&mut r.actor);
    dedup(&mut r.recipient);
    r
}

/// The possessor of a noun trigger whose entry says its possessor undergoes the act
/// (`possessor-undergoes`: "the journalist's arrest", "the commander's killing"), as an
/// actor mention; none when an "of" phrase names who undergoes it ("the junta's release
/// of prisoners": the junta releases).
pub fn undergoing_possessor(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    doc: &SentenceDoc,
    m: &TriggerMatch,
) -> Option<usize> {
    let entry = &lex.triggers[m.entry];
    if entry.pos != Pos::Noun || !entry.object.possessor_undergoes || doc.len() != view.len() {
        return None;
    }
    let n = trigger_head(doc, m);
    let of_phrase = doc
        .children_with(n, "nmod")
        .any(|k| case_of(doc, k).as_deref() == Some("of"));
    if of_phrase {
        return None;
    }
    doc.children_with(n, "nmod:poss")
        .find_map(|k| view.mention_at.get(k).copied().flatten())
}

/// The parties of a noun trigger that is the object of a receiving verb (`receiving` in
/// `events/cues.tsv`): the actor is the "from" phrase of the noun or the verb (unknown
/// without one), the recipient the verb's subject ("Peru received military aid from
/// Japan", "the plan faced criticism from rights groups"). None for other triggers.
pub fn received_from(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    doc: &SentenceDoc,
    m: &TriggerMatch,
) -> Option<(Vec<usize>, Vec<usize>)> {
    if lex.triggers[m.entry].pos != Pos::Noun || doc.len() != view.len() {
        return None;
    }
    let mut n = trigger_head(doc, m);
    // "received relief shipments": the trigger may modify the object.
    if doc.rels[n].name() == "compound" {
        n = doc.head(n)?;
    }
    let verb = doc.head(n).filter(|_| doc.rels[n].name() == "obj")?;
    let receiving = doc
        .lemmas
        .get(verb)
        .is_some_and(|l| lex.cues.receiving.contains(&l.to_lowercase()));
    if !receiving {
        return None;
    }
    let from = |h: usize, rel: &'static str| {
        doc.children_with(h, rel)
            .filter(|&k| case_of(doc, k).as_deref() == Some("from"))
            .flat_map(|k| phrase_mentions(view, doc, k))
            .collect::<Vec<usize>>()
    };
    let mut actor = from(n, "nmod");
    actor.extend(from(verb, "obl"));
    let recipient = subject_of(view, doc, verb);
    Some((actor, recipient))
}

/// Mentions in the dependents of `head` with one of `rels` whose preposition is in the
/// trigger's frame.
fn framed_obliques(
    view: &SentenceView<'_>,
    doc: &SentenceDoc,
    entry: &TriggerEntry,
    head: usize,
    rels: &[&str],
) -> Vec<usize> {
    let in_frame = |p: &str| {
        if entry.preps.is_empty() {
            DEFAULT_FRAME.contains(&p)
        } else {
            entry.preps.iter().any(|x| x == p)
        }
    };
    doc.children(head)
        .filter(|&k| rels.contains(&doc.rels[k].name()))
        .filter(|&k| case_of(doc, k).is_some_and(|p| in_frame(&p)))
        .flat_map(|k| phrase_mentions(view, doc, k))
        .collect()
}

/// The preposition (`case` dependent) of a nominal, folded.
pub(crate) fn case_of(doc: &SentenceDoc, k: usize) -> Option<String> {
    doc.children_with(k, "case")
        .next()
        .and_then(|c| doc.lemmas.get(c))
        .map(|l| l.to_lowercase())
}

/// The actor mentions an argument phrase headed by `head` names: the head's own mention,
/// those of its conjuncts ("Russia and China"), and of the modifiers that say whose the
/// head is ("officials of Turkey", "Turkish officials", "Turkey's envoy").
fn phrase_mentions(view: &SentenceView<'_>, doc: &SentenceDoc, head: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut heads = vec![head];
    heads.extend(doc.children_with(head, "conj"));
    for h in heads {
        if let Some(k) = view.mention_at.get(h).copied().flatten() {
            out.push(k);
            continue;
        }
        // A common noun: the parties it belongs to.
        let owners: Vec<usize> = doc
            .children(h)
            .filter(|&c| {
                let rel = doc.rels[c].name();
                matches!(rel, "nmod:poss" | "compound" | "amod" | "appos" | "flat")
                    || rel == "nmod" && case_of(doc, c).as_deref() == Some("of")
            })
            .filter_map(|c| {
                view.mention_at.get(c).copied().flatten().or_else(|| {
                    // "officials of the Turkish government": one level further down.
                    doc.children(c)
                        .filter(|&g| matches!(doc.rels[g].name(), "amod" | "compound"))
                        .find_map(|g| view.mention_at.get(g).copied().flatten())
                })
            })
            .collect();
        out.extend(owners);
    }
    dedup(&mut out);
    out
}

fn dedup(v: &mut Vec<usize>) {
    let mut seen = Vec::with_capacity(v.len());
    v.retain(|k| {
        let new = !seen.contains(k);
        seen.push(*k);
        new
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{analyzer, lexicon, toy_actors};

    /// The actor and recipient mentions (as written) the parse gives the trigger that
    /// holds the word `trigger` in the one-sentence `text`, and whether it is passive.
    fn roles_of(text: &str, trigger: &str) -> (Vec<String>, Vec<String>, bool) {
        let lex = lexicon();
        let doc = analyzer().analyze(text);
        let actors = toy_actors(text, &doc.layer);
        let mut view = SentenceView::new(text, &doc.layer, &actors, 0);
        view.set_doc(&doc.sentences[0]);
        let matches = crate::triggers::find_triggers(
            lex.lexicon(),
            &view,
            &crate::contexts::keyword_contexts(lex.lexicon(), &view),
        );
        let m = matches
            .iter()
            .find(|m| (m.start..m.end).any(|i| view.word(i) == trigger))
            .unwrap_or_else(|| panic!("no trigger {trigger:?} in {text:?}"));
        let r = roles(
            &view,
            &doc.sentences[0],
            &lex.lexicon().triggers[m.entry],
            m,
        );
        let names = |ks: &[usize]| {
            ks.iter()
                .map(|&k| {
                    view.slice(view.mentions[k].1, view.mentions[k].2)
                        .to_string()
                })
                .collect::<Vec<_>>()
        };
        (names(&r.actor), names(&r.recipient), r.passive)
    }

    #[test]
    fn subject_and_object_of_an_active_verb() {
        let (a, r, passive) = roles_of("Egypt accused Israel of spying.", "accused");
        assert_eq!(
            (a, r, passive),
            (vec!["Egypt".into()], vec!["Israel".into()], false)
        );
    }

    #[test]
    fn coordinated_subjects_all_act() {
        let (a, r, _) = roles_of("Egypt and Kenya condemned Israel on Monday.", "condemned");
        assert_eq!(a, ["Egypt", "Kenya"]);
        assert_eq!(r, ["Israel"]);
    }

    #[test]
    fn a_gerund_without_subject_has_its_doer_in_by() {
        let (a, _, passive) = roles_of(
            "Shelling by the Egyptian army killed three people.",
            "shelling",
        );
        // (The toy recogniser's mention is the adjective.)
        assert_eq!(a, ["Egyptian"]);
        assert!(!passive);
        // A subject of its own wins over a "by" of means.
        let (a, _, _) = roles_of("Egypt kept shelling by night.", "shelling");
        assert!(!a.iter().any(|x| x == "night"), "{a:?}");
    }

    #[test]
    fn passive_agent_acts_and_passive_subject_is_the_victim() {
        let (a, r, passive) = roles_of("Israel was attacked by Egypt on Monday.", "attacked");
        assert_eq!(
            (a, r, passive),
            (vec!["Egypt".into()], vec!["Israel".into()], true)
        );
        // Without "by": a passive with its victim and no named actor.
        let (a, r, passive) = roles_of("Egypt was attacked on Monday.", "attacked");
        assert!(a.is_empty(), "{a:?}");
        assert_eq!(r, ["Egypt"]);
        assert!(passive);
    }

    #[test]
    fn an_infinitive_shares_its_controller() {
        let (a, _, _) = roles_of("Canada agreed to send aid to Kenya.", "send");
        assert_eq!(a, ["Canada"]);
    }

    #[test]
    fn a_light_verb_gives_its_noun_an_actor_and_a_frame() {
        let (a, r, _) = roles_of("Canada imposed new sanctions on Egypt.", "sanctions");
        assert_eq!(
            (a, r),
            (vec!["Canada".to_string()], vec!["Egypt".to_string()])
        );
    }

    #[test]
    fn a_possessor_acts_in_a_nominal_event() {
        let (a, _, _) = roles_of("Turkey's invasion of Syria drew criticism.", "invasion");
        assert_eq!(a, ["Turkey"]);
    }

    fn types(text: &str) -> Vec<String> {
        let lex = lexicon();
        crate::tests::code(&lex, text)
            .iter()
            .map(crate::tests::summary)
            .collect()
    }

    #[test]
    fn factive_verbs_take_their_object_events_as_given() {
        // Condemning, protesting or welcoming an act with its own actor reports the act.
        let e = types("Japan condemned Iran's launch of two missiles at Israel.");
        assert!(e.iter().any(|s| s.starts_with("ASSAULT IRA")), "{e:?}");
        assert!(e.iter().any(|s| s.starts_with("ACCUSE JAP")), "{e:?}");
        let e = types("The EU welcomed Egypt's release of the prisoners.");
        assert!(e.iter().any(|s| s.starts_with("RETREAT EGY")), "{e:?}");
        // A demand presupposes nothing: the withdrawal has not happened.
        let e = types("Kenya demanded Egypt's withdrawal from the border.");
        assert_eq!(e, ["REQUEST KEN>EGY asserted"]);
        // Without its own actor the object stays the topic ("condemned the attack").
        let e = types("Kenya condemned the attack on Monday.");
        assert!(e.iter().all(|s| !s.starts_with("ASSAULT")), "{e:?}");
    }

    #[test]
    fn weapons_strike_but_do_not_travel_or_agree() {
        let e = types("The Egypt missiles travelled 350 kilometres before landing.");
        assert!(e.iter().all(|s| !s.starts_with("CONSULT")), "{e:?}");
        let e = types("Two missiles were fired at Kenya and travelled 300 kilometres.");
        assert!(e.iter().all(|s| !s.starts_with("CONSULT")), "{e:?}");
        // A weapon as subject of a violent verb is the way of striking, as before.
        let e = types("A rocket hit a school in Kenya on Monday.");
        assert!(e.iter().any(|s| s.starts_with("ASSAULT")), "{e:?}");
    }

    #[test]
    fn a_reporter_asking_for_comment_is_no_request() {
        for text in [
            "Reuters requested comment from the Kenya embassy on Monday.",
            "Egypt did not respond to a request for comment from Reuters.",
            "Reuters asked Egypt for comment on the deal.",
            "Reuters requested an interview with the Egypt minister.",
        ] {
            let e = types(text);
            assert!(e.iter().all(|s| !s.starts_with("REQUEST")), "{text}: {e:?}");
        }
        // Asking for anything else is a request.
        assert_eq!(
            types("Kenya asked Egypt for help."),
            ["REQUEST KEN>EGY asserted"]
        );
    }
}
