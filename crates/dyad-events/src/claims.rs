//! Claims that reach beyond one clause:
//!
//! - nested claims whose inner event a third party instigated: "Kim said the US made Kyiv
//!   attack Russia" is an accusation by Kim against the US and an attack by Ukraine that
//!   only Kim asserts ([`instigation`]); "Ukraine said Russia was behind the attacks" is
//!   an accusation against Russia;
//! - concern and criticism that something draws from others ("sparked concerns among
//!   South Korea, the US and NATO", "drew criticism from France"): an ACCUSE (PLOVER
//!   `disapprove`; CAMEO 110 for concern, 111 for criticism) by those others against the
//!   actor of what caused it ([`concern_events`]), found in an earlier sentence when the
//!   cause is named by an anaphor ("these exchanges", "the move");
//! - quotes that run over several sentences: every sentence inside the quote marks gets
//!   the speaker the tag before or after the quote names ([`resolve_document`]);
//! - speaker continuation: "He added that ...", "the minister also said": a pronoun or a
//!   definite description the actors layer leaves unresolved takes the last named source
//!   of the same paragraph, and a pronoun source is reported by its entity's name;
//! - opening sources reach back: a sentence-initial "According to X," (or "X said" opening
//!   a paragraph's second sentence) also vouches for the unattributed events of the
//!   paragraph's earlier sentences that share a participant with what it covers, up to a
//!   sentence with a source of its own ([`extend_opening_sources`]). The sources of each
//!   sentence are found once ([`SourceCache`]);
//! - what a denial denies in its own sentence: a gerund ("Russia denied attacking the
//!   hospital": an ASSAULT by Russia, denied), a "that" clause, also after a charge
//!   ("rejected claims that it ..."), with the earlier reports of the same event
//!   ([`release_denied_events`], [`with_earlier_reports`]);
//! - the targets a phrase leaves to the context: concern "over the fighting in Sudan"
//!   targets Sudan, "welcomed the talks" the participants of the talks told before, and a
//!   participant that stands for a pair ("Obama and Putin said they ...") is both.

use std::collections::BTreeSet;

use dyad_actors::Actors;
use dyad_model::{ActorRef, Attribution, EventType, Status};

use crate::arguments::{actor_refs, extend_left, main_subject, subject_left, Arguments};
use crate::attribution::{find_sources, Source};
use crate::lexicon::Lexicon;
use crate::triggers::TriggerMatch;
use crate::view::{is_determiner, SentenceView, CLAUSE_OPENERS};
use crate::{CodingInput, Draft, EventLexicon};

/// Verbs that make, force or lead someone else to act: "made Kyiv attack", "pushed Seoul
/// to sign", "is using Hamas to attack".
const INSTIGATING_VERBS: &[&str] = &[
    "made",
    "make",
    "makes",
    "making",
    "forced",
    "force",
    "forces",
    "forcing",
    "pushed",
    "push",
    "pushes",
    "pushing",
    "ordered",
    "order",
    "orders",
    "ordering",
    "encouraged",
    "encourage",
    "encourages",
    "encouraging",
    "compelled",
    "compel",
    "compels",
    "pressured",
    "pressure",
    "pressures",
    "pressuring",
    "pressed",
    "incited",
    "incite",
    "incites",
    "inciting",
    "used",
    "use",
    "uses",
    "using",
    "directed",
    "instructed",
    "manipulated",
    "manipulating",
    "goaded",
    "coerced",
];

/// Whether a word is a form of a verb by which one party makes another act ("forced",
/// "ordered", "encouraged"; [`instigation`]).
pub fn is_instigating_verb(word: &str) -> bool {
    INSTIGATING_VERBS.contains(&word)
}

/// Words that put someone behind an event: "Russia was behind the attacks", "Iran
/// orchestrated the strike".
const BEHIND_WORDS: &[&str] = &[
    "behind",
    "orchestrated",
    "orchestrates",
    "orchestrating",
    "masterminded",
    "instigated",
    "engineered",
];

/// Verbs by which something draws concern or criticism from others, each with the
/// prepositions that introduce those others ("sparked concerns among", "drew criticism
/// from").
const CAUSING_VERBS: &[(&str, &[&str])] = &[
    ("spark", AMONG),
    ("sparked", AMONG),
    ("sparks", AMONG),
    ("sparking", AMONG),
    ("raise", AMONG),
    ("raised", AMONG),
    ("raises", AMONG),
    ("raising", AMONG),
    ("prompt", AMONG),
    ("prompted", AMONG),
    ("prompts", AMONG),
    ("trigger", AMONG),
    ("triggered", AMONG),
    ("triggers", AMONG),
    ("fuel", AMONG),
    ("fueled", AMONG),
    ("fuelled", AMONG),
    ("fuels", AMONG),
    ("stoke", AMONG),
    ("stoked", AMONG),
    ("stokes", AMONG),
    ("provoke", AMONG),
    ("provoked", AMONG),
    ("provokes", AMONG),
    ("cause", AMONG),
    ("caused", AMONG),
    ("causes", AMONG),
    ("heightened", AMONG),
    ("deepened", AMONG),
    ("generated", AMONG),
    ("draw", FROM),
    ("drew", FROM),
    ("drawn", FROM),
    ("draws", FROM),
    ("drawing", FROM),
    ("attract", FROM),
    ("attracted", FROM),
    ("attracts", FROM),
    ("earn", FROM),
    ("earned", FROM),
    ("earns", FROM),
    ("elicit", FROM),
    ("elicited", FROM),
    ("elicits", FROM),
    ("met", FROM),
];
const AMONG: &[&str] = &["among", "in", "across", "within", "amongst"];
const FROM: &[&str] = &["from"];

/// Nouns of concern and criticism with their CAMEO code: 110 (disapprove) for concern,
/// 111 (criticize or denounce) for criticism.
const CONCERN_NOUNS: &[(&str, &str)] = &[
    ("concern", "110"),
    ("concerns", "110"),
    ("alarm", "110"),
    ("worry", "110"),
    ("worries", "110"),
    ("fear", "110"),
    ("fears", "110"),
    ("unease", "110"),
    ("disquiet", "110"),
    ("anxiety", "110"),
    ("consternation", "110"),
    ("anger", "110"),
    ("outrage", "110"),
    ("indignation", "110"),
    ("dismay", "110"),
    ("objections", "110"),
    ("criticism", "111"),
    ("criticisms", "111"),
    ("condemnation", "111"),
    ("condemnations", "111"),
    ("rebuke", "111"),
    ("rebukes", "111"),
    ("backlash", "111"),
    ("censure", "111"),
];

/// Nouns for what two sides do to each other: the concern they draw is directed at both
/// ("these exchanges", "their cooperation").
const RECIPROCAL_NOUNS: &[&str] = &[
    "exchanges",
    "exchange",
    "cooperation",
    "ties",
    "deals",
    "deal",
    "alliance",
    "partnership",
    "transfers",
    "trade",
    "relations",
    "pact",
    "collaboration",
];

/// Nouns for what someone did that "the" makes anaphoric after a verb of criticism
/// ("condemned the attack": the attack the article has just told).
const EVENT_NOUNS: &[&str] = &[
    "attack",
    "attacks",
    "strike",
    "strikes",
    "move",
    "decision",
    "deployment",
    "launch",
    "launches",
    "test",
    "tests",
    "killing",
    "killings",
    "bombing",
    "shelling",
    "invasion",
    "offensive",
    "incursion",
    "exchanges",
    "transfers",
    "shipments",
    "raid",
    "raids",
];

/// Words that refer back to what an earlier sentence said.
const ANAPHORS: &[&str] = &[
    "this", "these", "those", "such", "it", "they", "the", "that", "them",
];

fn codes(refs: &[ActorRef]) -> BTreeSet<String> {
    refs.iter().filter_map(|r| r.code.clone()).collect()
}

/// Who made whom act, for one trigger.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Instigation {
    /// Mentions of the party that made, forced or was behind the event.
    pub instigator: Vec<usize>,
    /// Mentions of the party made to act ("Kyiv" in "made Kyiv attack"); empty when the
    /// instigator is also the one who acts ("Russia was behind the attacks").
    pub causee: Vec<usize>,
}

