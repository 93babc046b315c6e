//! Modality of a trigger: negation ("did not", "never", "no talks"), future ("will",
//! "plans to", an intent verb governing the trigger), conditionals ("if", "could", "may";
//! "would" is future inside reported speech and conditional elsewhere; "may have" is a
//! hedge, not a condition).

use dyad_model::{Date, DatePrecision, Status};
use dyad_syntax::SentenceDoc;

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
    cue_before_where(view, cues, start, |_, _| true)
}

/// [`cue_before`] for the cues that `governs(p, n)` accepts (a cue of `n` words at `p`).
fn cue_before_where(
    view: &SentenceView<'_>,
    cues: &[Cue],
    start: usize,
    governs: impl Fn(usize, usize) -> bool,
) -> Option<usize> {
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
            if p + n > start || !view.phrase_starts_at(&c.words, p) || is_name(view, p) {
                continue;
            }
            let gap_clean = c.scope.is_none()
                || (p + n..start)
                    .all(|j| !CLAUSE_OPENERS.contains(&view.word(j)) && !view.is_comma(j));
            if gap_clean && governs(p, n) {
                return Some(p);
            }
        }
    }
    None
}

/// Whether the word at `p` is a capitalised word inside the sentence, a name rather
/// than a cue: the month in "began in May" is no "may", "Will Smith" no "will".
fn is_name(view: &SentenceView<'_>, p: usize) -> bool {
    p > 0 && view.is_capitalised(p) && !view.is_punct(p - 1)
}

/// Whether the cue of `n` words at `p` governs trigger `m` in the parse: the verb the cue
/// modifies ("will", "not", "could": their head) or the cue's own verb ("plans to",
/// "failed to") dominates the trigger. A cue in a coordinated or neighbouring clause does
/// not ("said Egypt would help and urged Israel to end the siege": "would" is not the
/// urging's). Subordinators ("if", "unless", "without") mark a condition over their whole
/// sentence and are not checked; neither is anything without a parse.
fn governs(view: &SentenceView<'_>, p: usize, n: usize, m: &TriggerMatch) -> bool {
    let Some(doc) = view.doc else {
        return true;
    };
    if m.start >= doc.len() || p + n > doc.len() {
        return true;
    }
    let Some(h) = (p..p + n).find(|&i| doc.head(i).is_none_or(|x| x < p || x >= p + n)) else {
        return true;
    };
    if matches!(doc.rels[h].main(), "mark" | "case" | "cc") {
        return true;
    }
    let content_verb = doc
        .tags
        .get(h)
        .is_some_and(|t| t.upos == dyad_text::Upos::Verb);
    let anchor = if content_verb { Some(h) } else { doc.head(h) };
    let t = crate::roles::trigger_head(doc, m);
    anchor.is_none_or(|a| doc.dominates(a, t))
}

/// The start of one of `cues` before trigger `m`, within its scope, that governs the
/// trigger in the parse ([`governs`]).
fn governing_cue(view: &SentenceView<'_>, cues: &[Cue], m: &TriggerMatch) -> Option<usize> {
    cue_before_where(view, cues, m.start, |p, n| governs(view, p, n, m))
}

