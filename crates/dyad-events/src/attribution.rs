//! Attribution: who asserts an event ("according to X", "X said", "“…,” X said",
//! "X was quoted saying"), hedges ("reports suggest", "allegedly"), the accusations
//! that reported attacks imply ("X said Y attacked Z" → X accuses Y), and denials that
//! point back at earlier events ("Moscow and Pyongyang denied such transactions"), and
//! the type of each source (state media, intelligence, government, military, anonymous,
//! NGO, international body, other media, a person, other). Speech verbs carried on by an
//! aspect verb ("he went on to say") keep their speaker, and "continued" without an object
//! speaks ("..., the minister continued"); a charge a denial rejects ("denied reports that
//! ...") is no source.

use dyad_actors::Actors;
use dyad_model::codes::in_group;
use dyad_model::{ActorRef, Attribution, EntityType, Status};
use dyad_text::{Upos, Xpos};

use crate::arguments::{actor_refs, subject_left};
use crate::lexicon::Lexicon;
use crate::modality::cue_before;
use crate::view::{SentenceView, CLAUSE_OPENERS};

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
    /// Local token range of the words that describe the source (source phrase, cue and a
    /// trailing "speaking on condition of anonymity"): what [`type_sources`] reads.
    pub phrase: (usize, usize),
    /// The source type of each attribution [`Source::attribution`] gives, in order.
    pub source_types: Vec<String>,
}

