//! Finding triggers: longest match of the trigger patterns over a sentence's folded
//! tokens, with the small word-class checks that tell a verb from its homonym noun
//! ("in return", "the fight"), and the resolution of "to"-complements ("agreed to
//! withdraw" is one AGREE; "pledged to attack" is a future ASSAULT).

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
    let noun_like_form = !(w.ends_with("ed") || w.ends_with("ing")) && i > 0;
    // A verb followed straight by an actor ("made Kyiv attack Russia") keeps its reading.
    let object_follows = view.mention_at.get(end).copied().flatten().is_some();
    if t.pos.is_verb() && noun_like_form && !object_follows && view.tagged_nominal(i) {
        return false;
    }
    if t.pos == Pos::Noun && t.slots.len() == 1 && view.tagged_verb(i) {
        return false;
    }
    if t.pos.is_verb() && i > 0 {
        let prev = view.word(i - 1);
        if is_determiner(prev) || (prev.contains('-') && prev.len() > 2) {
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
            if topic(j) {
                return false;
            }
            // "over two Israeli air raids": demonyms and numbers stay inside the phrase.
            if view.is_punct(j) || is_preposition(view.word(j)) {
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
pub fn find_triggers(lex: &Lexicon, view: &SentenceView<'_>) -> Vec<TriggerMatch> {
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
                if !fits_context(lex, view, e, i, end) {
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
    found
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
        if entry.complement != Complement::None && entry.pos != Pos::Noun {
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
                            Complement::None => {}
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
        // and participles its manner ("rioted demanding independence").
        if entry.pos.is_verb() {
            let clause_end = (end..view.len())
                .find(|&j| {
                    view.is_hard_boundary(j)
                        || (view.is_comma(j) && !view.word(j + 1).ends_with("ing"))
                        || matches!(view.word(j), "but" | "while" | "whereas" | "and")
                            && view.mention_at.get(j + 1).is_some_and(Option::is_some)
                })
                .unwrap_or(view.len());
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
                let secondary = (later_entry.pos == Pos::Noun && !adjunct)
                    || prev == "to"
                    || (w.ends_with("ing")
                        && later_entry.pos.is_verb()
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
        find_triggers(&lex, &view)
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
        find_triggers(&lex, &view)
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
