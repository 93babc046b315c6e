//! Attribution: who asserts an event ("according to X", "X said", "“…,” X said",
//! "X was quoted saying"), hedges ("reports suggest", "allegedly"), the accusations
//! that reported attacks imply ("X said Y attacked Z" → X accuses Y), and denials that
//! point back at earlier events ("Moscow and Pyongyang denied such transactions").

use dyad_actors::Actors;
use dyad_model::{ActorRef, Attribution};

use crate::arguments::{actor_refs, subject_left};
use crate::lexicon::Lexicon;
use crate::modality::cue_before;
use crate::view::SentenceView;

/// One source of a sentence and the tokens it covers.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub refs: Vec<ActorRef>,
    /// The words naming the source.
    pub text: String,
    pub cue: String,
    /// Local token range the source vouches for.
    pub scope: (usize, usize),
    pub hedged: bool,
    /// A speaking verb (not "according to", not a hedge): its speaker makes claims.
    pub speech: bool,
    /// Local token range of the cue.
    pub cue_tokens: (usize, usize),
}

impl Source {
    pub fn attribution(&self) -> Vec<Attribution> {
        if self.refs.is_empty() {
            if self.text.is_empty() {
                return Vec::new();
            }
            return vec![Attribution {
                text: self.text.clone(),
                entity: None,
                code: None,
                sector: None,
                cue: self.cue.clone(),
            }];
        }
        // One attribution per source phrase, coded by its first actor.
        let first = &self.refs[0];
        let mut out = vec![Attribution {
            text: if self.text.is_empty() {
                first.text.clone()
            } else {
                self.text.clone()
            },
            entity: first.entity.clone(),
            code: first.code.clone(),
            sector: first.sector.clone(),
            cue: self.cue.clone(),
        }];
        for r in &self.refs[1..] {
            out.push(Attribution {
                text: r.text.clone(),
                entity: r.entity.clone(),
                code: r.code.clone(),
                sector: r.sector.clone(),
                cue: self.cue.clone(),
            });
        }
        out
    }
}

const SPEAKER_SKIP: &[&str] = &[
    "also",
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "earlier",
    "later",
    "again",
    "previously",
    "repeatedly",
    "then",
    "further",
    "has",
    "had",
    "publicly",
    "reportedly",
];

fn mentions_in(view: &SentenceView<'_>, from: usize, to: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for j in from..to.min(view.len()) {
        if let Some(k) = view.mention_at[j] {
            if !out.contains(&k) {
                out.push(k);
            }
        }
    }
    out
}