/// The instigation of trigger `m`: "X made/forced/pushed/ordered/encouraged Y (to) V",
/// "X is using Y to V" (Y acts, X instigates, when Y is another country's actor than X:
/// "Kim ordered the army to attack" stays Kim's attack) or "X was behind / orchestrated
/// the V" (X instigates and acts).
pub fn instigation(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    actors: &Actors,
    m: &TriggerMatch,
) -> Option<Instigation> {
    let mut p = m.start;
    if p > 0 && view.word(p - 1) == "to" {
        p -= 1;
    }
    if let Some(k) = p.checked_sub(1).and_then(|q| view.mention_at[q]) {
        let mut causee = vec![k];
        extend_left(view, &mut causee);
        let first = view.mentions[causee[0]].1;
        if first > 0 && INSTIGATING_VERBS.contains(&view.word(first - 1)) {
            let instigator = subject_left(lex, view, actors, first - 1);
            let causee_codes = codes(&actor_refs(view, actors, &causee));
            let instigator_codes = codes(&actor_refs(view, actors, &instigator));
            let apart = !causee_codes.is_empty()
                && !instigator_codes.is_empty()
                && causee_codes.is_disjoint(&instigator_codes);
            if apart && !causee.iter().any(|k| instigator.contains(k)) {
                return Some(Instigation { instigator, causee });
            }
        }
    }
    // "Russia was behind the chemical attacks": up to three modifier words between.
    let mut j = m.start;
    while j > 0 && m.start - j <= 3 {
        let w = view.word(j - 1);
        if BEHIND_WORDS.contains(&w) {
            let instigator = subject_left(lex, view, actors, j - 1);
            if instigator.is_empty() {
                return None;
            }
            return Some(Instigation {
                instigator,
                causee: Vec::new(),
            });
        }
        if view.mention_at[j - 1].is_some() || view.is_punct(j - 1) {
            break;
        }
        j -= 1;
    }
    None
}

/// The party made to act is the event's actor; the instigator is neither actor nor
/// recipient. With no one made to act ("it was behind the attack on the tanker"), the
/// instigator is the actor of an event that names none.
pub fn apply_instigation(instigation: &Instigation, args: &mut Arguments) {
    if instigation.causee.is_empty() {
        if args.actor.is_empty() {
            args.actor = instigation.instigator.clone();
            args.recipient
                .retain(|k| !instigation.instigator.contains(k));
        }
        return;
    }
    args.actor = instigation.causee.clone();
    args.recipient
        .retain(|k| !instigation.causee.contains(k) && !instigation.instigator.contains(k));
}

/// Words between a denial verb and the charge noun ("denied the Western reports that").
fn before_charge_noun(word: &str) -> bool {
    matches!(
        word,
        "the" | "these" | "those" | "such" | "any" | "all" | "media" | "western" | "earlier"
    )
}

/// The local token of "that" when a charge noun with its clause follows token `from`:
/// "claims that", "the reports that", "Western media reports that", and with whose
/// charge it is before it ("Chile's allegation that", "Chilean claims that", "its
/// baseless allegations that").
pub(crate) fn charge_clause(lex: &Lexicon, view: &SentenceView<'_>, from: usize) -> Option<usize> {
    let modifier =
        |p: usize| before_charge_noun(view.word(p)) || crate::attribution::charge_modifier(view, p);
    let mut p = from;
    while p < view.len() && p < from + 5 && modifier(p) && !lex.charge_nouns.contains(view.word(p))
    {
        p += 1;
    }
    let noun = p < view.len() && lex.charge_nouns.contains(view.word(p));
    (noun && p + 1 < view.len() && view.word(p + 1) == "that").then_some(p + 1)
}

/// Whether trigger `m` is a denial: a denial verb ("denied", "denies"; CAMEO 016), or a
/// verb of rejection before a charge and its clause ("rejected claims that ...").
fn is_denial_verb(lex: &Lexicon, view: &SentenceView<'_>, m: &TriggerMatch) -> bool {
    lex.triggers.get(m.entry).is_some_and(|e| {
        e.event == EventType::Reject
            && e.pos.is_verb()
            && (e.cameo == "016" || charge_clause(lex, view, m.end).is_some())
    })
}

/// Words between a denial verb and the gerund it denies ("denied ever attacking",
/// "denies having fired").
const BEFORE_DENIED_GERUND: &[&str] = &["having", "ever", "any", "all", "been"];

/// The token where the gerund a denial verb at `m` denies starts ("denied attacking the
/// hospital", "denied having fired the rocket"), if one follows it.
fn denied_gerund(view: &SentenceView<'_>, m: &TriggerMatch) -> Option<usize> {
    let mut p = m.end;
    while p < view.len() && BEFORE_DENIED_GERUND.contains(&view.word(p)) {
        p += 1;
    }
    let w = view.word(p);
    let verb_form = w.ends_with("ing") || (p > m.end && view.word(p - 1) == "having");
    (p < view.len() && verb_form && view.mention_at[p].is_none()).then_some(p)
}

/// Whether the denial verb at `m` has the event it denies in its own sentence after it:
/// a gerund ("denied attacking the hospital") or a "that" clause.
pub(crate) fn denies_what_follows(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    matches: &[TriggerMatch],
    m: &TriggerMatch,
) -> bool {
    is_denial_verb(lex, view, m)
        && (charge_clause(lex, view, m.end).is_some()
            || denied_gerund(view, m)
                .is_some_and(|p| matches.iter().any(|o| o.start == p && o.start >= m.end)))
}

/// What a denial denies is an event of its own, not the denial's object: the trigger a
/// denial verb's trigger-finding folded into it comes back — the gerund right after it
/// ("Russia denied attacking the hospital") and the first trigger of a "that" clause
/// when no other trigger stands before it in the clause ("Iran denied that it was
/// behind the attack on the tanker").
pub(crate) fn release_denied_events(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    matches: &mut [TriggerMatch],
) {
    for d in 0..matches.len() {
        if matches[d].absorbed || !is_denial_verb(lex, view, &matches[d]) {
            continue;
        }
        let end = matches[d].end;
        let gerund = denied_gerund(view, &matches[d]);
        // "denied that it ...", "rejected claims that it ...", or the clause without
        // "that": "denied it was behind".
        let clause = (end..(end + 2).min(view.len()))
            .find(|&p| view.word(p) == "that")
            .or_else(|| charge_clause(lex, view, end))
            .map(|that| that + 1)
            .or_else(|| {
                let opens = matches!(view.word(end), "it" | "they" | "he" | "she" | "we")
                    && end + 1 < view.len()
                    && !view.is_punct(end + 1);
                opens.then_some(end)
            });
        let from = match (gerund, clause) {
            (Some(p), _) => p,
            (None, Some(from)) => from,
            (None, None) => continue,
        };
        let clause_end = (from..view.len())
            .find(|&j| view.is_hard_boundary(j) || view.is_comma(j))
            .unwrap_or(view.len());
        let next = (d + 1..matches.len())
            .filter(|&j| matches[j].start >= from && matches[j].start < clause_end)
            .min_by_key(|&j| matches[j].start);
        if let Some(j) = next {
            if gerund.is_none_or(|p| matches[j].start == p) {
                matches[j].absorbed = false;
            }
        }
    }
}

/// The charge of an accusation verb at `m` ("accused Somalia of shelling the town"): the
/// accused (the mentions between the verb and "of") and the gerunds charged, the one after
/// "of" and those coordinated with it ("of killing, looting and burning villages"), when
/// the object is named and the gerund is no name. A passive with no object ("was accused
/// of ...") is no charge here.
struct Charge {
    accused: Vec<usize>,
    gerunds: Vec<usize>,
}

