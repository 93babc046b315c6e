//! Finding triggers: longest match of the trigger patterns over a sentence's folded
//! tokens, with the small word-class checks that tell a verb from its homonym noun
//! ("in return", "the fight"), and the resolution of "to"-complements ("agreed to
//! withdraw" is one AGREE; "pledged to attack" is a future ASSAULT).

use dyad_model::{EventType, MentionKind};
use dyad_text::{Upos, Xpos};

use crate::lexicon::{Complement, Lexicon, Pos, Slot};
use crate::view::{is_determiner, is_preposition, is_temporal, SentenceView};

/// One trigger found in a sentence (local token indices).
#[derive(Clone, Debug, PartialEq)]
pub struct TriggerMatch {
    /// Index into [`Lexicon::triggers`].
    pub entry: usize,
    pub start: usize,
    /// Exclusive.
    pub end: usize,
    /// An intent verb ("pledged to") governs this trigger: the event lies in the future.
    pub intended: bool,
    /// Folded into another trigger (its complement or its object).
    pub absorbed: bool,
}

/// Longest end of `slots[k..]` matched from token `j`, if the slots match.
fn match_slots(view: &SentenceView<'_>, slots: &[Slot], k: usize, j: usize) -> Option<usize> {
    let Some(slot) = slots.get(k) else {
        return Some(j);
    };
    match slot {
        Slot::Words(alternatives) => {
            let w = view.folded.get(j)?;
            if alternatives.iter().any(|a| a == w) {
                match_slots(view, slots, k + 1, j + 1)
            } else if k > 0 && matches!(slots[k - 1], Slot::Words(_)) && is_filler(w) {
                // "reached a consensus", "pushing hard for": an article or an adverb
                // between the words of a multi-word entry.
                match_slots(view, slots, k, j + 1).filter(|_| {
                    view.folded
                        .get(j + 1)
                        .is_some_and(|next| alternatives.iter().any(|a| a == next))
                })
            } else {
                None
            }
        }
        Slot::Gap(max) => {
            let mut best = None;
            for g in 0..=*max {
                if g > 0 {
                    let t = j + g - 1;
                    if t >= view.len() || (view.is_punct(t) && view.word(t) != "'s") {
                        break;
                    }
                }
                if let Some(end) = match_slots(view, slots, k + 1, j + g) {
                    best = Some(best.map_or(end, |b: usize| b.max(end)));
                }
            }
            best
        }
    }
}

/// Words that may stand between the words of a multi-word entry without changing it: articles
/// and manner adverbs ("reached a consensus", "pushed hard for", "set ablaze").
fn is_filler(w: &str) -> bool {
    matches!(
        w,
        "a" | "an" | "the" | "hard" | "again" | "also" | "jointly" | "quickly" | "formally"
    ) || (w.len() > 4 && w.ends_with("ly") && !matches!(w, "only" | "early" | "daily" | "july"))
}

/// Whether the entry may start at token `i` given its neighbours.
fn fits_context(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    entry: usize,
    i: usize,
    end: usize,
) -> bool {
    let t = &lex.triggers[entry];
    // A capitalised word inside a sentence is a name ("Free Tibet", "Strike Force").
    if i > 0 && view.is_capitalised(i) && !view.is_punct(i - 1) {
        return false;
    }
    // The tagger settles verb/noun homonyms ("a Brazilian ship", "market partners";
    // "Cuba protests the decision").
    let w = view.word(i);
    // "Given the delays, ...", ", given its failure to ...": a preposition, no giving.
    if w == "given" && (i == 0 || view.is_punct(i - 1)) {
        return false;
    }
    let noun_like_form = !(w.ends_with("ed") || w.ends_with("ing")) && i > 0;
    // A verb followed straight by an actor ("made Kyiv attack Russia") keeps its reading.
    let object_follows = view.mention_at.get(end).copied().flatten().is_some();
    // A verb with its fixed words ("set fire to", "cut off") is read as a verb even where
    // the tagger takes a form whose past is its base ("settlers set fire") for a noun.
    let fixed_words = t
        .slots
        .iter()
        .filter(|s| matches!(s, Slot::Words(_)))
        .count()
        > 1;
    // "the minister quit", "rebels hit the convoy": a past the same as the base, right
    // after its subject, is a verb whatever the tagger says.
    let past_is_base = t.participles.iter().any(|p| p == w);
    let after_subject = i > 0
        && (view.mention_at.get(i - 1).copied().flatten().is_some()
            || matches!(view.word(i - 1), "he" | "she" | "they" | "it" | "who")
            || (view.tagged_nominal(i - 1) && !view.tagged_verb(i - 1)));
    if t.pos.is_verb()
        && noun_like_form
        && !object_follows
        && !fixed_words
        && !(past_is_base && after_subject)
        && view.tagged_nominal(i)
    {
        return false;
    }
    if t.pos == Pos::Noun && t.slots.len() == 1 && view.tagged_verb(i) {
        return false;
    }
    // "push back the rebels", "lease back the base": a verb's word the tagger reads as an
    // adverb or a particle is one.
    let particle = view
        .tag(i)
        .is_some_and(|tag| matches!(tag.upos, Upos::Adv | Upos::Part));
    if t.pos.is_verb() && !fixed_words && particle {
        return false;
    }
    if t.pos.is_verb() && i > 0 {
        let prev = view.word(i - 1);
        // "a U.N.-organized meeting", "Saudi-backed forces": a participle inside a
        // hyphenated modifier describes a noun; it reports no act.
        if is_determiner(prev)
            || (prev.contains('-') && prev.len() > 2)
            || view.ends_hyphen_compound(i)
        {
            return false;
        }
        if is_preposition(prev) && prev != "to" && !view.word(i).ends_with("ing") {
            return false;
        }
    }
    // "focused on deepening military cooperation": a topic, not an event.
    if t.pos == Pos::Noun {
        let topic = |j: usize| {
            matches!(
                view.word(j),
                "on" | "about"
                    | "regarding"
                    | "concerning"
                    | "over"
                    | "upon"
                    | "toward"
                    | "towards"
            )
        };
        let mut j = i;
        while j > 0 && i - j < 5 {
            j -= 1;
            // "on Monday" is a time ("Kenya on Monday announced the release").
            if topic(j) && !is_temporal(view.word(j + 1)) {
                return false;
            }
            // "over three Turkish drone strikes": demonyms and numbers stay inside the phrase;
            // a finite verb starts the noun's own clause ("talks on trade ended the
            // dispute"; not "focused on deepening military cooperation").
            let finite = view
                .tag(j)
                .is_some_and(|t| matches!(t.xpos, Xpos::Vbd | Xpos::Vbz | Xpos::Vbp));
            if view.is_punct(j) || is_preposition(view.word(j)) || finite {
                break;
            }
        }
    }
    // "called on Friday" is not "called on X".
    if let Some(Slot::Words(last)) = t.slots.last() {
        if last.len() == 1 && is_preposition(&last[0]) && is_temporal(view.word(end)) {
            return false;
        }
    }
    true
}