/// The attributions that the sources `covering` an event give it, and the status they
/// alone give it (before any modal): alleged when one hedges, reported when one is
/// attributed, else asserted.
pub fn sourced_status(covering: &[&Source]) -> (Vec<Attribution>, Status) {
    let attribution: Vec<Attribution> = covering.iter().flat_map(|s| s.attribution()).collect();
    let status = if covering.iter().any(|s| s.hedged) {
        Status::Alleged
    } else if attribution.is_empty() {
        Status::Asserted
    } else {
        Status::Reported
    };
    (attribution, status)
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
                source_type: self.source_types.first().cloned(),
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
            source_type: self.source_types.first().cloned(),
        }];
        for (i, r) in self.refs.iter().enumerate().skip(1) {
            out.push(Attribution {
                text: r.text.clone(),
                entity: r.entity.clone(),
                code: r.code.clone(),
                sector: r.sector.clone(),
                cue: self.cue.clone(),
                source_type: self.source_types.get(i).cloned(),
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

/// Words between a speaker and its verb: auxiliaries and adverbs ("has also said",
/// "have unequivocally confirmed").
fn is_speaker_skip(word: &str) -> bool {
    SPEAKER_SKIP.contains(&word) || (word.len() > 4 && word.ends_with("ly") && word != "only")
}

/// Verb chains that carry a reporting verb on from what the speaker said before: "he
/// went on to say", "the minister continued to insist", "was quick to add".
const ONWARD_CHAINS: &[&[&str]] = &[
    &["went", "on", "to"],
    &["goes", "on", "to"],
    &["go", "on", "to"],
    &["continued", "to"],
    &["continues", "to"],
    &["proceeded", "to"],
    &["was", "quick", "to"],
    &["were", "quick", "to"],
    &["hastened", "to"],
];

/// The start of an onward chain that ends just before token `j` ("went on to" before
/// "say"), or `j` when there is none.
fn skip_onward_chain(view: &SentenceView<'_>, j: usize) -> usize {
    ONWARD_CHAINS
        .iter()
        .find(|chain| {
            j >= chain.len()
                && chain
                    .iter()
                    .enumerate()
                    .all(|(i, w)| view.word(j - chain.len() + i) == *w)
        })
        .map_or(j, |chain| j - chain.len())
}

/// Forms of "continue" that, used without an object, carry a speaker on: "the minister
/// continued.", "“...,” he continued", "she continued: ...". With an object or a
/// complement ("continued to attack", "continued attacking", "continued the talks") the
/// verb is no speech.
const CONTINUING_VERBS: &[&str] = &["continued", "continues", "continue"];

/// Whether token `r` is a continuing verb used as a speech verb: followed by
/// punctuation, the end of the sentence, or "that".
fn continues_speech(view: &SentenceView<'_>, r: usize) -> bool {
    CONTINUING_VERBS.contains(&view.word(r))
        && (r + 1 >= view.len() || view.is_punct(r + 1) || view.word(r + 1) == "that")
}

/// Verbs that reject a charge named after them ("denied reports that ...").
const REJECTING_VERBS: &[&str] = &[
    "denied",
    "denies",
    "deny",
    "denying",
    "rejected",
    "rejects",
    "reject",
    "rejecting",
    "dismissed",
    "dismisses",
    "dismiss",
    "dismissing",
    "refuted",
    "refutes",
    "disputed",
    "disputes",
];

/// Whether the reporting word at `r` is the noun of a charge a rejecting verb just before
/// it rejects ("denied reports", "rejected the Western claims").
fn rejected_charge(view: &SentenceView<'_>, r: usize) -> bool {
    let mut p = r;
    while p > 0 && r - p < 3 && matches!(view.word(p - 1), "western" | "media" | "such" | "any") {
        p -= 1;
    }
    p > 0 && REJECTING_VERBS.contains(&view.word(p - 1))
}

/// Words a source phrase without an actor does not reach back across.
const PHRASE_STOPS: &[&str] = &[
    "and", "but", "or", "that", "as", "while", "because", "when", "if", "after", "before", "since",
    "although", "though", "so", "then",
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

/// Whether `word` is a reporting verb or a one-word hedging verb ("say", "suggest").
fn is_report_or_hedge_verb(lex: &Lexicon, word: &str) -> bool {
    lex.cues.report.contains_key(word)
        || lex
            .cues
            .hedge
            .iter()
            .any(|c| c.words.len() == 1 && c.words[0] == word)
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
                phrase: (p, trailing_anonymity(lex, view, to)),
                source_types: Vec::new(),
            });
        }
    }
    // Reporting verbs.
    for r in 0..n {
        let w = view.word(r);
        let reporting = lex.cues.report.contains_key(w) || continues_speech(view, r);
        if !reporting || view.mention_at[r].is_some() {
            continue;
        }
        // Not a noun use ("the reports", "a statement"); a claim only as a verb ("refugee
        // claims", "suspend claims on the water").
        if r > 0 && crate::view::is_determiner(view.word(r - 1)) {
            continue;
        }
        let claiming = lex
            .cues
            .report
            .get(w)
            .is_some_and(|lemma| lex.cues.claiming.contains(lemma));
        if claiming && view.has_tags() && !view.tagged_verb(r) {
            continue;
        }
        // "in Tarapaca state,", "the entire state of": a singular noun the tagger sees,
        // before a stop or a preposition. Not before a clause ("local media report Lima is
        // arming"), nor a plural ("a Chilean daily reports."), which the tagger confuses with
        // the verb.
        let ends_phrase =
            r + 1 >= n || view.is_punct(r + 1) || crate::view::is_preposition(view.word(r + 1));
        if ends_phrase && view.tag(r).is_some_and(|t| t.xpos == Xpos::Nn) {
            continue;
        }
        // "denied reports that ...", "rejected Western claims that ...": the charge a
        // denial rejects, not a source.
        if rejected_charge(view, r) {
            continue;
        }
        if w.ends_with("ing") && r > 0 && view.word(r - 1) == "quoted" {
            continue; // "was quoted saying": the quote verb already counts.
        }
        // "intelligence reports suggest", "media reports say": a noun before the verb.
        if w.ends_with('s')
            && r + 1 < n
            && !view.word(r + 1).ends_with("ing")
            && is_report_or_hedge_verb(lex, view.word(r + 1))
        {
            continue;
        }
        let participial = w.ends_with("ing") && r > 0 && view.is_comma(r - 1);
        // The subject the parse gives a verb after an aside ("The army, in a statement,
        // said"), a token.
        let mut aside_subject = None;
        let mut speaker: Vec<usize> = Vec::new();
        let mut speaker_start = r;
        // First token after the source's own words ("said a diplomat": after "diplomat").
        let mut speaker_end = r + 1;
        if participial {
            speaker = crate::arguments::main_subject(view, actors, r);
        } else {
            let mut j = r;
            while j > 0 && is_speaker_skip(view.word(j - 1)) {
                j -= 1;
            }
            // Where the verb starts, with the auxiliaries and adverbs before it ("has
            // also said").
            let verb_start = j;
            // "He went on to say", "the minister continued to insist".
            let chained = skip_onward_chain(view, j);
            if chained < j {
                j = chained;
                while j > 0 && is_speaker_skip(view.word(j - 1)) {
                    j -= 1;
                }
            }
            if j > 0 {
                if let Some(k) = view.mention_at[j - 1] {
                    speaker = subject_left(lex, view, actors, j);
                    // "The Red Cross operating in Iraq said": a place is not the speaker.
                    let place = crate::arguments::is_place_use(view, view.mentions[k].1);
                    if !speaker.contains(&k) && (!place || speaker.is_empty()) {
                        speaker = vec![k];
                    }
                    // "Russia attacked Kharkiv, Ukrainian officials said": a list of
                    // speakers starts a clause; after a verb, only the part after the last
                    // comma speaks.
                    let first = speaker.iter().map(|&k| view.mentions[k].1).min();
                    if let Some(first) = first {
                        let opens_clause = first == 0
                            || view.is_comma(first - 1)
                            || view.is_quote(first - 1)
                            || view.is_hard_boundary(first - 1);
                        if let Some(comma) = (first..j).rev().find(|&c| view.is_comma(c)) {
                            if !opens_clause {
                                speaker.retain(|&k| view.mentions[k].1 > comma);
                            }
                        }
                    }
                    speaker_start = speaker
                        .iter()
                        .map(|&k| view.mentions[k].1)
                        .min()
                        .unwrap_or(j);
                }
            }
            // "Egypt, which signed a pact in August, said", "Iraqi forces, in a post on
            // social media, said", "the police, citing witnesses, said": the subject
            // before the relative clause or the aside speaks.
            if speaker.is_empty() && j > 1 && view.is_comma(j - 1) {
                let relative = (2..j - 1)
                    .rev()
                    .find(|&w| matches!(view.word(w), "which" | "who") && view.is_comma(w - 1))
                    .or_else(|| {
                        let open = (2..j - 1).rev().find(|&c| view.is_comma(c - 1))?;
                        let w = view.word(open);
                        let aside =
                            crate::view::is_preposition(w) || w.len() > 4 && w.ends_with("ing");
                        (aside && j - open <= 16).then_some(open)
                    });
                let clean = relative.is_some_and(|w| (w..j).all(|t| !view.is_hard_boundary(t)));
                if let Some(w) = relative.filter(|_| clean) {
                    if let Some(k) = view.mention_at[w - 2] {
                        speaker = subject_left(lex, view, actors, w - 1);
                        if !speaker.contains(&k) {
                            speaker = vec![k];
                        }
                        speaker_start = speaker
                            .iter()
                            .map(|&k| view.mentions[k].1)
                            .min()
                            .unwrap_or(w - 2);
                    }
                }
            }
            // "The army, in a statement on its website, said ...": after an aside between
            // commas, the verb's subject in the parse speaks, before any words after the
            // verb ("..., said rebels attacked": the parse may read them as its object).
            let after_aside = verb_start > 0 && view.is_comma(verb_start - 1);
            if speaker.is_empty() && after_aside {
                aside_subject = parsed_subject(view, r);
                if let Some(k) = aside_subject.and_then(|t| view.mention_at[t]) {
                    speaker = vec![k];
                    speaker_start = view.mentions[k].1;
                }
            }
            // "“...,” said Kim": the speaker after the verb, only where the verb opens
            // its clause and what follows is no clause it governs ("..., said troops
            // had crossed": the troops are what is said).
            let verb_opens = j == 0 || view.is_comma(j - 1) || view.is_quote(j - 1);
            if speaker.is_empty()
                && verb_opens
                && aside_subject.is_none()
                && r + 1 < n
                && !complement_follows(view, r)
            {
                if let Some(k) = view.mention_at[r + 1] {
                    speaker = vec![k];
                    speaker_start = j;
                    speaker_end = view.mentions[k].2;
                }
            }
        }
        let mut text = String::new();
        // "The army, in a statement, said": the parse's subject before the aside, when no
        // actor, is the source phrase.
        if let Some(t) = aside_subject.filter(|_| speaker.is_empty()) {
            let start = view.doc.map_or(t, |doc| doc.subtree(t).start).min(t);
            text = view.slice(start, t + 1).to_string();
            speaker_start = start;
        }
        if speaker.is_empty() && !participial && text.is_empty() {
            // "officials said": a source phrase without an actor.
            // "a senior official who asked not to be named said", "people familiar
            // with the matter said": up to eight words back, not across a clause link.
            let verb_opens = r == 0 || view.is_comma(r - 1) || view.is_quote(r - 1);
            let mut s = r;
            while s > 0 && is_speaker_skip(view.word(s - 1)) {
                s -= 1;
            }
            let chained = skip_onward_chain(view, s);
            if chained < s {
                s = chained;
                while s > 0 && is_speaker_skip(view.word(s - 1)) {
                    s -= 1;
                }
            }
            let phrase_end = s;
            while s > 0
                && phrase_end - s < 8
                && view.kinds[s - 1] == dyad_text::TokenKind::Word
                && !PHRASE_STOPS.contains(&view.word(s - 1))
            {
                s -= 1;
            }
            if s < phrase_end {
                text = view.slice(s, phrase_end).to_string();
                speaker_start = s;
            } else if verb_opens {
                // "..., said a diplomat, speaking on condition of anonymity".
                let mut e = r + 1;
                while e < n && e - r <= 6 && view.kinds[e] == dyad_text::TokenKind::Word {
                    e += 1;
                }
                if e > r + 1 {
                    text = view.slice(r + 1, e).to_string();
                    speaker_start = r;
                    speaker_end = e;
                }
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
        // "Russia attacked Kharkiv, officials said": the source vouches for what
        // precedes it, unless its verb goes on to a claim ("..., CNN reported that ...").
        let claim_follows = r + 1 < n
            && (view.word(r + 1) == "that"
                || complement_follows(view, r)
                || view.mention_at[r + 1].is_some_and(|k| {
                    let end = view.mentions[k].2;
                    end < n && view.kinds[end] == dyad_text::TokenKind::Word
                }));
        let backward = tag_opens_after_comma(view, speaker_start, r) && !claim_follows;
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
            // "Hamas claimed that ...": said without proof, alleged.
            hedged: claiming,
            speech: true,
            cue_tokens: (r, r + 1),
            phrase: (
                speaker_start.saturating_sub(2),
                trailing_anonymity(lex, view, speaker_end),
            ),
            source_types: Vec::new(),
        });
    }
    // Hedges: "reports suggest that ...", "allegedly".
    for c in &lex.cues.hedge {
        for p in 0..n {
            if !view.phrase_starts_at(&c.words, p) {
                continue;
            }
            let is_verb_cue = c.words.len() == 1
                && matches!(
                    c.words[0].as_str(),
                    "suggest" | "suggests" | "suggested" | "indicate" | "indicates" | "indicated"
                );
            let (text, refs, phrase_start) = if is_verb_cue {
                let mut s = p;
                while s > 0 && !view.is_comma(s - 1) && !view.is_hard_boundary(s - 1) {
                    s -= 1;
                }
                (
                    view.slice(s, p).to_string(),
                    actor_refs(view, actors, &mentions_in(view, s, p)),
                    s,
                )
            } else {
                (String::new(), Vec::new(), p)
            };
            let scope = if is_verb_cue {
                (p + 1, n)
            } else {
                modifier_scope(lex, view, p).unwrap_or((0, n))
            };
            out.push(Source {
                refs,
                text,
                cue: view.slice(p, p + c.words.len()).to_string(),
                scope,
                hedged: true,
                speech: false,
                cue_tokens: (p, p + c.words.len()),
                phrase: (phrase_start, p + c.words.len()),
                source_types: Vec::new(),
            });
        }
    }
    // Charges: "Chile's allegations that Bolivia shelled the town", "claims that ...":
    // what a charge's "that" clause tells is alleged, on the word of whose charge it is.
    for p in 0..n.saturating_sub(1) {
        let noun = view.tag(p).is_some_and(|t| t.upos == Upos::Noun);
        if !noun || !lex.charge_nouns.contains(view.word(p)) || view.word(p + 1) != "that" {
            continue;
        }
        let start = (0..p)
            .rev()
            .take(4)
            .take_while(|&j| charge_modifier(view, j))
            .last()
            .unwrap_or(p);
        // "denied reports that ...", "rejected Chile's allegation that ...": a charge a
        // denial rejects vouches for nothing (the denial decides its content).
        if rejected_charge(view, start) {
            continue;
        }
        let end = (p + 2..n)
            .find(|&j| view.is_comma(j) || view.is_hard_boundary(j))
            .unwrap_or(n);
        out.push(Source {
            refs: actor_refs(view, actors, &mentions_in(view, start, p)),
            text: view.slice(start, p).to_string(),
            cue: view.slice(p, p + 2).to_string(),
            scope: (p + 2, end),
            hedged: true,
            speech: false,
            cue_tokens: (p, p + 2),
            phrase: (start, p + 2),
            source_types: Vec::new(),
        });
    }
    type_sources(lex, view, actors, &mut out);
    out
}