fn charge_of(lex: &Lexicon, view: &SentenceView<'_>, m: &TriggerMatch) -> Option<Charge> {
    let entry = &lex.triggers[m.entry];
    if entry.event != EventType::Accuse || !entry.pos.is_verb() {
        return None;
    }
    // The "of" of the charge, past any "of" inside the accused's phrase ("the rebels of
    // Niger of shelling").
    let of = (m.end..(m.end + 8).min(view.len()))
        .take_while(|&j| !view.is_punct(j))
        .find(|&j| view.word(j) == "of" && is_gerund(view, j + 1))?;
    let gerund = of + 1;
    let mut accused: Vec<usize> = (m.end..of).filter_map(|j| view.mention_at[j]).collect();
    accused.dedup();
    if accused.is_empty() {
        return None;
    }
    let mut gerunds = vec![gerund];
    gerunds.extend(coordinated_gerunds(view, gerund));
    Some(Charge { accused, gerunds })
}

/// Whether token `j` is an "-ing" word that names no actor: a charged act's gerund.
fn is_gerund(view: &SentenceView<'_>, j: usize) -> bool {
    j < view.len() && view.word(j).ends_with("ing") && view.mention_at[j].is_none()
}

/// The gerunds coordinated with the one at `first` ("killing, maiming and looting",
/// "killing civilians and burning villages"): its conjuncts in the parse, and, where the
/// parse reads a list otherwise, each "-ing" word after "and" or "or" in the clause, or
/// after a comma right behind another charged gerund (not "killing civilians, calling for
/// an inquiry", the accuser's own act).
fn coordinated_gerunds(view: &SentenceView<'_>, first: usize) -> Vec<usize> {
    let gerund = |j: usize| is_gerund(view, j);
    let mut out: Vec<usize> = Vec::new();
    if let Some(doc) = view.doc {
        let mut frontier = vec![first];
        while let Some(g) = frontier.pop() {
            for c in doc.children_with(g, "conj").filter(|&c| gerund(c)) {
                out.push(c);
                frontier.push(c);
            }
        }
    }
    let mut last = first;
    for j in (first + 1..view.len()).take_while(|&j| !view.is_hard_boundary(j)) {
        let listed = match view.word(j - 1) {
            "and" | "or" => true,
            "," => j >= 2 && j - 2 == last,
            _ => false,
        };
        if gerund(j) && listed {
            last = j;
            if !out.contains(&j) {
                out.push(j);
            }
        }
    }
    out.sort_unstable();
    out
}

/// What an accusation charges is an event of its own (annotation: "X accused Y of
/// <event>" lists the ACCUSE and the event, Y its actor, alleged by X): the gerund
/// trigger the accusation's trigger-finding folded into it comes back.
pub(crate) fn release_charged_events(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    matches: &mut [TriggerMatch],
) {
    for a in 0..matches.len() {
        if matches[a].absorbed {
            continue;
        }
        let Some(charge) = charge_of(lex, view, &matches[a]) else {
            continue;
        };
        for g in matches
            .iter_mut()
            .filter(|g| charge.gerunds.contains(&g.start))
        {
            g.absorbed = false;
        }
    }
}

/// The parties of a charged event ([`release_charged_events`]).
pub(crate) struct ChargedParties {
    /// Its actor: the accused.
    pub accused: Vec<usize>,
    /// Who the charge rests on: the accusation verb's subject.
    pub accuser: Vec<usize>,
    /// The accusation's trigger, as written ("accused").
    pub cue: String,
}

impl ChargedParties {
    /// The charged event's attribution to its accuser, cued by the accusation's trigger;
    /// none when the accuser is unnamed.
    pub fn attribution(&self, view: &SentenceView<'_>, actors: &Actors) -> Vec<Attribution> {
        let refs = actor_refs(view, actors, &self.accuser);
        refs.first()
            .map(|r| Attribution {
                text: r.text.clone(),
                entity: r.entity.clone(),
                code: r.code.clone(),
                sector: r.sector.clone(),
                cue: self.cue.clone(),
                source_type: crate::attribution::ref_source_type(actors, r).map(str::to_string),
            })
            .into_iter()
            .collect()
    }
}

/// The parties of the charged event at `m`, if an accusation in `matches` charges it.
pub(crate) fn charged_parties(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    actors: &Actors,
    matches: &[TriggerMatch],
    m: &TriggerMatch,
) -> Option<ChargedParties> {
    matches.iter().find_map(|a| {
        let charge = charge_of(lex, view, a).filter(|c| c.gerunds.contains(&m.start))?;
        Some(ChargedParties {
            accused: charge.accused,
            accuser: subject_left(lex, view, actors, a.start),
            cue: view.slice(a.start, a.end).to_string(),
        })
    })
}

/// The denier who is the actor of the gerund a denial verb denies ("Russia denied
/// attacking ...": Russia attacked, by what is denied), for trigger `m`.
pub(crate) fn gerund_denier(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    actors: &Actors,
    matches: &[TriggerMatch],
    m: &TriggerMatch,
) -> Option<Vec<usize>> {
    let denial = matches
        .iter()
        .find(|d| is_denial_verb(lex, view, d) && denied_gerund(view, d) == Some(m.start))?;
    let subject = subject_left(lex, view, actors, denial.start);
    (!subject.is_empty()).then_some(subject)
}

/// The events a denial's own clause denies (`clause`, drafts after denial `d` in its
/// sentence), with the earlier reports of the same events in its paragraph: "Ukraine said
/// Russia attacked a hospital. Russia denied attacking the hospital." denies the reported
/// attack too (same type, a shared actor).
pub(crate) fn with_earlier_reports(drafts: &[Draft], d: usize, clause: Vec<usize>) -> Vec<usize> {
    let Some(denial) = drafts.get(d) else {
        return clause;
    };
    let mut out = clause.clone();
    for j in 0..d {
        let o = &drafts[j];
        let repeats = clause.iter().any(|&c| {
            let e = &drafts[c].event;
            e.event == o.event.event && !codes(&e.actor).is_disjoint(&codes(&o.event.actor))
        });
        if o.paragraph == denial.paragraph
            && o.event.sentence < denial.event.sentence
            && o.denial.is_none()
            && repeats
            && !out.contains(&j)
        {
            out.push(j);
        }
    }
    out
}

/// The mentions that follow a preposition at `from`: a list joined by commas and "and"
/// ("among South Korea, the US, and NATO").
fn listed_mentions(view: &SentenceView<'_>, from: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut j = from;
    while j < view.len() {
        if let Some(k) = view.mention_at[j] {
            if !out.contains(&k) {
                out.push(k);
            }
            j = view.mentions[k].2;
            continue;
        }
        let w = view.word(j);
        let joins = matches!(w, "," | "and" | "both" | "as" | "well" | "other")
            || is_determiner(w) && !matches!(w, "that" | "this" | "these" | "those");
        let ends = j + 1 >= view.len()
            || view.mention_at[j + 1].is_none() && !matches!(view.word(j + 1), "and" | "the");
        if !joins || (w == "," && ends) || w == "as" && !out.is_empty() && ends {
            break;
        }
        j += 1;
    }
    out
}

/// Concern and criticism that something draws from others: "X's move sparked concerns
/// among A, B and C" / "drew criticism from A" is an ACCUSE by A, B and C against X (one
/// event with the list as actor). With no actor in the subject ("These exchanges
/// sparked concerns ...") the target comes from the preceding sentences
/// ([`resolve_document`]). Trigger events inside the phrase ("criticism") give way.
pub(crate) fn concern_events(
    coder: &EventLexicon,
    view: &SentenceView<'_>,
    actors: &Actors,
    paragraph: usize,
    sources: &[Source],
    keyword_contexts: &[String],
    out: &mut Vec<Draft>,
) {
    // Most sentences name no concern at all: one pass over their words decides.
    let concern_named =
        (0..view.len()).any(|j| CONCERN_NOUNS.iter().any(|(w, _)| *w == view.word(j)));
    if !concern_named {
        return;
    }
    let n = view.len();
    for v in 0..n {
        let Some((_, preps)) = CAUSING_VERBS.iter().find(|(w, _)| *w == view.word(v)) else {
            continue;
        };
        // Up to three modifiers: "sparked serious international concern".
        let Some((c, cameo)) = concern_noun_after(view, v, 3) else {
            continue;
        };
        if c + 1 >= n || !preps.contains(&view.word(c + 1)) {
            continue;
        }
        let experiencers = listed_mentions(view, c + 2);
        let actor = actor_refs(view, actors, &experiencers);
        if actor.is_empty() {
            continue;
        }
        let target = cause_actors(view, actors, v);
        let target = without_codes_of(target, &actor);
        out.retain(|d| !(d.event.sentence == view.index && d.token >= v && d.token <= c));
        out.push(concern_draft(
            coder,
            view,
            sources,
            keyword_contexts,
            paragraph,
            ConcernPhrase {
                cameo,
                verb: v,
                noun: c,
            },
            (actor, target),
        ));
    }
    expressed_concern_events(
        coder,
        view,
        actors,
        paragraph,
        sources,
        keyword_contexts,
        out,
    );
}