/// Finds the triggers of a sentence, longest match first, left to right, non-overlapping.
/// `contexts` are the sentence's keyword contexts ([`crate::contexts::keyword_contexts`]):
/// an entry that asks for a context matches only in a sentence that has one, and of
/// entries with the same words the first that fits is read ("raid" in a military
/// sentence is an attack, elsewhere a coercive act).
pub fn find_triggers(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    contexts: &[String],
) -> Vec<TriggerMatch> {
    let mut found: Vec<TriggerMatch> = Vec::new();
    // "press release", "press conference": words that only look like triggers.
    let mut blocked = vec![false; view.len()];
    for p in 0..view.len() {
        for c in &lex.non_events {
            if view.phrase_starts_at(&c.words, p) {
                for b in blocked.iter_mut().skip(p).take(c.words.len()) {
                    *b = true;
                }
            }
        }
    }
    let mut i = 0;
    while i < view.len() {
        if blocked[i] {
            i += 1;
            continue;
        }
        let mut best: Option<(usize, usize)> = None; // (entry, end)
        if let Some(candidates) = lex.by_first_word.get(view.word(i)) {
            let prev_is_det = i > 0 && is_determiner(view.word(i - 1));
            for &e in candidates {
                let Some(end) = match_slots(view, &lex.triggers[e].slots, 0, i) else {
                    continue;
                };
                let wanted = &lex.triggers[e].contexts;
                let in_context = wanted.is_empty() || wanted.iter().any(|c| contexts.contains(c));
                if !in_context || !fits_context(lex, view, e, i, end) {
                    continue;
                }
                let better = match best {
                    None => true,
                    Some((b, bend)) => {
                        end > bend
                            || (end == bend
                                && prev_is_det
                                && lex.triggers[e].pos == Pos::Noun
                                && lex.triggers[b].pos != Pos::Noun)
                    }
                };
                if better {
                    best = Some((e, end));
                }
            }
        }
        if let Some((entry, end)) = best {
            found.push(TriggerMatch {
                entry,
                start: i,
                end,
                intended: false,
                absorbed: false,
            });
            i = end;
        } else {
            i += 1;
        }
    }
    resolve_complements(lex, view, &mut found);
    absorb_conditions(view, &mut found);
    absorb_aims_and_contents(view, &mut found);
    absorb_protest_objects(lex, view, &mut found);
    found
}

/// What a protest is against is its content: "a hunger strike in protest of the
/// government's refusal to accept ...", "to protest against Sweden's decision to send them
/// back" hold no refusal or sending of their own. A verb coordinated after "and" is a new
/// event.
fn absorb_protest_objects(lex: &Lexicon, view: &SentenceView<'_>, found: &mut [TriggerMatch]) {
    for a in 0..found.len() {
        // An absorbed protest ("a hunger strike to protest against ...") still has its object.
        if lex.triggers[found[a].entry].event != EventType::Protest {
            continue;
        }
        let end = found[a].end;
        let Some(prep) = (end..(end + 2).min(view.len()))
            .find(|&j| matches!(view.word(j), "against" | "of" | "at" | "over"))
        else {
            continue;
        };
        let clause_end = (prep..view.len())
            .find(|&j| view.is_hard_boundary(j) || view.is_comma(j))
            .unwrap_or(view.len());
        for m in found.iter_mut().skip(a + 1) {
            if m.start >= clause_end {
                break;
            }
            let coordinated = lex.triggers[m.entry].pos.is_verb()
                && m.start > 0
                && matches!(view.word(m.start - 1), "and" | "but" | "then");
            if coordinated {
                break;
            }
            m.absorbed = true;
        }
    }
}

/// Nouns whose "that" clause is what someone is asked for or offers, not news: "demanded
/// an admission by Moscow that its forces murdered ...".
const CONTENT_NOUNS: &[&str] = &[
    "admission",
    "acknowledgement",
    "acknowledgment",
    "apology",
    "assurance",
    "assurances",
    "guarantee",
    "guarantees",
    "recognition",
    "confirmation",
];