/// Whether the speaker phrase starting at `start` opens right after a comma or a quote,
/// with only its own words between ("..., a Kenyan official said", "..., an official at
/// the embassy in Lima said"): no verb and no word that links clauses, before a reporting
/// word `r` the tagger reads as a verb (not the noun of "in Tarapaca state").
fn tag_opens_after_comma(view: &SentenceView<'_>, start: usize, r: usize) -> bool {
    if start > 0 && (view.is_comma(start - 1) || view.is_quote(start - 1)) {
        return true;
    }
    if !view.tagged_verb(r) {
        return false;
    }
    let Some(open) = (0..start)
        .rev()
        .take(12)
        .take_while(|&t| !view.is_hard_boundary(t))
        .find(|&t| view.is_comma(t) || view.is_quote(t))
    else {
        return false;
    };
    (open + 1..start).all(|t| {
        !view.tagged_verb(t)
            && !CLAUSE_OPENERS.contains(&view.word(t))
            && !matches!(view.word(t), "and" | "or")
    })
}

/// Whether token `j` belongs to the words before a charge noun that say whose charge it
/// is: a party ("Chile's", "Chilean"), an article, a possessive pronoun or an adjective
/// ("its repeated allegations").
pub(crate) fn charge_modifier(view: &SentenceView<'_>, j: usize) -> bool {
    view.mention_at[j].is_some()
        || view.word(j) == "'s"
        || crate::view::is_determiner(view.word(j))
        || view
            .tag(j)
            .is_some_and(|t| matches!(t.upos, Upos::Adj | Upos::Propn) || t.xpos == Xpos::PrpS)
}

