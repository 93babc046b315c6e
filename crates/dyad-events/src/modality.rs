//! Modality of a trigger: negation ("did not", "never", "no talks"), future ("will",
//! "plans to", an intent verb governing the trigger), conditionals ("if", "could", "may";
//! "would" is future inside reported speech and conditional elsewhere; "may have" is a
//! hedge, not a condition).

use dyad_model::Status;

use crate::lexicon::{Cue, Lexicon};
use crate::triggers::TriggerMatch;
use crate::view::{SentenceView, CLAUSE_OPENERS};

/// Start of the clause that holds token `at`: after the nearest hard boundary.
pub fn clause_start(view: &SentenceView<'_>, at: usize) -> usize {
    let mut i = at;
    while i > 0 {
        if view.is_hard_boundary(i - 1) {
            break;
        }
        i -= 1;
    }
    i
}

/// Whether one of `cues` ends before `start` within its scope (no clause opener between
/// cue and trigger for word-scoped cues).
pub fn cue_before(view: &SentenceView<'_>, cues: &[Cue], start: usize) -> Option<usize> {
    let from = clause_start(view, start);
    for c in cues {
        let n = c.words.len();
        if n == 0 {
            continue;
        }
        let lowest = match c.scope {
            Some(scope) => start.saturating_sub(scope + n).max(from),
            None => from,
        };
        for p in (lowest..start).rev() {
            if p + n > start || !view.phrase_starts_at(&c.words, p) {
                continue;
            }
            let gap_clean = c.scope.is_none()
                || (p + n..start)
                    .all(|j| !CLAUSE_OPENERS.contains(&view.word(j)) && !view.is_comma(j));
            if gap_clean {
                return Some(p);
            }
        }
    }
    None
}

/// The modal status of a trigger, or `None` when it is asserted as far as modality goes.
pub fn modal_status(lex: &Lexicon, view: &SentenceView<'_>, m: &TriggerMatch) -> Option<Status> {
    let cues = &lex.cues;
    if cue_before(view, &cues.negation, m.start).is_some() {
        return Some(Status::Negated);
    }
    if let Some(p) = cue_before(view, &cues.hypothetical, m.start) {
        // "may have sent": a hedge on a past event (alleged), not a condition.
        let hedge_here = cues
            .hedge
            .iter()
            .any(|c| c.scope.is_some() && view.phrase_starts_at(&c.words, p));
        if !hedge_here {
            return Some(Status::Hypothetical);
        }
    }
    if m.intended || cue_before(view, &cues.future, m.start).is_some() {
        return Some(Status::Future);
    }
    if let Some(p) = cue_before(view, &cues.future_if_reported, m.start) {
        let reported = (0..p).any(|j| lex.cues.report.contains_key(view.word(j)));
        return Some(if reported {
            Status::Future
        } else {
            Status::Hypothetical
        });
    }
    None
}

/// Whether a future trigger is a commitment rather than a threat: pledged, promised,
/// decided or announced ("pledged to expel the exiled leaders", "announced it would
/// prohibit all aid"). A committed hostile act keeps its own type with status future;
/// an intention voiced at its target ("vowed to retaliate", "plans to impose") is a
/// threat.
pub fn is_commitment(view: &SentenceView<'_>, m: &TriggerMatch) -> bool {
    const PLEDGE: &[&str] = &[
        "pledge",
        "pledged",
        "pledges",
        "pledging",
        "promise",
        "promised",
        "promises",
        "promising",
        "committed",
        "commits",
        "decided",
        "decides",
        "decide",
    ];
    const ANNOUNCE: &[&str] = &["announce", "announced", "announces", "announcing"];
    let from = clause_start(view, m.start);
    let near = m.start.saturating_sub(8);
    let mut announced = false;
    for j in from..m.start {
        let w = view.word(j);
        if j >= near && PLEDGE.contains(&w) {
            return true;
        }
        if ANNOUNCE.contains(&w) {
            announced = true;
        } else if announced && matches!(w, "would" | "will") {
            return true;
        }
    }
    false
}