/// The events of a clause that only states an aim or a content: "a resolution that aims
/// to tighten sanctions and impose a blockade", "an admission that its forces murdered".
fn absorb_aims_and_contents(view: &SentenceView<'_>, found: &mut [TriggerMatch]) {
    for p in 1..view.len() {
        let w = view.word(p);
        let aim = matches!(
            w,
            "aims" | "aim" | "aimed" | "seeks" | "designed" | "intended"
        ) && view.word(p + 1) == "to"
            && (matches!(view.word(p - 1), "that" | "which")
                || (p >= 2
                    && matches!(view.word(p - 2), "that" | "which")
                    && crate::view::BE_FORMS.contains(&view.word(p - 1))));
        let content = w == "that"
            && (p.saturating_sub(5)..p).any(|j| CONTENT_NOUNS.contains(&view.word(j)))
            && (p.saturating_sub(5)..p).all(|j| !view.is_punct(j));
        if !(aim || content) {
            continue;
        }
        let clause_end = (p + 1..view.len())
            .find(|&j| view.is_hard_boundary(j) || view.is_comma(j))
            .unwrap_or(view.len());
        for m in found.iter_mut() {
            if m.start > p && m.start < clause_end {
                m.absorbed = true;
            }
        }
    }
}

/// "will boycott the elections unless the president agrees to step down": the events of
/// an "unless" clause are the condition of the event before it, not news of their own.
fn absorb_conditions(view: &SentenceView<'_>, found: &mut [TriggerMatch]) {
    let Some(first) = found.iter().position(|m| !m.absorbed) else {
        return;
    };
    let Some(unless) = (found[first].end..view.len())
        .find(|&j| view.word(j) == "unless" || view.is_hard_boundary(j))
    else {
        return;
    };
    if view.word(unless) != "unless" {
        return;
    }
    let clause_end = (unless + 1..view.len())
        .find(|&j| view.is_hard_boundary(j) || view.is_comma(j))
        .unwrap_or(view.len());
    for m in found.iter_mut() {
        if m.start > unless && m.start < clause_end {
            m.absorbed = true;
        }
    }
}

/// Whether a trigger names no event of its own: the aim of something else ("a trip aimed
/// at pushing for a ceasefire", "talks meant to end the war"), a capitalised verb in
/// running text, which is a slogan or a name ("unfurling ``Free Tibet'' banners"), or a
/// generic noun ("any attack").
pub fn is_aim_or_slogan(lex: &Lexicon, view: &SentenceView<'_>, m: &TriggerMatch) -> bool {
    let before = |back: usize| m.start.checked_sub(back).map_or("", |j| view.word(j));
    let aim = matches!(before(1), "at" | "to")
        && matches!(
            before(2),
            "aimed" | "aiming" | "designed" | "intended" | "meant" | "geared"
        );
    let slogan =
        lex.triggers[m.entry].pos.is_verb() && m.start > 0 && view.is_capitalised(m.start) && {
            let prev = view.word(m.start - 1);
            matches!(prev, "``" | "\"" | "'" | "‘" | "“")
                || (prev.chars().all(|c| c.is_lowercase()) && !prev.is_empty())
        };
    // "any attack on Poland would be met with force": a noun after "any" is generic.
    let generic = lex.triggers[m.entry].pos == Pos::Noun && before(1) == "any";
    aim || slogan || generic
}

/// The investigation or meeting in the purpose clause of a sending verb `found[a]`
/// ("dispatched inspectors to Iran to monitor the plant", "sent an envoy to meet the
/// president"): "to" within the clause, the trigger right after it.
fn purpose_investigation(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    found: &[TriggerMatch],
    a: usize,
) -> Option<usize> {
    let end = found[a].end;
    let limit = (end + 14).min(view.len());
    let mut j = end;
    while j < limit {
        if view.is_punct(j) && view.word(j) != "'s" && view.word(j) != "(" && view.word(j) != ")" {
            return None;
        }
        if view.word(j) == "to" {
            if let Some(b) = (a + 1..found.len()).find(|&b| found[b].start == j + 1) {
                let t = &lex.triggers[found[b].entry];
                // "to investigate", "to monitor"; "to meet", "to hold talks".
                let decides =
                    t.pos.is_verb() && (t.cameo.starts_with("09") || t.cameo.starts_with("04"));
                return decides.then_some(b);
            }
        }
        j += 1;
    }
    None
}

/// Whether a protest verb reports a complaint rather than a demonstration: "X protested
/// that ..." or a trailing "..., a rights group protested on Wednesday" whose content is
/// the clause before the comma.
pub fn protest_is_reporting(view: &SentenceView<'_>, m: &TriggerMatch) -> bool {
    view.word(m.start).starts_with("protest")
        && (view.word(m.end) == "that" || trailing_report_comma(view, m).is_some())
}

/// The comma that ends the reported clause before a trailing reporting verb ("Egypt jails
/// journalists, Amnesty protested on Monday"): the verb's subject runs back to it and
/// nothing but time and place words follow the verb.
pub fn trailing_report_comma(view: &SentenceView<'_>, m: &TriggerMatch) -> Option<usize> {
    let comma = (0..m.start).rev().find(|&j| view.is_punct(j))?;
    if !view.is_comma(comma) || comma < 3 || m.start - comma > 7 {
        return None;
    }
    // "..., and students protested": a clause of its own.
    if matches!(
        view.word(comma + 1),
        "and" | "but" | "while" | "as" | "when" | "after" | "before" | "so" | "then" | "where"
    ) {
        return None;
    }
    let only_circumstances = (m.end..view.len()).all(|j| {
        let w = view.word(j);
        view.is_punct(j)
            || is_temporal(w)
            || matches!(
                w,
                "here" | "there" | "on" | "in" | "late" | "earlier" | "last" | "this"
            )
            || view.is_capitalised(j)
    });
    only_circumstances.then_some(comma)
}