/// Verbs by which someone states its own concern ("voiced alarm at", "expressed dismay
/// over").
const EXPRESSING_VERBS: &[&str] = &[
    "express",
    "expressed",
    "expresses",
    "expressing",
    "voice",
    "voiced",
    "voices",
    "voicing",
    "register",
    "registered",
    "registers",
    "convey",
    "conveyed",
    "conveys",
];

/// Prepositions that introduce what a concern is about.
const CONCERN_PREPS: &[&str] = &[
    "over",
    "about",
    "at",
    "regarding",
    "on",
    "concerning",
    "with",
];

/// What a concern is about, read after its noun (local token `after`): "over Iran's
/// programme" names an actor (its mentions are returned as such), "over the fighting in
/// Sudan" only a place, whose country is the target when the sentence names no actor for
/// it. `None` when no preposition of concern follows or the phrase names neither.
fn concern_object(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    actors: &Actors,
    after: usize,
) -> Option<Vec<ActorRef>> {
    if after >= view.len() || !CONCERN_PREPS.contains(&view.word(after)) {
        return None;
    }
    let mut j = after + 1;
    while j < view.len() && j <= after + 12 {
        if view.is_punct(j) || CLAUSE_OPENERS.contains(&view.word(j)) {
            return None;
        }
        if let Some(k) = view.mention_at[j] {
            let (m, ms, _) = view.mentions[k];
            if !crate::arguments::is_place_use(view, ms) {
                let mut group = vec![k];
                extend_left(view, &mut group);
                let refs = actor_refs(view, actors, &group);
                return (!refs.is_empty()).then_some(refs);
            }
            let code = actors
                .entities
                .get(m.entity)?
                .code
                .clone()
                .filter(|c| lex.is_country(c))?;
            return Some(vec![ActorRef {
                implicit: false,
                entity: None,
                text: view.slice(ms, view.mentions[k].2).to_string(),
                code: Some(code),
                sector: None,
            }]);
        }
        j += 1;
    }
    None
}

/// The concern or criticism noun after the verb at `v`, with at most `modifiers` words
/// between them and no actor or punctuation there ("sparked serious international
/// concern"), and the CAMEO code it gives.
fn concern_noun_after(
    view: &SentenceView<'_>,
    v: usize,
    modifiers: usize,
) -> Option<(usize, &'static str)> {
    let end = (v + 2 + modifiers).min(view.len());
    let (c, cameo) = (v + 1..end).find_map(|c| {
        CONCERN_NOUNS
            .iter()
            .find(|(w, _)| *w == view.word(c))
            .map(|(_, code)| (c, *code))
    })?;
    let clear = !(v + 1..c).any(|j| view.mention_at[j].is_some() || view.is_punct(j));
    clear.then_some((c, cameo))
}

/// `refs` without the parties that carry one of `own`'s codes: who voices concern is not
/// its target.
fn without_codes_of(refs: Vec<ActorRef>, own: &[ActorRef]) -> Vec<ActorRef> {
    let own = codes(own);
    refs.into_iter()
        .filter(|r| r.code.as_ref().is_none_or(|x| !own.contains(x)))
        .collect()
}

/// Where a concern or criticism phrase stands: its verb ("expressed", "sparked") and noun
/// ("concern") tokens, and the CAMEO code the noun gives.
struct ConcernPhrase<'c> {
    cameo: &'c str,
    verb: usize,
    noun: usize,
}

/// The ACCUSE a concern or criticism phrase makes between `parties` (actors, recipients),
/// with the sources that cover it and the status they give.
fn concern_draft(
    coder: &EventLexicon,
    view: &SentenceView<'_>,
    sources: &[Source],
    keyword_contexts: &[String],
    paragraph: usize,
    phrase: ConcernPhrase<'_>,
    (actor, recipient): (Vec<ActorRef>, Vec<ActorRef>),
) -> Draft {
    let v = phrase.verb;
    let mut event = coder.blank_event(view, EventType::Accuse, phrase.cameo, v, phrase.noun + 1);
    event.contexts = crate::contexts::merge_contexts(&event.contexts, keyword_contexts);
    event.actor = actor;
    event.recipient = recipient;
    let covering: Vec<&Source> = sources
        .iter()
        .filter(|s| s.scope.0 <= v && v < s.scope.1)
        .collect();
    (event.attribution, event.status) = crate::attribution::sourced_status(&covering);
    Draft::new(event, paragraph, v)
}

/// "France voiced alarm at the violence in Gaza", "Egypt expressed dismay over Israel's
/// raid": an ACCUSE (concern 110, criticism 111) by the subject against what the phrase
/// after the noun names, where no trigger already codes the phrase.
fn expressed_concern_events(
    coder: &EventLexicon,
    view: &SentenceView<'_>,
    actors: &Actors,
    paragraph: usize,
    sources: &[Source],
    keyword_contexts: &[String],
    out: &mut Vec<Draft>,
) {
    let lex = &*coder.lexicon;
    let n = view.len();
    for v in 0..n {
        if !EXPRESSING_VERBS.contains(&view.word(v)) {
            continue;
        }
        let Some((c, cameo)) = concern_noun_after(view, v, 2) else {
            continue;
        };
        let coded = out
            .iter()
            .any(|d| d.event.sentence == view.index && d.token >= v && d.token <= c);
        if coded {
            continue;
        }
        let subject = subject_left(lex, view, actors, v);
        let actor = actor_refs(view, actors, &subject);
        if codes(&actor).is_empty() {
            continue;
        }
        let recipient = without_codes_of(
            concern_object(lex, view, actors, c + 1).unwrap_or_default(),
            &actor,
        );
        out.push(concern_draft(
            coder,
            view,
            sources,
            keyword_contexts,
            paragraph,
            ConcernPhrase {
                cameo,
                verb: v,
                noun: c,
            },
            (actor, recipient),
        ));
    }
}

/// Concern or criticism whose trigger found no target ("Japan expressed concern over the
/// fighting in Sudan"): the country of the place the phrase after it names.
fn concern_place_targets(lex: &Lexicon, input: &CodingInput<'_>, drafts: &mut [Draft]) {
    for d in drafts.iter_mut() {
        let e = &d.event;
        if e.event != EventType::Accuse
            || !e.recipient.is_empty()
            || !matches!(e.cameo.as_str(), "110" | "111")
            || e.sentence >= input.layer().sentences.len()
        {
            continue;
        }
        let view = SentenceView::new(input.text, input.layer(), input.actors, e.sentence);
        let Some(end) = view.spans.iter().position(|&(_, b)| b == e.trigger.end) else {
            continue;
        };
        let own = codes(&e.actor);
        let Some(target) = concern_object(lex, &view, input.actors, end + 1) else {
            continue;
        };
        let target: Vec<ActorRef> = target
            .into_iter()
            .filter(|r| r.entity.is_none() && r.code.as_ref().is_some_and(|c| !own.contains(c)))
            .collect();
        d.event.recipient = target;
    }
}

/// The actors of the subject that draws concern at verb `v`: its main subject ("Israel's
/// offensive"), else an actor in an of- or by-phrase of the subject ("the deployment of
/// North Korean troops"); empty when the subject names none.
fn cause_actors(view: &SentenceView<'_>, actors: &Actors, v: usize) -> Vec<ActorRef> {
    let start = crate::modality::clause_start(view, v);
    let subject: Vec<usize> = main_subject(view, actors, v)
        .into_iter()
        .filter(|&k| view.mentions[k].1 >= start)
        .collect();
    if !subject.is_empty() {
        return actor_refs(view, actors, &subject);
    }
    let of_phrase = (start..v).find_map(|j| {
        let k = view.mention_at[j]?;
        let ms = view.mentions[k].1;
        (ms > 0 && matches!(view.word(ms - 1), "of" | "by")).then_some(k)
    });
    of_phrase
        .map(|k| actor_refs(view, actors, &[k]))
        .unwrap_or_default()
}