/// What a hedging modifier covers in the parse: an adverbial or adjectival modifier
/// ("allegedly", "the alleged attack") hedges the word it modifies and what that word
/// governs — the whole sentence when it modifies the main verb ("troops allegedly
/// shelled the town"), only its own phrase below it ("arrested him for allegedly plotting
/// a coup": the arrest is not hedged; "condemned the alleged attack": the condemnation is
/// not). A hedged speaker hedges what it says ("unconfirmed reports said ..."). None
/// without a parse or for other words.
fn modifier_scope(lex: &Lexicon, view: &SentenceView<'_>, p: usize) -> Option<(usize, usize)> {
    let doc = view.doc.filter(|d| d.len() == view.len())?;
    if !matches!(doc.rels[p].main(), "advmod" | "amod") {
        return None;
    }
    let mut head = doc.head(p)?;
    if doc.rels[head].main() == "nsubj" {
        if let Some(verb) = doc.head(head) {
            if is_report_or_hedge_verb(lex, view.word(verb)) {
                head = verb;
            }
        }
    }
    let span = doc.subtree(head);
    Some((span.start, span.end))
}

/// Whether the reporting verb at `r` governs a complement clause after it in the parse
/// ("On Friday, officials said troops were deployed"): what follows is what the source
/// says, even when a fronted phrase and a comma stand before the speaker.
fn complement_follows(view: &SentenceView<'_>, r: usize) -> bool {
    view.doc
        .is_some_and(|doc| doc.children_with(r, "ccomp").any(|k| k > r))
}