/// "agreed to withdraw" → the AGREE absorbs the RETREAT; "pledged to attack" → the pledge
/// is dropped and the ASSAULT becomes intended; "demanded the withdrawal" → the noun is the
/// demand's object.
fn resolve_complements(lex: &Lexicon, view: &SentenceView<'_>, found: &mut [TriggerMatch]) {
    for a in 0..found.len() {
        if found[a].absorbed {
            continue;
        }
        let entry = &lex.triggers[found[a].entry];
        let end = found[a].end;
        // A verb that is a demand only with a "to" infinitive is none with a plain
        // object ("ordered the arrest of the mayor"): the object is the event.
        if entry.pos.is_verb() && crate::roles::object_without_to_clause(lex, view, &found[a]) {
            continue;
        }
        match entry.complement {
            Complement::Purpose => {
                if let Some(b) = purpose_investigation(lex, view, found, a) {
                    found[a].absorbed = true;
                    found[b].absorbed = false;
                    continue;
                }
            }
            Complement::Auxiliary => {
                // "help support the rights", "helped to rebuild", "help identify victims".
                let mut next = end;
                if view.word(next) == "to" {
                    next += 1;
                }
                let verb_follows = found.get(a + 1).is_some_and(|b| b.start == next)
                    || (next < view.len()
                        && view.tagged_verb(next)
                        && !view.word(next).ends_with("ing")
                        && view.mention_at.get(next).is_some_and(Option::is_none));
                if verb_follows {
                    found[a].absorbed = true;
                    continue;
                }
            }
            Complement::Subject => {
                // "removing the sanctions on Burma is out of the question": every event
                // named between the clause's start and the phrase is what it rejects.
                let from = (0..found[a].start)
                    .rev()
                    .find(|&j| {
                        view.is_comma(j)
                            || view.is_hard_boundary(j)
                            || matches!(view.word(j), "that" | "but" | "while")
                    })
                    .map_or(0, |j| j + 1);
                for earlier in found[..a].iter_mut() {
                    if earlier.start >= from {
                        earlier.absorbed = true;
                    }
                }
                continue;
            }
            _ => {}
        }
        if matches!(entry.complement, Complement::Absorb | Complement::Intent)
            && entry.pos != Pos::Noun
        {
            // Find "to" within six words (past an object: "urged Russia to withdraw").
            let to = (end..(end + 7).min(view.len()))
                .take_while(|&j| !view.is_punct(j) || view.word(j) == "'s")
                .find(|&j| view.word(j) == "to");
            if let Some(to) = to {
                if let Some(b) =
                    (a + 1..found.len()).find(|&b| found[b].start > to && found[b].start <= to + 3)
                {
                    let between_ok = (to + 1..found[b].start)
                        .all(|j| !view.is_punct(j) && !is_determiner(view.word(j)));
                    // "ordered the army to attack", "encouraged Kyiv to strike": an
                    // instigated hostile act is the event, made by the instigator
                    // ([`crate::claims::instigation`]), not a request.
                    let instigated = crate::claims::is_instigating_verb(view.word(found[a].start))
                        && crate::cameo::is_hostile_act(lex.triggers[found[b].entry].event);
                    if between_ok && instigated {
                        found[a].absorbed = true;
                        continue;
                    }
                    if between_ok {
                        match entry.complement {
                            Complement::Absorb => {
                                // "refused to allow planes to land and evacuate": the
                                // whole complement clause is the refusal's content.
                                let clause_end = (to..view.len())
                                    .find(|&j| view.is_comma(j) || view.is_hard_boundary(j))
                                    .unwrap_or(view.len());
                                for later in found.iter_mut().skip(b) {
                                    if later.start < clause_end {
                                        later.absorbed = true;
                                    }
                                }
                            }
                            Complement::Intent => {
                                found[a].absorbed = true;
                                found[b].intended = true;
                            }
                            _ => {}
                        }
                        continue;
                    }
                }
                // "refused to allow planes to land and evacuate": a complement whose first
                // verb is no trigger still holds the events it refuses or agrees to.
                if entry.complement == Complement::Absorb
                    && crate::arguments::is_infinitive_marker(view, to)
                {
                    // ... up to the next clause ("asked not to be named said ...").
                    let clause_end = (to..view.len())
                        .find(|&j| {
                            view.is_comma(j)
                                || view.is_hard_boundary(j)
                                || lex.cues.report.contains_key(view.word(j))
                                || matches!(
                                    view.word(j),
                                    "that" | "who" | "which" | "but" | "while" | "because"
                                )
                        })
                        .unwrap_or(view.len());
                    for later in found.iter_mut().skip(a + 1) {
                        if later.start > to && later.start < clause_end {
                            later.absorbed = true;
                        }
                    }
                }
            }
        }
        // Later in the clause of a verb trigger: nouns are its object or topic ("rejected
        // a request for talks"), infinitives its purpose ("blocked roads to protest"),
        // and participles its manner ("rioted demanding independence"). A participle
        // after a comma is an act of its own ("expelled two envoys, accusing them of
        // spying"; "shelled the port, killing nine"), except a protest's demand
        // ("marched on Sunday, demanding new elections").
        if entry.pos.is_verb() {
            let protest = entry.event == EventType::Protest;
            let clause_end = (end..view.len())
                .find(|&j| {
                    view.is_hard_boundary(j)
                        || (view.is_comma(j) && !(protest && view.word(j + 1).ends_with("ing")))
                        || matches!(view.word(j), "but" | "while" | "whereas" | "and")
                            && view.mention_at.get(j + 1).is_some_and(Option::is_some)
                })
                .unwrap_or(view.len());
            // Nouns for people ("demonstrators", "protesters"), not for events.
            let noun_ends: Vec<usize> = found
                .iter()
                .filter(|f| {
                    let t = &lex.triggers[f.entry];
                    t.pos == Pos::Noun
                        && ["ers", "ors", "ists"]
                            .iter()
                            .any(|x| t.pattern.ends_with(x))
                })
                .map(|f| f.end)
                .collect();
            for later in found.iter_mut().skip(a + 1) {
                if later.start >= clause_end || later.absorbed {
                    continue;
                }
                let later_entry = &lex.triggers[later.entry];
                let w = view.word(later.start);
                let prev = if later.start > 0 {
                    view.word(later.start - 1)
                } else {
                    ""
                };
                // "during a meeting with X" is an event of its own.
                let adjunct = (later.start.saturating_sub(3)..later.start).any(|j| {
                    matches!(
                        view.word(j),
                        "during" | "amid" | "after" | "before" | "following" | "since"
                    )
                });
                // "dispersed demonstrators protesting the results": a participle after the
                // people it describes is their own protest or demand.
                let people_before = noun_ends.contains(&later.start)
                    || (later.start > 0
                        && view
                            .mention_at
                            .get(later.start - 1)
                            .copied()
                            .flatten()
                            .and_then(|k| view.mentions.get(k))
                            .is_some_and(|(m, _, _)| m.kind == MentionKind::Descriptor));
                let reduced_relative = people_before
                    && matches!(later_entry.event, EventType::Protest | EventType::Request);
                let secondary = (later_entry.pos == Pos::Noun && !adjunct)
                    || prev == "to"
                    || (w.ends_with("ing")
                        && later_entry.pos.is_verb()
                        && !reduced_relative
                        && !crate::view::BE_FORMS.contains(&prev));
                if secondary {
                    later.absorbed = true;
                }
            }
        }
        // "began a hunger strike to demand ...", "a rally to protest ...": a purpose
        // infinitive right after a noun trigger is its content.
        if entry.pos == Pos::Noun || entry.pos == Pos::Phrase {
            if let Some(b) = found.get(a + 1).map(|_| a + 1) {
                let s = found[b].start;
                let purpose = s > end
                    && s <= end + 6
                    && view.word(s - 1) == "to"
                    && (end..s).all(|j| !view.is_punct(j));
                if purpose && lex.triggers[found[b].entry].pos.is_verb() {
                    found[b].absorbed = true;
                }
            }
        }
        // A noun trigger right after a verb trigger is its object.
        if entry.pos.is_verb() {
            if let Some(b) = found.get(a + 1).map(|_| a + 1) {
                let nb = &lex.triggers[found[b].entry];
                if nb.pos == Pos::Noun && found[b].start <= end + 4 {
                    let clean = (end..found[b].start)
                        .all(|j| !view.is_punct(j) || view.word(j) == "'s")
                        && (end..found[b].start).all(|j| {
                            let w = view.word(j);
                            // "agreed to a ceasefire", "agreed on a truce".
                            let absorbing =
                                entry.complement == Complement::Absorb && matches!(w, "to" | "on");
                            !is_preposition(w) || w == "for" || w == "of" || absorbing
                        });
                    if clean {
                        found[b].absorbed = true;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_actors::Actors;
    use dyad_data::DataSet;

    fn triggers(text: &str) -> Vec<(String, bool, bool)> {
        let lex = Lexicon::from_data(&DataSet::embedded()).unwrap();
        let layer = dyad_text::analyze(text);
        let actors = Actors::default();
        let view = SentenceView::new(text, &layer, &actors, 0);
        find_triggers(&lex, &view, &crate::contexts::keyword_contexts(&lex, &view))
            .into_iter()
            .map(|m| {
                (
                    lex.triggers[m.entry].pattern.clone(),
                    m.absorbed,
                    m.intended,
                )
            })
            .collect()
    }

    #[test]
    fn longest_match_with_gap_wins() {
        let t = triggers("Kim pledged total support for Russia.");
        assert_eq!(t[0].0, "pledge * support");
        let t = triggers("Egypt held extensive talks with Israel.");
        assert_eq!(t[0].0, "hold * talks");
    }

    #[test]
    fn inflections_and_irregulars_match() {
        assert_eq!(triggers("They met.")[0].0, "meet");
        assert_eq!(triggers("Troops withdrew.")[0].0, "withdraw");
        assert_eq!(triggers("Iran sought help.")[0].0, "seek");
    }

    #[test]
    fn homonym_nouns_and_names_are_not_verbs() {
        assert!(triggers("In return, nothing happened.").is_empty());
        assert!(triggers("Protesters chanted Free Tibet slogans.")
            .iter()
            .all(|t| t.0 != "free"));
    }

    /// The patterns of `text`'s triggers that name an event of their own.
    fn eventful(text: &str) -> Vec<String> {
        let lex = Lexicon::from_data(&DataSet::embedded()).unwrap();
        let layer = dyad_text::analyze(text);
        let actors = Actors::default();
        let view = SentenceView::new(text, &layer, &actors, 0);
        find_triggers(&lex, &view, &crate::contexts::keyword_contexts(&lex, &view))
            .into_iter()
            .filter(|m| !is_aim_or_slogan(&lex, &view, m))
            .map(|m| lex.triggers[m.entry].pattern.clone())
            .collect()
    }

    #[test]
    fn aims_slogans_and_generic_nouns_are_no_events() {
        let t = eventful("He began a trip aimed at pushing for a ceasefire.");
        assert!(t.iter().all(|p| p != "push for"), "{t:?}");
        let t = eventful("Activists unfurled ``Free Tibet'' banners.");
        assert!(t.iter().all(|p| p != "free"), "{t:?}");
        let t = eventful("Any attack on Poland would be met with force.");
        assert!(t.iter().all(|p| p != "attack"), "{t:?}");
        let t = eventful("Russia attacked Poland.");
        assert_eq!(t, vec!["attack".to_string()]);
    }

    #[test]
    fn a_refused_complement_holds_every_event_verb() {
        let t = triggers("The wing refused to allow planes to land and evacuate observers.");
        assert!(
            t.iter().filter(|x| x.0 != "refuse").all(|x| x.1),
            "evacuate is part of the refusal: {t:?}"
        );
    }

    #[test]
    fn complements_absorb_or_mark_intent() {
        let t = triggers("Jordan agreed to withdraw its troops.");
        assert_eq!(t[0], ("agree".to_string(), false, false));
        assert!(t[1].1, "withdraw is absorbed: {t:?}");
        let t = triggers("Iran vowed to attack Israel.");
        assert!(t[0].1, "the vow is dropped: {t:?}");
        assert_eq!(t[1], ("attack".to_string(), false, true));
    }
}

/// End to end (actors recognised, tagger on): the constructions that decide an event's
/// type, each with sentences where the rule must not fire.
#[cfg(test)]
mod type_rules {
    use std::sync::OnceLock;

    use dyad_data::DataSet;
    use dyad_model::{EventType, Status};

    use crate::{CodingInput, EventLexicon};

    fn coders() -> &'static (EventLexicon, dyad_actors::ActorLexicon) {
        static CODERS: OnceLock<(EventLexicon, dyad_actors::ActorLexicon)> = OnceLock::new();
        CODERS.get_or_init(|| {
            let data = DataSet::embedded();
            (
                crate::tests::lexicon(),
                dyad_actors::ActorLexicon::from_data(&data).unwrap(),
            )
        })
    }

    /// (type, CAMEO code, status) of every event of `text`.
    fn events(text: &str) -> Vec<(EventType, String, Status)> {
        let (lex, actor_lex) = coders();
        let doc = crate::tests::analyzer().analyze(text);
        let actors = actor_lex.recognize(text, &doc.layer, None);
        lex.code(&CodingInput {
            doc_id: "t",
            text,
            doc: &doc,
            actors: &actors,
            published: Some("2024-12-01".parse().unwrap()),
        })
        .into_iter()
        .map(|e| (e.event, e.cameo.clone(), e.status))
        .collect()
    }

    fn types(text: &str) -> Vec<EventType> {
        events(text).into_iter().map(|e| e.0).collect()
    }

    /// Asserts that no event of `text` has type `t`.
    fn assert_lacks(text: &str, t: EventType) {
        let got = types(text);
        assert!(!got.contains(&t), "{text}: {got:?}");
    }

    #[test]
    fn a_time_before_the_verb_is_no_topic_of_its_object() {
        // "on" + a day is a time, and a finite verb opens the object's own clause.
        assert_eq!(
            types("Kenya on Monday announced the release of the Ugandan activist."),
            [EventType::Retreat]
        );
        assert_eq!(
            types("Chile on Friday confirmed the arrest of two Peruvian officers."),
            [EventType::Coerce]
        );
        // A topic after "on" stays one.
        assert_lacks(
            "The seminar focused on deepening military cooperation with Japan.",
            EventType::Cooperate,
        );
    }

    #[test]
    fn ordering_an_act_is_the_act() {
        // A verb that demands only with a "to" infinitive: its plain object is the event.
        assert_eq!(
            types("Serbian prosecutors ordered the arrest of the Kosovo mayor."),
            [EventType::Coerce]
        );
        assert_eq!(
            types("A Kenyan court ordered the release of the Ugandan activist."),
            [EventType::Retreat]
        );
        // With the infinitive it is a demand.
        assert_eq!(
            types("Sudan ordered Kenya to close its embassy."),
            [EventType::Request]
        );
    }

    #[test]
    fn given_as_a_preposition_and_talking_about_a_topic_are_no_acts() {
        let t = types("Chile is angry with Peru, given its failure to sell arms to Bolivia.");
        assert!(!t.contains(&EventType::Aid), "{t:?}");
        let t = types("Given the crisis, Japan gave Ukraine food aid.");
        assert_eq!(t, [EventType::Aid]);
        let t = types("We are not talking about Russia, the Polish minister said.");
        assert!(!t.contains(&EventType::Consult), "{t:?}");
        let t = types("Putin is talking to Trump about Ukraine.");
        assert_eq!(t, [EventType::Consult]);
    }

    #[test]
    fn a_participle_in_a_hyphenated_modifier_is_no_act() {
        // The organiser, backer or broker of a thing named by a compound modifier does
        // nothing in the sentence; the sentence's own verb or noun carries the event.
        let t = types("Iran attended a U.S.-organized summit in Vienna.");
        assert!(!t.contains(&EventType::Protest), "{t:?}");
        assert!(t.contains(&EventType::Consult), "{t:?}");
        let t = types("Kenya welcomed the U.S.-backed plan.");
        assert_eq!(t, [EventType::Support]);
    }

    #[test]
    fn articles_and_adverbs_inside_multi_word_entries() {
        for s in [
            "Chile and Peru reached a consensus on river water.",
            "Chile and Peru reached consensus on river water.",
            "Colombia and Ecuador reached an agreement on trade.",
        ] {
            assert!(types(s).contains(&EventType::Agree), "{s}: {:?}", events(s));
        }
        let t = types("Britain is pushing hard for France to back its plan.");
        assert!(t.contains(&EventType::Request), "{t:?}");
    }

    #[test]
    fn past_equal_to_base_forms_fire_in_fixed_phrases() {
        for s in [
            "Israeli settlers set fire to a Palestinian school.",
            "Serbian nationalists torched the Albanian embassy.",
        ] {
            assert!(
                types(s).contains(&EventType::Coerce),
                "{s}: {:?}",
                events(s)
            );
        }
        assert!(types("Russia set a deadline for Ukraine.").is_empty());
        // "close to" is near, not a closure; a closed border stays one.
        assert!(types("The U.S. radar base lies close to Iran's border.").is_empty());
        assert_eq!(
            types("Russia closed its border with Georgia."),
            vec![EventType::Coerce]
        );
        let t = types("The Peruvian interior minister quit on Monday.");
        assert_eq!(t, vec![EventType::Retreat]);
        assert!(types("The Greek budget cut angered Greek unions.").is_empty());
    }

    #[test]
    fn ceasefire_violations_are_assaults_not_truces() {
        for s in [
            "Indian troops violated the ceasefire with Pakistan.",
            "Syrian rebels broke the truce near Idlib.",
            "Azerbaijani forces are guilty of violating the ceasefire agreement.",
        ] {
            let e = events(s);
            assert!(e.iter().any(|x| x.1 == "196"), "{s}: {e:?}");
            assert!(!e.iter().any(|x| x.0 == EventType::Retreat), "{s}: {e:?}");
        }
        let t = types("Israel and Hamas declared a ceasefire.");
        assert_eq!(t, vec![EventType::Retreat]);
    }

    #[test]
    fn telling_or_ordering_is_a_demand_only_with_the_act_demanded() {
        for s in [
            "Ghana told Togo to reopen the border.",
            "Ghana ordered the embassy of Togo to shut its doors.",
            "Ghana encouraged Togo to return to the talks.",
        ] {
            assert_eq!(types(s), [EventType::Request], "{s}");
        }
        for s in [
            "The Ghanaian minister told reporters in Accra that he was tired.",
            "The minister of Ghana told reporters on Friday he wanted to rest.",
            "The former mayor of Accra pleaded guilty to fraud in Ghana.",
            "A judge in Ghana ordered the former mayor of Accra back to prison.",
        ] {
            assert_lacks(s, EventType::Request);
        }
        // An instigated attack is the attack, by the instigator ([`crate::claims`]).
        let e = events("Ghana ordered the army to attack Togo.");
        assert!(
            e.iter().all(|x| x.0 == EventType::Assault) && !e.is_empty(),
            "{e:?}"
        );
    }

    #[test]
    fn a_verb_word_read_as_an_adverb_is_no_verb() {
        assert!(types("Ghana backed Togo's bid for a seat.").contains(&EventType::Support));
        for s in [
            "Troops of Ghana were sent to push back the rebels of Togo.",
            "Ghana will lease back the port from Togo.",
        ] {
            assert_lacks(s, EventType::Support);
        }
    }

    #[test]
    fn leaving_an_organisation_cuts_relations() {
        for s in [
            "Chad withdrew from the African Union in May.",
            "Chad's withdrawal from the African Union took effect in May.",
        ] {
            assert_eq!(types(s), [EventType::Sanction], "{s}");
        }
        for s in [
            "Chad withdrew its soldiers from the African Union mission.",
            "The withdrawal of Chad's soldiers from the African Union mission began.",
            "Chad withdrew its soldiers from Niger.",
        ] {
            assert_lacks(s, EventType::Sanction);
        }
    }

    #[test]
    fn stopping_aid_is_a_sanction() {
        for s in [
            "The European Union prohibited all aid to Niger.",
            "Washington halted military aid to Egypt.",
            "Japan suspended aid to Myanmar.",
            // A stopping verb over any aid noun (`stopping` in events/cues.tsv).
            "Germany halted arms shipments to Turkey.",
            "The IMF froze the loan to Ghana.",
        ] {
            let t = types(s);
            assert!(t.contains(&EventType::Sanction), "{s}: {t:?}");
            assert!(!t.contains(&EventType::Aid), "{s}: {t:?}");
        }
        assert!(types("Japan sent aid to Myanmar.").contains(&EventType::Aid));
        assert!(types("Japan sent rice shipments to Myanmar.").contains(&EventType::Aid));
    }

    #[test]
    fn committed_hostile_acts_keep_their_type_and_threats_stay_threats() {
        let e = events("Japan announced it would suspend all aid to Myanmar.");
        assert!(
            e.iter()
                .any(|x| x.0 == EventType::Sanction && x.2 == Status::Future),
            "{e:?}"
        );
        let e = events("Turkey pledged to expel exiled leaders of the Syrian opposition.");
        assert!(
            e.iter()
                .any(|x| x.0 == EventType::Coerce && x.2 == Status::Future),
            "{e:?}"
        );
        let e = events("Hungary pledged to expel the Russian diplomats.");
        assert!(e.iter().any(|x| x.0 == EventType::Sanction), "{e:?}");
        // Vowed at the target, planned, or will: threats.
        for s in [
            "Russia vowed to retaliate against Finland.",
            "Greece plans to impose restrictions on Bulgarian workers.",
            "China said it will impose sanctions on Lithuania.",
        ] {
            let t = types(s);
            assert!(t.contains(&EventType::Threaten), "{s}: {t:?}");
        }
    }

    #[test]
    fn unless_clauses_are_conditions() {
        let s = "The Algerian opposition said it will boycott the elections unless the president resigns.";
        let t = types(s);
        assert_eq!(t, vec![EventType::Threaten], "{s}");
        let s =
            "Kenyan teachers will strike unless the Kenyan government agrees to raise their pay.";
        let t = types(s);
        assert!(!t.contains(&EventType::Agree), "{s}: {t:?}");
        // Without "unless" the agreement is news.
        let t = types("The Kenyan government agreed to raise the pay of teachers.");
        assert!(t.contains(&EventType::Agree), "{t:?}");
    }

    #[test]
    fn out_of_the_question_rejects_its_subject() {
        let s = "US officials said that lifting the sanctions on Cuba is out of the question.";
        assert_eq!(types(s), vec![EventType::Reject], "{s}");
        let s = "A new war with Iran is out of the question, Israeli officials said.";
        assert!(!types(s).contains(&EventType::Assault), "{s}");
    }

    #[test]
    fn sending_investigators_is_investigating() {
        for s in [
            "The IAEA dispatched inspectors to Iran to monitor the Natanz plant.",
            "The United Nations sent experts to Sudan on Monday to investigate the massacre.",
        ] {
            let t = types(s);
            assert_eq!(t, vec![EventType::Accuse], "{s}");
        }
        for s in [
            "The African Union sent 300 troops to Somalia.",
            "Interpol will send a team to help identify the victims of the crash.",
        ] {
            let t = types(s);
            assert!(!t.contains(&EventType::Accuse), "{s}: {t:?}");
        }
    }

    #[test]
    fn what_is_sent_decides_the_type() {
        let e = events("Japan sent a delegation to South Korea.");
        assert!(e.iter().any(|x| x.1 == "042"), "{e:?}");
        let e = events("The Czech Republic sent an emissary to meet the Georgian government.");
        assert!(
            e.iter().all(|x| x.0 == EventType::Consult) && !e.is_empty(),
            "{e:?}"
        );
        let e = events("Interpol will send a team to Ukraine to help identify the victims.");
        assert!(e.iter().any(|x| x.1 == "036"), "{e:?}");
        let e = events("North Korea sent 12,000 troops to Russia.");
        assert!(e.iter().any(|x| x.0 == EventType::Aid), "{e:?}");
    }

    #[test]
    fn protest_as_a_reporting_verb_is_a_complaint() {
        for s in [
            "Amnesty International protested that Egypt is jailing journalists.",
            "Egypt is jailing journalists, Amnesty International protested on Monday.",
        ] {
            let e = events(s);
            assert!(e.iter().any(|x| x.1 == "111"), "{s}: {e:?}");
            assert!(!e.iter().any(|x| x.0 == EventType::Protest), "{s}: {e:?}");
        }
        for s in [
            "Egyptian students protested in Cairo on Monday.",
            "Police fired tear gas in Cairo, and Egyptian students protested on Monday.",
        ] {
            let t = types(s);
            assert!(t.contains(&EventType::Protest), "{s}: {t:?}");
        }
    }

    #[test]
    fn receiving_a_delegation_is_hosting_a_visit() {
        let e = events("Kazakhstan received a delegation from Uzbekistan.");
        assert!(e.iter().any(|x| x.1 == "043"), "{e:?}");
        let e = events("Kazakhstan received aid from Uzbekistan.");
        assert!(!e.iter().any(|x| x.1 == "043"), "{e:?}");
    }

    #[test]
    fn allowing_inspectors_back() {
        let e = events("Iraq said it would allow the return of UN weapons inspectors.");
        assert!(e.iter().any(|x| x.0 == EventType::Agree), "{e:?}");
        let e = events("North Korea allowed the IAEA inspectors back into the country.");
        assert!(e.iter().any(|x| x.1 == "0862"), "{e:?}");
    }

    #[test]
    fn people_protesting_protest_but_a_demonstration_demanding_is_one_event() {
        let t = types("Kenyan police arrested Kenyan students protesting the fee increase.");
        assert!(
            t.contains(&EventType::Coerce) && t.contains(&EventType::Protest),
            "{t:?}"
        );
        let s =
            "Egyptian demonstrators rioted after a rally calling for the removal of the president.";
        assert!(!types(s).contains(&EventType::Request), "{s}");
        let s = "Supporters of the Algerian opposition blocked roads in Algiers demanding new elections.";
        assert!(!types(s).contains(&EventType::Request), "{s}");
    }

    #[test]
    fn a_protest_with_its_demands_is_one_protest() {
        let s = "Fatah activists staged rallies in Gaza against Abbas, saying he must resign.";
        assert_eq!(types(s), vec![EventType::Protest], "{s}");
        let s = "Kenyan students protested in Nairobi. The Kenyan government demanded an end to the protests.";
        let t = types(s);
        assert!(
            t.contains(&EventType::Protest) && t.contains(&EventType::Request),
            "{s}: {t:?}"
        );
    }

    #[test]
    fn allowing_deliveries_is_humanitarian_access() {
        let e = events("Israel allowed the delivery of fuel to Gaza on Sunday.");
        assert!(e.iter().any(|x| x.1 == "0863"), "{e:?}");
        let e = events("Israel did not allow the delivery of fuel to Gaza.");
        assert!(e.iter().all(|x| x.2 == Status::Negated), "{e:?}");
    }

    #[test]
    fn aims_contents_and_protest_objects_are_no_events() {
        let s = "Hungary will support a UN resolution that aims to impose a naval blockade against Serbia.";
        let t = types(s);
        assert!(
            !t.contains(&EventType::Threaten) && !t.contains(&EventType::Coerce),
            "{s}: {t:?}"
        );
        let s = "Poland demanded an admission by Russia that its forces murdered Polish officers.";
        assert_eq!(types(s), vec![EventType::Request], "{s}");
        let s = "Chechen refugees began a hunger strike in protest of the Russian government's refusal to negotiate.";
        assert!(!types(s).contains(&EventType::Reject), "{s}");
        let s = "Saudi Arabia mobilized pressure groups in the United States to help support the Palestinians.";
        let t = types(s);
        assert!(
            !t.contains(&EventType::Mobilize) && !t.contains(&EventType::Aid),
            "{s}: {t:?}"
        );
        assert!(types("Armenia mobilized its reservists.").contains(&EventType::Mobilize));
        assert!(types("Canada helped Haiti.").contains(&EventType::Aid));
    }

    #[test]
    fn a_verb_that_needs_a_party_as_object_names_no_event_without_one() {
        // `party` in the object column: "caught rebels" is an arrest, "caught fire" none;
        // "eliminated the commander" is a killing, "eliminate tariffs" none.
        assert_eq!(
            types("Kenyan police caught him near the border."),
            [EventType::Coerce]
        );
        assert_eq!(
            types("Chad said its troops eliminated 12 rebels."),
            [EventType::Assault]
        );
        assert_lacks("A Kenyan ship caught fire near Somalia.", EventType::Coerce);
        assert_lacks(
            "Chile will eliminate tariffs on Peruvian copper.",
            EventType::Assault,
        );
    }
}