/// The modal status of a trigger, or `None` when it is asserted as far as modality goes.
/// A cue counts when it stands within its scope before the trigger and, with a parse,
/// governs it ([`governs`]).
pub fn modal_status(lex: &Lexicon, view: &SentenceView<'_>, m: &TriggerMatch) -> Option<Status> {
    let cues = &lex.cues;
    // A negation before the trigger, or inside the gap of a pattern ("was not concerned",
    // "imposed no new sanctions").
    let negated_inside = (m.start + 1..m.end).any(|p| {
        cues.negation
            .iter()
            .any(|c| view.phrase_starts_at(&c.words, p) && p + c.words.len() < m.end)
    });
    if negated_inside || governing_cue(view, &cues.negation, m).is_some() {
        return Some(Status::Negated);
    }
    if let Some(p) = governing_cue(view, &cues.hypothetical, m) {
        // "may have sent": a hedge on a past event (alleged), not a condition.
        let hedge_here = cues
            .hedge
            .iter()
            .any(|c| c.scope.is_some() && view.phrase_starts_at(&c.words, p));
        if !hedge_here {
            return Some(Status::Hypothetical);
        }
    }
    // "tariffs could follow", "talks will resume": a noun event that is the subject of
    // a predicate of occurrence is as sure as that predicate.
    let predicate_aux = subject_of_modal(lex, view, m);
    let starts = |list: &[Cue], p: usize| list.iter().any(|c| view.phrase_starts_at(&c.words, p));
    if predicate_aux.is_some_and(|p| starts(&cues.hypothetical, p)) {
        return Some(Status::Hypothetical);
    }
    if m.intended
        || governing_cue(view, &cues.future, m).is_some()
        || planned(lex, view, m)
        || predicate_aux.is_some_and(|p| starts(&cues.future, p))
    {
        return Some(Status::Future);
    }
    if let Some(p) = governing_cue(view, &cues.future_if_reported, m) {
        let reported = (0..p).any(|j| lex.cues.report.contains_key(view.word(j)));
        return Some(if reported {
            Status::Future
        } else {
            Status::Hypothetical
        });
    }
    None
}

/// The auxiliary of the predicate of occurrence (`occurrence` in `events/cues.tsv`)
/// whose subject a noun trigger is, when it comes after the noun ("tariffs could
/// follow": "could"); a token.
fn subject_of_modal(lex: &Lexicon, view: &SentenceView<'_>, m: &TriggerMatch) -> Option<usize> {
    let doc = view.doc.filter(|d| d.len() == view.len())?;
    let noun = crate::roles::trigger_head(doc, m);
    let nominal = doc
        .tags
        .get(noun)
        .is_some_and(|t| matches!(t.upos, dyad_text::Upos::Noun | dyad_text::Upos::Propn));
    if !nominal {
        return None;
    }
    // "there will be talks" parsed with the noun as the head of "be": its own auxiliary.
    if crate::roles::is_existential(doc, noun) {
        return doc.children_with(noun, "aux").next();
    }
    if !doc.rels[noun].is_subject() {
        return None;
    }
    let predicate = doc.head(noun)?;
    let lemma = doc.lemmas.get(predicate)?.to_lowercase();
    // "take place": the predicate's lemma and its object's.
    let with_object = || {
        doc.children_with(predicate, "obj").any(|k| {
            let object = doc.lemmas[k].to_lowercase();
            lex.cues.occurrence.contains(&format!("{lemma} {object}"))
        })
    };
    // "there will be talks": the existential says the event takes place.
    let existential = lemma == "be" && doc.children_with(predicate, "expl").next().is_some();
    if !lex.cues.occurrence.contains(&lemma) && !with_object() && !existential {
        return None;
    }
    doc.children(predicate)
        .find(|&k| k > noun && doc.rels[k].main() == "aux")
}

/// Whether a negation of the trigger refuses it rather than reports it undone: a `refusal`
/// cue of `events/cues.tsv` ("will not", "does not", "is not going to") governs it, so
/// the actor declares what it will not do ("Serbia will not cooperate with the court").
/// A past negation ("did not meet") reports what did not happen and is no refusal.
pub fn is_refusal(lex: &Lexicon, view: &SentenceView<'_>, m: &TriggerMatch) -> bool {
    governing_cue(view, &lex.cues.refusal, m).is_some()
}

/// Whether the trigger stands inside a condition: the clause of the trigger, or one above
/// it, is marked by a subordinating hypothetical cue of `events/cues.tsv` (one whose scope
/// is the clause: "if", "unless"). "would retaliate if it is attacked": the attack is in
/// the condition, the retaliation is not. Without a parse, `false`.
pub fn in_condition(lex: &Lexicon, view: &SentenceView<'_>, m: &TriggerMatch) -> bool {
    let Some(doc) = view.doc else {
        return false;
    };
    if m.start >= doc.len() {
        return false;
    }
    let subordinator = |c: usize| is_condition_mark(lex, view, doc, c);
    let mut v = crate::roles::trigger_head(doc, m);
    for _ in 0..doc.len() {
        if doc.children(v).any(subordinator) {
            return true;
        }
        match doc.head(v) {
            Some(h) => v = h,
            None => return false,
        }
    }
    false
}