/// The sources of one sentence.
pub fn find_sources(lex: &Lexicon, view: &SentenceView<'_>, actors: &Actors) -> Vec<Source> {
    let mut out = Vec::new();
    let n = view.len();
    // "according to X, ..." / "..., according to X."
    for c in &lex.cues.according {
        for p in 0..n {
            if !view.phrase_starts_at(&c.words, p) {
                continue;
            }
            let from = p + c.words.len();
            let mut to = from;
            while to < n && !view.is_comma(to) && !view.is_hard_boundary(to) && !view.is_punct(to) {
                to += 1;
            }
            let refs = actor_refs(view, actors, &mentions_in(view, from, to));
            let scope = if p == 0 || view.is_comma(p.saturating_sub(1)) && p > n / 2 {
                if p == 0 {
                    (to, n)
                } else {
                    (0, p)
                }
            } else {
                (0, n)
            };
            out.push(Source {
                refs,
                text: view.slice(from, to).to_string(),
                cue: view.slice(p, from).to_string(),
                scope,
                hedged: false,
                speech: false,
                cue_tokens: (p, from),
            });
        }
    }
    // Reporting verbs.
    for r in 0..n {
        let w = view.word(r);
        if !lex.cues.report.contains_key(w) || view.mention_at[r].is_some() {
            continue;
        }
        // Not a noun use ("the reports", "a statement").
        if r > 0 && crate::view::is_determiner(view.word(r - 1)) {
            continue;
        }
        if w.ends_with("ing") && r > 0 && view.word(r - 1) == "quoted" {
            continue; // "was quoted saying": the quote verb already counts.
        }
        let participial = w.ends_with("ing") && r > 0 && view.is_comma(r - 1);
        let mut speaker: Vec<usize> = Vec::new();
        let mut speaker_start = r;
        if participial {
            speaker = crate::arguments::main_subject(view, actors, r);
        } else {
            let mut j = r;
            while j > 0 && SPEAKER_SKIP.contains(&view.word(j - 1)) {
                j -= 1;
            }
            if j > 0 {
                if let Some(k) = view.mention_at[j - 1] {
                    speaker = subject_left(lex, view, actors, j);
                    // "The Red Cross operating in Iraq said": a place is not the speaker.
                    let place = crate::arguments::is_place_use(view, view.mentions[k].1);
                    if !speaker.contains(&k) && (!place || speaker.is_empty()) {
                        speaker = vec![k];
                    }
                    speaker_start = speaker
                        .iter()
                        .map(|&k| view.mentions[k].1)
                        .min()
                        .unwrap_or(j);
                }
            }
            if speaker.is_empty() && r + 1 < n {
                if let Some(k) = view.mention_at[r + 1] {
                    speaker = vec![k];
                }
            }
        }
        let mut text = String::new();
        if speaker.is_empty() && !participial {
            // "officials said": a source phrase without an actor.
            let mut s = r;
            while s > 0 && r - s < 3 && view.kinds[s - 1] == dyad_text::TokenKind::Word {
                s -= 1;
            }
            if s < r {
                text = view.slice(s, r).to_string();
                speaker_start = s;
            }
        }
        let refs = actor_refs(view, actors, &speaker);
        if refs.is_empty() && text.is_empty() {
            continue;
        }
        if text.is_empty() {
            let (a, b) = speaker
                .iter()
                .map(|&k| (view.mentions[k].1, view.mentions[k].2))
                .fold((usize::MAX, 0), |(a, b), (x, y)| (a.min(x), b.max(y)));
            if a < b {
                text = view.slice(a, b).to_string();
            }
        }
        let backward = speaker_start > 0
            && (view.is_comma(speaker_start - 1) || view.is_quote(speaker_start - 1));
        let scope = if backward && !participial {
            (0, speaker_start)
        } else {
            (r + 1, n)
        };
        out.push(Source {
            refs,
            text,
            cue: view.slice(r, r + 1).to_string(),
            scope,
            hedged: false,
            speech: true,
            cue_tokens: (r, r + 1),
        });
    }
    // Hedges: "reports suggest that ...", "allegedly".
    for c in &lex.cues.hedge {
        for p in 0..n {
            if !view.phrase_starts_at(&c.words, p) {
                continue;
            }
            let is_verb_cue = c.words.len() == 1
                && matches!(c.words[0].as_str(), "suggest" | "suggests" | "suggested");
            let (text, refs) = if is_verb_cue {
                let mut s = p;
                while s > 0 && !view.is_comma(s - 1) && !view.is_hard_boundary(s - 1) {
                    s -= 1;
                }
                (
                    view.slice(s, p).to_string(),
                    actor_refs(view, actors, &mentions_in(view, s, p)),
                )
            } else {
                (String::new(), Vec::new())
            };
            let scope = if is_verb_cue { (p + 1, n) } else { (0, n) };
            out.push(Source {
                refs,
                text,
                cue: view.slice(p, p + c.words.len()).to_string(),
                scope,
                hedged: true,
                speech: false,
                cue_tokens: (p, p + c.words.len()),
            });
        }
    }
    out
}

/// Whether a hedge cue with word scope ("may have") governs the trigger at `start`.
pub fn hedged_locally(lex: &Lexicon, view: &SentenceView<'_>, start: usize) -> bool {
    let local: Vec<_> = lex
        .cues
        .hedge
        .iter()
        .filter(|c| c.scope.is_some())
        .cloned()
        .collect();
    cue_before(view, &local, start).is_some()
}