/// Paragraph index of every sentence, from the sentence documents.
fn paragraphs(input: &CodingInput<'_>) -> Vec<usize> {
    input.doc.sentences.iter().map(|s| s.paragraph).collect()
}

/// Byte spans of the document's quotations (from the sentence documents), outer quote
/// marks included.
fn quotations(input: &CodingInput<'_>) -> Vec<(usize, usize)> {
    let tokens = &input.layer().tokens;
    input
        .doc
        .quotes
        .iter()
        .filter_map(|q| {
            let open = tokens.get(q.start.checked_sub(1)?)?;
            let close = tokens.get(q.end)?;
            Some((open.start, close.end))
        })
        .collect()
}

/// The sources of each sentence of a document, found once: the sentence coder stores
/// what it found, the document-level passes ([`resolve_document`]) read them back and find
/// those of the sentences the coder skipped (no actor mentioned) on first use.
pub(crate) struct SourceCache {
    sentences: Vec<Option<Vec<Source>>>,
}

impl SourceCache {
    /// An empty cache for a document of `sentences` sentences.
    pub(crate) fn new(sentences: usize) -> SourceCache {
        SourceCache {
            sentences: vec![None; sentences],
        }
    }

    /// Stores the sources found for sentence `s`.
    pub(crate) fn insert(&mut self, s: usize, sources: Vec<Source>) {
        if let Some(slot) = self.sentences.get_mut(s) {
            *slot = Some(sources);
        }
    }

    /// The sources the coder stored for sentence `s`: none for a sentence it skipped,
    /// which mentions no actor and so has no named source.
    fn stored(&self, s: usize) -> &[Source] {
        self.sentences
            .get(s)
            .and_then(Option::as_deref)
            .unwrap_or(&[])
    }

    /// The sources of sentence `s`, found now if nobody has yet.
    fn get(&mut self, lex: &Lexicon, input: &CodingInput<'_>, s: usize) -> &[Source] {
        if s >= self.sentences.len() || s >= input.layer().sentences.len() {
            return &[];
        }
        let slot = &mut self.sentences[s];
        slot.get_or_insert_with(|| {
            let view = SentenceView::new(input.text, input.layer(), input.actors, s);
            find_sources(lex, &view, input.actors)
        })
    }
}

/// The speaker of a quotation: a speaking source whose cue stands just outside it, after
/// the closing mark in the quote's last sentence ("...,” Kim said") or before the opening
/// mark in its first sentence ("Kim said: “...").
fn quote_speaker<'a>(
    lex: &Lexicon,
    input: &CodingInput<'a>,
    (qs, qe): (usize, usize),
    cache: &mut SourceCache,
) -> Option<Vec<Attribution>> {
    let layer = input.layer();
    let first = layer.sentence_at(qs)?;
    let last = layer.sentence_at(qe.saturating_sub(1))?;
    let mut candidates = vec![last];
    if first != last {
        candidates.push(first);
    }
    for s in candidates {
        let sources = cache.get(lex, input, s);
        if !sources.iter().any(|src| src.speech) {
            continue;
        }
        let view = SentenceView::new(input.text, layer, input.actors, s);
        let found = sources.iter().find(|src| {
            if !src.speech {
                return false;
            }
            let (cs, ce) = view.byte_span(src.cue_tokens.0, src.cue_tokens.1);
            let after = cs >= qe
                && input
                    .text
                    .get(qe..cs)
                    .is_some_and(|gap| gap.len() <= 60 && !gap.contains(['.', '“', '"']));
            let before = ce <= qs
                && input
                    .text
                    .get(ce..qs)
                    .is_some_and(|gap| gap.len() <= 30 && !gap.contains(['.', '”', '"']));
            after || before
        });
        if let Some(src) = found {
            let attribution = src.attribution();
            if !attribution.is_empty() {
                return Some(attribution);
            }
        }
    }
    None
}

/// Pronouns that stand for a source.
fn is_pronoun(word: &str) -> bool {
    matches!(word, "he" | "she" | "it" | "they" | "we")
}

/// Whether a pronoun can stand for an entity of `kind`: "he"/"she" for people, "it" for
/// anything else, "they"/"we" for anything.
fn pronoun_fits(pronoun: &str, kind: dyad_model::EntityType) -> bool {
    let person = kind == dyad_model::EntityType::Person;
    match pronoun {
        "he" | "she" => person,
        "it" => !person,
        "they" | "we" => true,
        _ => false,
    }
}

/// Whether an unresolved source phrase continues `antecedent`: a pronoun, or a definite
/// description whose head word the antecedent's words hold ("the minister" after
/// "Ukraine's foreign minister") or its role does ("the president" after "Zelensky",
/// `role` "president").
fn continues(text: &str, antecedent: &Attribution, role: Option<&str>) -> bool {
    let words: Vec<String> = text
        .split_whitespace()
        .map(dyad_text::normalize::fold)
        .collect();
    match words.as_slice() {
        [w] if is_pronoun(w) => true,
        [first, .., head]
            if matches!(first.as_str(), "the" | "this" | "that") && words.len() <= 4 =>
        {
            let head = head.trim_end_matches('s');
            let before: Vec<String> = antecedent
                .text
                .split_whitespace()
                .chain(role.unwrap_or("").split_whitespace())
                .map(dyad_text::normalize::fold)
                .collect();
            !head.is_empty() && before.iter().any(|b| b.trim_end_matches('s') == head)
        }
        _ => false,
    }
}

/// The last source naming an actor in sentences `from..to` (latest first).
fn last_named_source(
    sentences: impl Iterator<Item = usize>,
    cache: &SourceCache,
) -> Option<Attribution> {
    for s in sentences {
        let sources = cache.stored(s);
        let named = sources
            .iter()
            .filter(|src| !src.refs.is_empty())
            .max_by_key(|src| src.cue_tokens.0);
        if let Some(src) = named {
            if let Some(a) = src.attribution().into_iter().next() {
                return Some(a);
            }
        }
    }
    None
}

/// How many sentences back (in its paragraph) an unnamed source looks for the named one
/// it continues: a paragraph of thousands of sentences must not be re-read for each.
const CONTINUATION_SENTENCES: usize = 12;