/// The parse's subject of the reporting verb at `r`, a token, when it stands before the
/// verb ("The army, in a statement on its website, said").
fn parsed_subject(view: &SentenceView<'_>, r: usize) -> Option<usize> {
    let doc = view.doc.filter(|doc| doc.len() == view.len())?;
    doc.children_with(r, "nsubj").find(|&k| k < r)
}

/// The end of a source phrase that ends before token `end`: after a comma there, the
/// words of an anonymity clause ("..., said a diplomat, speaking on condition of
/// anonymity") still describe the source.
fn trailing_anonymity(lex: &Lexicon, view: &SentenceView<'_>, end: usize) -> usize {
    let n = view.len();
    if end < n && view.is_comma(end) {
        let mut j = end + 1;
        while j < n && !view.is_comma(j) && !view.is_hard_boundary(j) && j - end < 9 {
            j += 1;
        }
        let anonymous = (end + 1..j).any(|p| {
            lex.cues
                .source_types
                .iter()
                .any(|(c, t)| t == "anonymous" && view.phrase_starts_at(&c.words, p))
        });
        if anonymous {
            return j.min(n);
        }
    }
    end.min(n)
}

/// The first source-typing cue of `kinds` inside local tokens `from..to`.
fn word_type(
    lex: &Lexicon,
    view: &SentenceView<'_>,
    (from, to): (usize, usize),
    kinds: &[&str],
) -> Option<String> {
    lex.cues
        .source_types
        .iter()
        .filter(|(_, t)| kinds.contains(&t.as_str()))
        .find(|(c, _)| {
            (from..to.min(view.len()))
                .any(|p| p + c.words.len() <= to && view.phrase_starts_at(&c.words, p))
        })
        .map(|(_, t)| t.clone())
}