/// Whether token `c` marks a condition: the `mark` of a clause that is a subordinating
/// hypothetical cue of `events/cues.tsv` (one whose scope is the clause: "if", "unless").
fn is_condition_mark(lex: &Lexicon, view: &SentenceView<'_>, doc: &SentenceDoc, c: usize) -> bool {
    doc.rels[c].main() == "mark"
        && lex
            .cues
            .hypothetical
            .iter()
            .any(|cue| cue.scope.is_none() && cue.words.len() == 1 && view.word(c) == cue.words[0])
}

/// Whether the trigger's clause has a condition of its own: a clause under it marked by a
/// subordinating hypothetical cue ("may halt its mediation if the talks founder", "will
/// boycott the vote unless ..."). Without a parse, `false`.
pub fn has_condition(lex: &Lexicon, view: &SentenceView<'_>, m: &TriggerMatch) -> bool {
    let Some(doc) = view.doc else {
        return false;
    };
    if m.start >= doc.len() {
        return false;
    }
    let subordinator = |c: usize| is_condition_mark(lex, view, doc, c);
    // The condition's clause is an `advcl`, or whatever the parse made of a clause it
    // misread or attached lower ("if talks fail" with "fail" a noun; an "if" clause hung
    // on the trigger's object): any clause the cue marks in the trigger's subtree.
    let v = crate::roles::trigger_head(doc, m);
    doc.subtree(v)
        .filter(|&c| c != v)
        .any(|c| subordinator(c) && doc.head(c) != Some(v))
}

/// Whether the parse makes the trigger's event planned: a modifier of it ("the planned
/// talks", "upcoming elections", "proposed sanctions") or the predicate it is the subject
/// or object of ("sanctions bills are pending", "new sanctions await approval") is a
/// `planned` lemma of `events/cues.tsv`.
pub fn planned(lex: &Lexicon, view: &SentenceView<'_>, m: &TriggerMatch) -> bool {
    let Some(doc) = view.doc else {
        return false;
    };
    let is_planned = |k: usize| {
        doc.lemmas
            .get(k)
            .is_some_and(|l| lex.cues.planned.contains(&l.to_lowercase()))
    };
    let head = crate::roles::trigger_head(doc, m);
    // "sanctions bills": the noun the trigger qualifies stands for it.
    let noun = match (doc.rels.get(head).map(|r| r.main()), doc.head(head)) {
        (Some("compound"), Some(h)) => h,
        _ => head,
    };
    let modified = [head, noun].into_iter().any(|n| {
        doc.children(n)
            .any(|k| matches!(doc.rels[k].main(), "amod" | "compound") && is_planned(k))
    });
    let held = matches!(doc.rels.get(noun).map(|r| r.main()), Some("nsubj" | "obj"))
        && doc.head(noun).is_some_and(is_planned);
    modified || held
}

/// An event the text dates after its publication has not happened yet: "talks Tuesday"
/// in a story of Monday, "meetings on Wednesday" are planned (`future`), whatever tense
/// the words around them have. A negated, hypothetical or denied event keeps its status.
pub fn status_by_date(
    status: Status,
    date: Option<Date>,
    precision: Option<DatePrecision>,
    published: Option<Date>,
) -> Status {
    let (Some(date), Some(published)) = (date, published) else {
        return status;
    };
    let later = match precision {
        Some(DatePrecision::Day) | None => date > published,
        Some(DatePrecision::Month) => {
            (date.year(), date.month()) > (published.year(), published.month())
        }
        Some(DatePrecision::Year) => date.year() > published.year(),
    };
    match status {
        Status::Asserted | Status::Reported if later => Status::Future,
        other => other,
    }
}