/// Document-level claims: speakers of multi-sentence quotes, speaker continuation, and the
/// targets of concern whose cause an anaphor names.
pub(crate) fn resolve_document(
    lex: &Lexicon,
    input: &CodingInput<'_>,
    drafts: &mut [Draft],
    sources: &mut SourceCache,
) {
    let para = paragraphs(input);
    expand_groups(input.actors, drafts);
    // "Iran denied that it was behind ...": the denier named again in the clause it
    // denies is not the denial's target.
    for d in drafts.iter_mut() {
        if d.denial == Some(crate::DenialScope::Forward) {
            let own = codes(&d.event.actor);
            d.event
                .recipient
                .retain(|r| r.code.as_ref().is_none_or(|c| !own.contains(c)));
        }
    }
    // Quotes: every event inside a quotation gets its speaker; a quotation without a tag
    // of its own that follows a tagged one in the next sentence of the paragraph
    // continues its speaker ("“We will respond,” Putin said. “They attacked us.”").
    let mut previous: Option<(usize, Vec<Attribution>)> = None;
    for q in quotations(input) {
        let first = input.layer().sentence_at(q.0);
        let last = input.layer().sentence_at(q.1.saturating_sub(1));
        let speaker = quote_speaker(lex, input, q, sources).or_else(|| {
            let (s, a) = previous.as_ref()?;
            let f = first?;
            let same_paragraph = para.get(*s) == para.get(f);
            (same_paragraph && f <= s + 1).then(|| a.clone())
        });
        previous = speaker.clone().zip(last).map(|(a, l)| (l, a));
        let Some(attribution) = speaker else {
            continue;
        };
        for d in drafts.iter_mut() {
            let t = &d.event.trigger;
            if t.start >= q.0 && t.end <= q.1 && d.event.attribution.is_empty() && !d.judgement {
                // "“We will help.”": the speaker is who says "we".
                if d.speaker_subject && d.event.actor.is_empty() {
                    d.event.actor = attribution
                        .iter()
                        .filter(|a| a.code.is_some())
                        .map(crate::attribution::party)
                        .collect();
                }
                d.event.attribution = attribution.clone();
                if d.event.status == Status::Asserted {
                    d.event.status = Status::Reported;
                }
            }
        }
    }
    extend_opening_sources(lex, input, drafts, sources, &para);
    // Speaker continuation.
    for d in drafts.iter_mut() {
        let sentence = d.event.sentence;
        for a in d.event.attribution.iter_mut() {
            let folded = dyad_text::normalize::fold(&a.text);
            if let Some(entity) = a.entity.as_ref().filter(|_| a.code.is_some()) {
                // "He added": the coreference already knows who; say so.
                let entity = input.actors.entities.iter().find(|e| &e.id == entity);
                if let Some(e) = entity.filter(|e| pronoun_fits(&folded, e.kind)) {
                    a.text = e.name.clone();
                }
                continue;
            }
            if a.code.is_some() {
                continue;
            }
            // An uncoded source ("the ministry") may still continue a coded one.
            let p = para.get(sentence).copied().unwrap_or(0);
            let earlier = (0..sentence)
                .rev()
                .take_while(|&s| para.get(s).copied() == Some(p))
                .take(CONTINUATION_SENTENCES);
            let Some(antecedent) = last_named_source(earlier, sources) else {
                continue;
            };
            let role = antecedent.entity.as_ref().and_then(|id| {
                let e = input.actors.entities.iter().find(|e| &e.id == id)?;
                e.role.as_deref()
            });
            if continues(&a.text, &antecedent, role) {
                let cue = std::mem::take(&mut a.cue);
                *a = Attribution { cue, ..antecedent };
            }
        }
    }
    // Concern whose cause an anaphor names: "These exchanges have sparked concerns ...".
    for i in 0..drafts.len() {
        let d = &drafts[i];
        if d.event.event != EventType::Accuse
            || !d.event.recipient.is_empty()
            || !matches!(d.event.cameo.as_str(), "110" | "111")
        {
            continue;
        }
        let s = d.event.sentence;
        if s >= input.layer().sentences.len() {
            continue;
        }
        let view = SentenceView::new(input.text, input.layer(), input.actors, s);
        let Some(reciprocal) = anaphoric_cause(&view, d.token) else {
            continue;
        };
        let p = d.paragraph;
        let own = codes(&d.event.actor);
        let before = (0..i)
            .filter(|&j| {
                let e = &drafts[j].event;
                e.sentence < s
                    && (drafts[j].paragraph == p || drafts[j].paragraph + 1 == p)
                    && !matches!(e.event, EventType::Reject | EventType::Accuse)
                    && !e.actor.is_empty()
            })
            .max_by_key(|&j| (drafts[j].paragraph, drafts[j].event.sentence));
        let Some(j) = before else { continue };
        let nearest = drafts[j].event.sentence;
        let causes: Vec<usize> = (0..i)
            .filter(|&k| {
                let e = &drafts[k].event;
                e.sentence == nearest && !matches!(e.event, EventType::Reject | EventType::Accuse)
            })
            .collect();
        let mut target: Vec<ActorRef> = Vec::new();
        for &k in &causes {
            let e = &drafts[k].event;
            let sides = if reciprocal {
                e.actor.iter().chain(&e.recipient).collect::<Vec<_>>()
            } else {
                e.actor.iter().collect()
            };
            for r in sides {
                let code = r.code.clone().unwrap_or_default();
                if own.contains(&code) || target.iter().any(|t| t.code == r.code) {
                    continue;
                }
                target.push(r.clone());
            }
        }
        if !target.is_empty() {
            drafts[i].event.recipient = target;
            // Draft indices; `finish` turns them into event ids.
            drafts[i].event.links = causes.iter().map(usize::to_string).collect();
        }
    }
    concern_place_targets(lex, input, drafts);
    named_event_recipients(input, drafts, &para);
    link_claims(lex, drafts);
}

/// Nouns naming an event told before, with the type of that event: "welcomed the talks"
/// is about the meeting the article has reported.
const NAMED_EVENT_NOUNS: &[(&str, EventType)] = &[
    ("talks", EventType::Consult),
    ("meeting", EventType::Consult),
    ("meetings", EventType::Consult),
    ("negotiations", EventType::Consult),
    ("summit", EventType::Consult),
    ("dialogue", EventType::Consult),
    ("consultations", EventType::Consult),
    ("visit", EventType::Consult),
    ("discussions", EventType::Consult),
    ("agreement", EventType::Agree),
    ("deal", EventType::Agree),
    ("accord", EventType::Agree),
    ("pact", EventType::Agree),
    ("treaty", EventType::Agree),
    ("ceasefire", EventType::Agree),
    ("truce", EventType::Agree),
];

/// Words between a verb and the noun of an event told before ("welcomed the latest round
/// of talks", "praised this week's agreement").
fn before_named_event(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "this"
            | "these"
            | "that"
            | "those"
            | "their"
            | "its"
            | "recent"
            | "latest"
            | "new"
            | "ongoing"
            | "planned"
            | "historic"
            | "round"
            | "of"
            | "week"
            | "weekend"
            | "'s"
            | "’s"
            | "direct"
            | "peace"
            | "bilateral"
    )
}

/// Support (or criticism, rejection) of an event the article told before, with no one
/// named: "Egypt and Ethiopia held talks in Cairo. Sudan welcomed the talks." — the
/// recipients are the participants of that event (the latest of its type earlier in the
/// paragraph, or in the sentence before the trigger), without the actor itself.
fn named_event_recipients(input: &CodingInput<'_>, drafts: &mut [Draft], para: &[usize]) {
    for i in 0..drafts.len() {
        let e = &drafts[i].event;
        if !matches!(
            e.event,
            EventType::Support | EventType::Accuse | EventType::Reject
        ) || !e.recipient.is_empty()
            || drafts[i].denial.is_some()
            || e.actor.is_empty()
            || e.sentence >= input.layer().sentences.len()
        {
            continue;
        }
        // Cheap test first: a noun of a told event within the next few words.
        let after = input
            .text
            .get(e.trigger.end..)
            .unwrap_or("")
            .split_whitespace()
            .take(8)
            .map(dyad_text::normalize::fold)
            .any(|w| {
                let w = w.trim_end_matches(|c: char| !c.is_alphanumeric());
                NAMED_EVENT_NOUNS.iter().any(|(n, _)| *n == w)
            });
        if !after {
            continue;
        }
        let view = SentenceView::new(input.text, input.layer(), input.actors, e.sentence);
        let Some(end) = view.spans.iter().position(|&(_, b)| b == e.trigger.end) else {
            continue;
        };
        let mut j = end + 1;
        while j < view.len() && j <= end + 6 && before_named_event(view.word(j)) {
            j += 1;
        }
        let Some(wanted) = NAMED_EVENT_NOUNS
            .iter()
            .find(|(w, _)| j > end + 1 && j < view.len() && *w == view.word(j))
            .map(|(_, t)| *t)
        else {
            continue;
        };
        // "welcomed the talks between Egypt and Ethiopia": the phrase names its own.
        let named_here = (j + 1..view.len())
            .take_while(|&t| !view.is_punct(t) && !CLAUSE_OPENERS.contains(&view.word(t)))
            .any(|t| view.mention_at[t].is_some());
        if named_here {
            continue;
        }
        let sentence = e.sentence;
        let paragraph = para.get(sentence).copied();
        let token = drafts[i].token;
        let told = (0..drafts.len())
            .filter(|&k| {
                let o = &drafts[k].event;
                k != i
                    && o.event == wanted
                    && para.get(o.sentence).copied() == paragraph
                    && (o.sentence < sentence || o.sentence == sentence && drafts[k].token < token)
            })
            .max_by_key(|&k| (drafts[k].event.sentence, drafts[k].token));
        let Some(k) = told else { continue };
        let own = codes(&drafts[i].event.actor);
        let mut recipients: Vec<ActorRef> = Vec::new();
        let told = &drafts[k].event;
        for r in told.actor.iter().chain(&told.recipient) {
            let Some(code) = r.code.as_ref() else {
                continue;
            };
            if own.contains(code) || recipients.iter().any(|x| x.code == r.code) {
                continue;
            }
            recipients.push(r.clone());
        }
        drafts[i].event.recipient = recipients;
    }
}