/// Source types that words fix whatever the actor's sector ("unnamed US officials",
/// "North Korean state media").
const MARKED_TYPES: &[&str] = &["anonymous", "state_media"];
/// Source types that words give when the actor has no telling sector ("officials said").
const WORD_TYPES: &[&str] = &[
    "intelligence",
    "military",
    "government",
    "igo",
    "ngo",
    "media",
    "person",
];

/// The source type an actor's code, sector and entity type give.
pub fn actor_source_type(
    code: Option<&str>,
    sector: Option<&str>,
    kind: Option<EntityType>,
) -> Option<&'static str> {
    match (code, sector) {
        (_, Some("SPY")) => Some("intelligence"),
        (_, Some("MIL")) => Some("military"),
        (_, Some("JRN")) => Some("media"),
        // An organisation's own code (`IGOUNO`, `NGOAMN`) is of its group.
        (Some(c), _) if in_group(c, "IGO") => Some("igo"),
        (_, Some("IGO")) => Some("igo"),
        (Some(c), _) if in_group(c, "NGO") => Some("ngo"),
        (_, Some("NGO")) => Some("ngo"),
        (_, Some("GOV" | "LEG" | "JUD" | "COP")) => Some("government"),
        _ => match kind {
            Some(EntityType::Person) => Some("person"),
            Some(EntityType::Country) => Some("government"),
            // A place that speaks is its government ("according to Seoul").
            Some(EntityType::Location) if code.is_some_and(|c| c.len() == 3) => Some("government"),
            _ => None,
        },
    }
}