/// Whether the actor itself promises the trigger's act or declares itself willing to do
/// it: the trigger is the complement of a promise verb ("pledged to withdraw") or a
/// `promise` cue of `events/cues.tsv` governs it ("is ready to work with").
pub fn is_promise(lex: &Lexicon, view: &SentenceView<'_>, m: &TriggerMatch) -> bool {
    m.intended || governing_cue(view, &lex.cues.promise, m).is_some()
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

#[cfg(test)]
mod tests {
    use crate::tests::summaries;

    #[test]
    fn a_cue_governs_only_its_own_clause_in_the_parse() {
        // "would" belongs to "help"; the coordinated "urged" is the speaker's own act.
        let e = summaries("Egypt said Kenya would help and urged Israel to end the siege.");
        assert!(
            e.iter()
                .any(|s| s.starts_with("REQUEST") && s.ends_with("asserted")),
            "{e:?}"
        );
        // Inside its clause the cue still holds: the attack Kenya "would" make is a
        // threat, made as far as Egypt's word goes.
        let e = summaries("Egypt said Kenya would attack Israel.");
        assert_eq!(e, ["THREATEN KEN>ISR reported"]);
        let e = summaries("Egypt did not condemn Israel.");
        assert_eq!(e, ["ACCUSE EGY>ISR negated"]);
        // "plans to" governs the sanctions: they become a threat of them, made now.
        let e = summaries("Egypt plans to impose sanctions on Israel.");
        assert_eq!(e, ["THREATEN EGY>ISR asserted"]);
    }

    #[test]
    fn a_negation_inside_a_pattern_negates_it() {
        let table = [
            (
                "Canada was not concerned about China's drills.",
                "ACCUSE CAN>CHI negated",
            ),
            (
                "Japan imposed no new tariffs on China.",
                "SANCTION JAP>CHI negated",
            ),
            (
                "Japan is deeply concerned about China's drills.",
                "ACCUSE JAP>CHI asserted",
            ),
        ];
        for (text, want) in table {
            assert_eq!(summaries(text), [want], "{text}");
        }
    }

    #[test]
    fn an_event_dated_after_publication_is_future() {
        use super::status_by_date;
        use dyad_model::{Date, DatePrecision, Status};
        let published: Date = "2025-03-10".parse().unwrap();
        let day = |s: &str| Some(s.parse::<Date>().unwrap());
        let table = [
            (
                Status::Asserted,
                day("2025-03-11"),
                DatePrecision::Day,
                Status::Future,
            ),
            (
                Status::Reported,
                day("2025-03-11"),
                DatePrecision::Day,
                Status::Future,
            ),
            (
                Status::Asserted,
                day("2025-03-10"),
                DatePrecision::Day,
                Status::Asserted,
            ),
            (
                Status::Asserted,
                day("2025-03-01"),
                DatePrecision::Month,
                Status::Asserted,
            ),
            (
                Status::Asserted,
                day("2025-04-01"),
                DatePrecision::Month,
                Status::Future,
            ),
            (
                Status::Asserted,
                day("2025-01-01"),
                DatePrecision::Year,
                Status::Asserted,
            ),
            (
                Status::Negated,
                day("2025-03-12"),
                DatePrecision::Day,
                Status::Negated,
            ),
            (
                Status::Hypothetical,
                day("2026-01-01"),
                DatePrecision::Year,
                Status::Hypothetical,
            ),
        ];
        for (status, date, precision, want) in table {
            assert_eq!(
                status_by_date(status, date, Some(precision), Some(published)),
                want,
                "{status:?} {date:?} {precision:?}"
            );
        }
        // With no date or no publication date nothing changes.
        assert_eq!(
            status_by_date(Status::Asserted, None, None, Some(published)),
            Status::Asserted
        );
        assert_eq!(
            status_by_date(Status::Asserted, day("2030-01-01"), None, None),
            Status::Asserted
        );
    }
}