/// A participant that stands for a group of several actors ("Obama and Putin said they
/// will attack Iraq": "they" is the pair) is those actors, each with its own code, as a
/// plural reference is.
fn expand_groups(actors: &Actors, drafts: &mut [Draft]) {
    let groups: std::collections::HashMap<&str, &dyad_model::Entity> = actors
        .entities
        .iter()
        .filter(|e| e.members.len() >= 2)
        .map(|e| (e.id.as_str(), e))
        .collect();
    if groups.is_empty() {
        return;
    }
    let members_of = |r: &ActorRef| -> Option<Vec<ActorRef>> {
        let id = r.entity.as_ref().filter(|_| r.code.is_none())?;
        let entity = groups.get(id.as_str())?;
        let members: Vec<ActorRef> = entity
            .members
            .iter()
            .filter_map(|m| actors.entities.iter().find(|e| &e.id == m))
            .map(|m| ActorRef {
                implicit: false,
                entity: Some(m.id.clone()),
                text: m.name.clone(),
                code: m.code.clone(),
                sector: m.sector.clone(),
            })
            .collect();
        (members.len() >= 2).then_some(members)
    };
    let expand = |refs: &mut Vec<ActorRef>| {
        if !refs.iter().any(|r| members_of(r).is_some()) {
            return;
        }
        let mut out: Vec<ActorRef> = Vec::with_capacity(refs.len() + 2);
        for r in refs.drain(..) {
            for x in members_of(&r).unwrap_or_else(|| vec![r]) {
                if !out
                    .iter()
                    .any(|o| o.entity.is_some() && o.entity == x.entity)
                {
                    out.push(x);
                }
            }
        }
        *refs = out;
    };
    for d in drafts.iter_mut() {
        expand(&mut d.event.actor);
        expand(&mut d.event.recipient);
    }
}

/// A source that opens a sentence and vouches for the rest of it: "According to X, ..."
/// anywhere in a paragraph; "X said ..." only as the paragraph's second sentence (the
/// usual news lead: "A met B on Friday. B's ministry said the two ...").
fn opening_source(src: &Source, sentence_in_paragraph: usize) -> bool {
    let according = !src.speech && src.cue_tokens.0 == 0;
    let speech = src.speech && src.phrase.0 == 0 && sentence_in_paragraph == 1;
    !src.hedged && (according || speech) && src.scope.1 > src.cue_tokens.1
}

/// Backward reach of an opening source: a sentence-initial "According to X," (or a
/// paragraph's second sentence opening with "X said") also vouches for the unattributed
/// events of the earlier sentences of its paragraph that share a participant (actor or
/// recipient code) with an event it covers: "Kim met Belousov in Pyongyang. According to
/// state media, Kim expressed support for Russia" — the meeting too is state media's
/// report. The reach runs back sentence by sentence and stops at a sentence with a
/// source of its own, at one with no event sharing a participant, and at the paragraph's
/// start; it never makes a status other than `asserted` into `reported`.
fn extend_opening_sources(
    lex: &Lexicon,
    input: &CodingInput<'_>,
    drafts: &mut [Draft],
    sources: &mut SourceCache,
    para: &[usize],
) {
    for s in 1..input.layer().sentences.len() {
        let p = para.get(s).copied();
        let first_of_paragraph = (0..s)
            .rev()
            .take_while(|&t| para.get(t).copied() == p)
            .count();
        if first_of_paragraph == 0 {
            continue;
        }
        let opening: Vec<Vec<Attribution>> = sources
            .stored(s)
            .iter()
            .filter(|src| opening_source(src, first_of_paragraph))
            .map(Source::attribution)
            .filter(|a| !a.is_empty())
            .collect();
        let Some(attribution) = opening.into_iter().next() else {
            continue;
        };
        // The participants of the events this source covers.
        let mut participants: BTreeSet<String> = drafts
            .iter()
            .filter(|d| d.event.sentence == s && d.event.attribution == attribution)
            .flat_map(|d| {
                codes(&d.event.actor)
                    .into_iter()
                    .chain(codes(&d.event.recipient))
            })
            .collect();
        if participants.is_empty() {
            continue;
        }
        for t in (0..s).rev().take(first_of_paragraph) {
            if !sources.get(lex, input, t).is_empty() {
                break;
            }
            let mut reached: BTreeSet<String> = BTreeSet::new();
            for d in drafts.iter_mut().filter(|d| d.event.sentence == t) {
                let own: BTreeSet<String> = codes(&d.event.actor)
                    .into_iter()
                    .chain(codes(&d.event.recipient))
                    .collect();
                if d.event.status != Status::Asserted
                    || !d.event.attribution.is_empty()
                    || own.is_disjoint(&participants)
                {
                    continue;
                }
                d.event.status = Status::Reported;
                d.event.attribution = attribution.clone();
                reached.extend(own);
            }
            if reached.is_empty() {
                break;
            }
            participants.extend(reached);
        }
    }
}

/// Links of the accusations claims imply: "X said Y attacked Z" (ACCUSE X→Y) links the
/// attack X reports; "A's strike drew criticism from B" links the strike.
fn link_claims(lex: &Lexicon, drafts: &mut [Draft]) {
    // The drafts of each sentence, in order: only those can be linked (a document of
    // thousands of accusations must not compare each with every draft).
    let mut by_sentence: std::collections::HashMap<usize, Vec<usize>> = Default::default();
    for (j, d) in drafts.iter().enumerate() {
        by_sentence.entry(d.event.sentence).or_default().push(j);
    }
    for i in 0..drafts.len() {
        let e = &drafts[i].event;
        if e.event != EventType::Accuse || !e.links.is_empty() {
            continue;
        }
        let (sentence, token) = (e.sentence, drafts[i].token);
        let cue = e.trigger.text.clone();
        let implied = lex
            .cues
            .report
            .contains_key(&dyad_text::normalize::fold(&cue));
        let concern = CAUSING_VERBS.iter().any(|(w, _)| {
            e.trigger
                .text
                .split_whitespace()
                .next()
                .is_some_and(|f| dyad_text::normalize::fold(f) == *w)
        });
        let accused = codes(&e.recipient);
        let same_sentence = by_sentence.get(&sentence).map_or(&[][..], Vec::as_slice);
        let links: Vec<usize> = same_sentence
            .iter()
            .copied()
            .filter(|&j| {
                let o = &drafts[j].event;
                if j == i
                    || o.sentence != sentence
                    || matches!(o.event, EventType::Accuse | EventType::Reject)
                {
                    return false;
                }
                if implied {
                    o.attribution.iter().any(|a| a.cue == cue)
                } else {
                    concern
                        && drafts[j].token < token
                        && !codes(&o.actor).is_empty()
                        && codes(&o.actor).is_subset(&accused)
                }
            })
            .collect();
        drafts[i].event.links = links.iter().map(usize::to_string).collect();
    }
}