/// The source type an actor reference's code, sector and entity type give
/// ([`actor_source_type`]).
pub fn ref_source_type(actors: &Actors, r: &ActorRef) -> Option<&'static str> {
    let kind = r
        .entity
        .as_ref()
        .and_then(|id| actors.entities.iter().find(|e| &e.id == id))
        .map(|e| e.kind);
    actor_source_type(r.code.as_deref(), r.sector.as_deref(), kind)
}

/// A source as a party to an event: the speaker who acts ("“We will send aid,” the minister said")
/// or the claimant a denial answers.
pub fn party(a: &Attribution) -> ActorRef {
    ActorRef {
        entity: a.entity.clone(),
        text: a.text.clone(),
        code: a.code.clone(),
        sector: a.sector.clone(),
        implicit: false,
    }
}

/// Fill [`Source::source_types`]: words that mark a source (anonymity, state outlets)
/// first, then the actor's sector and entity type, then words of the phrase, then `other`.
fn type_sources(lex: &Lexicon, view: &SentenceView<'_>, actors: &Actors, sources: &mut [Source]) {
    for s in sources.iter_mut() {
        // Only the source's own words: not the cue phrase "according to" alone.
        let marked = word_type(lex, view, s.phrase, MARKED_TYPES);
        let words = word_type(lex, view, s.phrase, WORD_TYPES);
        let count = s.refs.len().max(usize::from(!s.text.is_empty()));
        let mut types = Vec::with_capacity(count);
        for i in 0..count {
            let by_actor = s.refs.get(i).and_then(|r| ref_source_type(actors, r));
            let t = match (&marked, by_actor) {
                // "state media" only makes a state outlet of a media or unsectored source.
                (Some(m), Some("media" | "government") | None) if m == "state_media" => m.clone(),
                (Some(m), _) if m == "anonymous" => m.clone(),
                (_, Some(a)) => a.to_string(),
                _ => words.clone().unwrap_or_else(|| "other".to_string()),
            };
            types.push(t);
        }
        s.source_types = types;
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::toy_actors;
    use dyad_data::DataSet;

    fn sources(text: &str) -> Vec<Source> {
        let lex = Lexicon::from_data(&DataSet::embedded()).expect("embedded lexicon");
        let layer = dyad_text::analyze(text);
        let actors = toy_actors(text, &layer);
        let view = SentenceView::new(text, &layer, &actors, 0);
        find_sources(&lex, &view, &actors)
    }

    #[test]
    fn onward_chains_keep_their_speaker() {
        let s = sources("Chile went on to say that Peru attacked Bolivia.");
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!(s[0].refs[0].code.as_deref(), Some("CHI"));
        assert_eq!(s[0].cue, "say");
        let s = sources("The minister was quick to add that Peru attacked Bolivia.");
        assert_eq!(s[0].text, "The minister");
    }

    #[test]
    fn continued_speaks_only_without_a_complement() {
        let s = sources("Peru attacked Bolivia, the minister continued.");
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!((s[0].cue.as_str(), s[0].scope.0), ("continued", 0));
        assert!(sources("Peru continued to attack Bolivia.").is_empty());
        assert!(sources("Peru continued attacking Bolivia.").is_empty());
    }

    #[test]
    fn a_rejected_charge_is_no_source() {
        assert!(sources("Peru denied reports that it attacked Bolivia.").is_empty());
        assert!(sources("Peru rejected Western claims that it attacked Bolivia.").is_empty());
        assert_eq!(sources("Peru claims that Chile attacked Bolivia.").len(), 1);
    }
}