/// For an ACCUSE of concern or criticism at token `at`: whether what it is about is named
/// by an anaphor — the subject of "sparked concerns" ("These exchanges", "The move",
/// "This") or the object of "condemned" ("condemned the attack") — and, if so, whether
/// that anaphor names something two sides do ("exchanges").
fn anaphoric_cause(view: &SentenceView<'_>, at: usize) -> Option<bool> {
    let start = crate::modality::clause_start(view, at);
    let reciprocal = |from: usize, to: usize| {
        (from..to.min(view.len())).any(|j| RECIPROCAL_NOUNS.contains(&view.word(j)))
    };
    if CAUSING_VERBS.iter().any(|(w, _)| *w == view.word(at)) {
        // The subject: anaphoric words without any actor before the verb.
        let subject = (start..at).find(|&j| !matches!(view.word(j), "," | "and" | "but"))?;
        let no_actor = (start..at).all(|j| view.mention_at[j].is_none());
        return (no_actor && ANAPHORS.contains(&view.word(subject)))
            .then(|| reciprocal(subject, at));
    }
    // "condemned the attack", "criticized these moves": an anaphor after the trigger (or
    // after its preposition), and no actor in the rest of the clause.
    let mut j = at + 1;
    while j < view.len() && matches!(view.word(j), "of" | "over" | "about" | "at" | "for") {
        j += 1;
    }
    let w = view.word(j);
    let anaphor = matches!(w, "this" | "these" | "those" | "such" | "it" | "them")
        || w == "the" && j + 1 < view.len() && EVENT_NOUNS.contains(&view.word(j + 1));
    if j >= view.len() || !anaphor {
        return None;
    }
    let mut end = j + 1;
    while end < view.len() && !view.is_punct(end) && !CLAUSE_OPENERS.contains(&view.word(end)) {
        if view.mention_at[end].is_some() {
            return None;
        }
        end += 1;
    }
    Some(reciprocal(j, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::tests::{code_with, summary, toy_actors};
    use dyad_model::Event;

    fn code(text: &str) -> Vec<Event> {
        let lex = crate::tests::lexicon();
        let layer = dyad_text::analyze(text);
        let actors = toy_actors(text, &layer);
        code_with(&lex, text, &actors)
    }

    #[test]
    fn instigated_events_accuse_the_instigator() {
        let e = code("Iran said Israel pushed Azerbaijan to attack Armenia.");
        let s: Vec<String> = e.iter().map(summary).collect();
        assert!(s.contains(&"ASSAULT AZE>ARM reported".to_string()), "{s:?}");
        assert!(s.contains(&"ACCUSE IRA>ISR asserted".to_string()), "{s:?}");
        let accusation = e
            .iter()
            .find(|x| x.event == EventType::Accuse)
            .expect("ACCUSE");
        let attack = e
            .iter()
            .find(|x| x.event == EventType::Assault)
            .expect("ASSAULT");
        assert_eq!(accusation.links, vec![attack.id.clone()]);
    }

    #[test]
    fn concern_is_an_accusation_by_those_concerned() {
        let e =
            code("Chile sent troops to Peru. The move sparked concerns among Bolivia and Ecuador.");
        let s: Vec<String> = e.iter().map(summary).collect();
        assert!(
            s.contains(&"ACCUSE BOL+ECU>CHI asserted".to_string()),
            "{s:?}"
        );
        let e = code("Chile's offensive drew criticism from Bolivia.");
        let concern = e.iter().find(|x| x.cameo == "111").expect("criticism");
        assert_eq!(summary(concern), "ACCUSE BOL>CHI asserted");
    }

    #[test]
    fn a_denied_gerund_is_the_deniers_denied_event() {
        let e = code("Chile denied attacking Peru.");
        let s: Vec<String> = e.iter().map(summary).collect();
        assert!(s.contains(&"ASSAULT CHI>PER denied".to_string()), "{s:?}");
        let denial = e.iter().find(|x| x.cameo == "016").expect("a denial");
        let attack = e
            .iter()
            .find(|x| x.event == EventType::Assault)
            .expect("ASSAULT");
        assert_eq!(denial.links, vec![attack.id.clone()]);
        assert_eq!(attack.denied_by[0].code.as_deref(), Some("CHI"));
        // Not every "-ing" after a verb is denied.
        let e = code("Chile continued attacking Peru.");
        assert!(e.iter().all(|x| x.status != Status::Denied), "{e:?}");
    }

    #[test]
    fn a_denied_clause_also_denies_its_earlier_report() {
        let e = code("Bolivia said Chile attacked Peru. Chile denied attacking Peru.");
        let attacks: Vec<&Event> = e.iter().filter(|x| x.event == EventType::Assault).collect();
        assert!(!attacks.is_empty());
        assert!(
            attacks.iter().all(|a| a.status == Status::Denied),
            "{:?}",
            e.iter().map(summary).collect::<Vec<_>>()
        );
        let denial = e.iter().find(|x| x.cameo == "016").expect("a denial");
        assert!(attacks.iter().all(|a| denial.links.contains(&a.id)));
    }

    #[test]
    fn a_charge_with_its_clause_is_denied_not_a_source() {
        let e = code("Chile rejected claims that Chile attacked Peru.");
        let attack = e
            .iter()
            .find(|x| x.event == EventType::Assault)
            .expect("ASSAULT");
        assert_eq!(attack.status, Status::Denied);
        assert!(attack.attribution.is_empty(), "{attack:?}");
        let view_text = "the reports that";
        let layer = dyad_text::analyze(view_text);
        let actors = toy_actors(view_text, &layer);
        let view = SentenceView::new(view_text, &layer, &actors, 0);
        let lex = crate::tests::lexicon();
        let lex = lex.lexicon();
        assert_eq!(charge_clause(lex, &view, 0), Some(2));
        assert_eq!(charge_clause(lex, &view, 2), None);
    }

    #[test]
    fn concern_about_a_place_targets_its_country() {
        let e = code("Chile voiced alarm at the violence in Peru.");
        let s: Vec<String> = e.iter().map(summary).collect();
        assert_eq!(s, vec!["ACCUSE CHI>PER asserted".to_string()]);
        // One's own country is no target.
        let e = code("Chile voiced alarm at the violence in Chile.");
        assert_eq!(summary(&e[0]), "ACCUSE CHI> asserted");
    }

    #[test]
    fn welcoming_talks_told_before_targets_their_participants() {
        let e = code("Chile and Peru held talks on Monday. Bolivia welcomed the talks.");
        let support = e
            .iter()
            .find(|x| x.event == EventType::Support)
            .expect("SUPPORT");
        assert_eq!(summary(support), "SUPPORT BOL>CHI+PER asserted");
        // Talks never told leave the recipient empty.
        let e = code("Bolivia welcomed the talks.");
        assert_eq!(summary(&e[0]), "SUPPORT BOL> asserted");
    }

    #[test]
    fn pronouns_fit_their_entities() {
        use dyad_model::EntityType;
        assert!(pronoun_fits("he", EntityType::Person));
        assert!(!pronoun_fits("he", EntityType::Country));
        assert!(pronoun_fits("it", EntityType::Organization));
    }

    /// The quotations of `text` as the claims pass reads them.
    fn quotes_of(text: &str) -> Vec<(usize, usize)> {
        let doc = crate::tests::analyzer().analyze(text);
        let actors = dyad_actors::Actors::default();
        quotations(&CodingInput {
            doc_id: "t",
            text,
            doc: &doc,
            actors: &actors,
            published: None,
        })
    }

    #[test]
    fn quotations_pair_their_marks() {
        let text = "“A. B,” he said. \"C\" and «D».";
        let q = quotes_of(text);
        assert_eq!(q.len(), 3);
        assert_eq!(&text[q[0].0..q[0].1], "“A. B,”");
        assert_eq!(&text[q[1].0..q[1].1], "\"C\"");
        // An unclosed mark never panics.
        assert!(quotes_of("“open and never closed").is_empty());
        // A paragraph without a closing mark ends the quote's reach.
        assert!(quotes_of("“open\n\nthen closed”").is_empty());
        assert_eq!(quotes_of("“one\nline break”").len(), 1);
    }

    #[test]
    fn definite_descriptions_continue_a_matching_source() {
        let antecedent = Attribution {
            text: "Ukraine's foreign minister".into(),
            entity: None,
            code: Some("UKR".into()),
            sector: Some("GOV".into()),
            cue: "said".into(),
            source_type: Some("government".into()),
        };
        assert!(continues("He", &antecedent, None));
        assert!(continues("the minister", &antecedent, None));
        assert!(!continues("the army", &antecedent, None));
        assert!(!continues("Reuters", &antecedent, None));
        assert!(continues("the president", &antecedent, Some("president")));
    }
}
