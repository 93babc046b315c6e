//! Where a date expression sits in the parse relative to a trigger ([`place`]), and which
//! way in time the clause it is attached to points ([`direction`]).
//!
//! A date's *governor* is the word its phrase hangs on (the head of the date's head:
//! "met" in "met on Friday"). Its place relative to the trigger is read off the two paths
//! up to their lowest common ancestor: nominal steps ("seized the town in October", where
//! the parser hangs the date on "town") stay in the clause; clause steps (`ccomp`, `xcomp`,
//! `advcl`, `conj`, ...) leave it; a noun-modifying clause (`acl`) that holds the trigger
//! shuts out the dates of the clause around it.

use std::collections::HashSet;
use std::sync::OnceLock;

use dyad_data::{DataError, DataSet};
use dyad_syntax::SentenceDoc;
use dyad_text::{Upos, Xpos};

const FILE: &str = "events/dates.tsv";

/// The word lists of event dates (`events/dates.tsv`, overridable with `--data`).
#[derive(Clone, Debug, Default)]
pub struct DateLexicon {
    /// Lemmas whose to-complement lies ahead of the time they are said ("agreed to meet
    /// on Friday", "plans to vote in October", "is due to meet in January").
    ahead: HashSet<String>,
}

impl DateLexicon {
    /// Builds the lists from `events/dates.tsv`.
    pub fn from_data(data: &DataSet) -> Result<DateLexicon, DataError> {
        let mut lexicon = DateLexicon::default();
        for record in &data.table(FILE)?.records {
            let word = record
                .get("word")
                .ok_or_else(|| record.error(FILE, "missing word"))?;
            match record.get("kind") {
                Some("ahead") => {
                    lexicon.ahead.insert(word.to_lowercase());
                }
                other => {
                    return Err(record.error(FILE, format!("unknown kind {other:?} (ahead)")));
                }
            }
        }
        Ok(lexicon)
    }

    /// The lists of the embedded data (for tests and callers without a data set); empty
    /// if the embedded file does not load (a test checks that it does).
    pub fn embedded() -> &'static DateLexicon {
        static LEXICON: OnceLock<DateLexicon> = OnceLock::new();
        LEXICON.get_or_init(|| DateLexicon::from_data(&DataSet::embedded()).unwrap_or_default())
    }

    /// Whether `lemma` is a planning word (kind `ahead`).
    pub fn plans(&self, lemma: &str) -> bool {
        self.ahead.contains(&lemma.to_lowercase())
    }
}

/// Which way from publication a date without a year points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Back,
    Ahead,
}

/// Where a date expression sits relative to a trigger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    /// The word the date's phrase hangs on; `None` when the date is the root.
    pub governor: Option<usize>,
    /// 0: the trigger's own clause; 1: a complement the trigger governs ("agreed to meet
    /// on Friday"); 2: a clause that governs the trigger ("said Monday that ..."); 3: any
    /// other place.
    pub level: u8,
    /// Steps in the tree between the trigger and the governor.
    pub distance: usize,
    /// The date hangs on the trigger's own clause, so that the trigger's modality may
    /// stand in for a tense the clause does not show.
    pub own: bool,
    /// Words between the trigger and the date.
    pub words: usize,
}

/// How one step up the tree (from a token to its head) moves between clauses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// A nominal's step to its head: stays in the clause.
    Nominal,
    /// A clause modifying a noun (`acl`, `acl:relcl`).
    NounClause,
    /// A complement or coordinated verb ("agreed to *meet*", "met and *agreed*").
    Complement,
    /// Any other step between clauses (`ccomp`, `advcl`, `parataxis`, ...).
    Clause,
}

fn nominal(s: &SentenceDoc, k: usize) -> bool {
    matches!(
        s.tags[k].upos,
        Upos::Noun | Upos::Propn | Upos::Pron | Upos::Num
    )
}

fn infinitive(s: &SentenceDoc, k: usize) -> bool {
    s.children_with(k, "mark")
        .any(|c| s.lemmas[c].eq_ignore_ascii_case("to"))
}

fn step(s: &SentenceDoc, k: usize) -> Step {
    let rel = s.rels[k].main();
    match rel {
        "acl" if modifies_noun(s, k) => Step::NounClause,
        "acl" => Step::Clause,
        "ccomp" | "xcomp" | "advcl" | "parataxis" | "csubj" | "conj" | "root" | "dep"
            if !nominal(s, k) =>
        {
            let complement = rel == "xcomp"
                || (rel == "conj" && s.head(k).is_some_and(|h| !nominal(s, h)))
                || (matches!(rel, "advcl" | "ccomp") && infinitive(s, k));
            if complement {
                Step::Complement
            } else {
                Step::Clause
            }
        }
        "ccomp" | "xcomp" | "advcl" | "parataxis" | "csubj" => Step::Clause,
        _ => Step::Nominal,
    }
}

/// Whether the `acl` clause at `k` describes its noun at another time: a relative clause
/// ("who attacked the base last year") or a bare participle ("schoolgirls kidnapped in
/// Zamfara"). A content clause ("plans that Modi will visit") and an infinitive ("a plan
/// to vote") continue the clause around them, and so does a clause on a noun that the
/// parse puts where a clause belongs: the root of a verbless parse ("groups this week
/// called for ...") or a clause relation (a "when" clause whose verb the parser missed,
/// leaving the clause's subject as the `advcl`).
fn modifies_noun(s: &SentenceDoc, k: usize) -> bool {
    if s.head(k).is_some_and(|h| {
        nominal(s, h)
            && (s.head(h).is_none()
                || matches!(
                    s.rels[h].main(),
                    "advcl" | "ccomp" | "xcomp" | "parataxis" | "csubj" | "dep"
                ))
    }) {
        return false;
    }
    s.rels[k].name() == "acl:relcl" || s.children_with(k, "mark").next().is_none()
}

/// The token of `range` whose head lies outside it (the first one; `range.0` if none).
fn head_of(s: &SentenceDoc, range: (usize, usize), skip_case: bool) -> usize {
    let outside = |k: &usize| s.head(*k).is_none_or(|h| h < range.0 || h >= range.1);
    let mut heads = (range.0..range.1).filter(outside);
    let first = heads.next();
    if skip_case {
        if let Some(k) = (range.0..range.1)
            .filter(outside)
            .find(|&k| s.tags[k].upos != Upos::Adp)
        {
            return k;
        }
    }
    first.unwrap_or(range.0)
}

/// Where the date expression over tokens `date` sits relative to the trigger over tokens
/// `trigger`; `None` when it cannot be the trigger's date: another noun's possessive
/// ("condemned Monday's attack"), or a date outside a noun-modifying clause that holds the
/// trigger ("schoolgirls kidnapped in Zamfara were freed Tuesday").
pub fn place(s: &SentenceDoc, trigger: (usize, usize), date: (usize, usize)) -> Option<Place> {
    let t = head_of(s, trigger, false);
    let h = head_of(s, date, true);
    let words = if date.0 >= trigger.1 {
        date.0 - trigger.1
    } else {
        trigger.0.saturating_sub(date.1)
    };
    let Some(mut a) = s.head(h) else {
        return Some(Place {
            governor: None,
            level: 3,
            distance: s.len(),
            words,
            own: false,
        });
    };
    if trigger.0 <= a && a < trigger.1 {
        a = t;
    }
    // "last year's Columbia University protests": a compound of the trigger's noun phrase
    // is the phrase.
    let mut k = a;
    while matches!(s.rels[k].main(), "compound" | "flat") {
        match s.head(k) {
            Some(next) if next == t => {
                a = t;
                break;
            }
            Some(next) => k = next,
            None => break,
        }
    }
    if a != t && s.rels[h].name() == "nmod:poss" {
        return None;
    }
    // "in 2011 when soldiers took control", "on the day that ...": a clause on the date
    // itself happens at it; the date's tense is that of the clause it sits in.
    if s.dominates(h, t) {
        return Some(Place {
            governor: Some(a),
            level: 0,
            distance: 0,
            words,
            own: false,
        });
    }
    // The steps from the trigger up to the lowest node that dominates the governor.
    let mut up = Vec::new();
    let mut lca = t;
    while !s.dominates(lca, a) {
        up.push(step(s, lca));
        lca = s.head(lca)?;
        if up.len() > s.len() {
            return None;
        }
    }
    if up.contains(&Step::NounClause) {
        return None;
    }
    let mut down = Vec::new();
    let mut k = a;
    while k != lca {
        let next = s.head(k)?;
        // A clause hanging directly on a noun trigger is the noun's own ("talks held on
        // Monday").
        let own = next == t && lca == t && nominal(s, t) && step(s, k) == Step::NounClause;
        down.push(if own { Step::Nominal } else { step(s, k) });
        k = next;
        if down.len() > s.len() {
            return None;
        }
    }
    let all = |steps: &[Step], allowed: &[Step]| steps.iter().all(|x| allowed.contains(x));
    let level = if all(&up, &[Step::Nominal]) && all(&down, &[Step::Nominal]) {
        0
    } else if all(&up, &[Step::Nominal]) && all(&down, &[Step::Nominal, Step::Complement]) {
        1
    } else if all(&down, &[Step::Nominal]) {
        2
    } else {
        3
    };
    Some(Place {
        governor: Some(a),
        level,
        distance: up.len() + down.len(),
        words,
        own: level == 0,
    })
}

/// Future auxiliaries (lemmas): "will meet", "would meet", "shall meet".
const FUTURE_AUX: &[&str] = &["will", "would", "shall", "'ll", "wo", "'d"];

/// The tense of the clause headed by `v` alone: `Ahead` with a future auxiliary, `Back`
/// with a past auxiliary ("did", "was", "had"), the perfect ("has met") or a past tense or
/// bare past participle ("met", "troops sent in May").
fn tense(s: &SentenceDoc, v: usize) -> Option<Direction> {
    let auxiliaries: Vec<usize> = s.children_with(v, "aux").collect();
    if auxiliaries.iter().any(|&x| {
        FUTURE_AUX
            .iter()
            .any(|f| s.lemmas[x].eq_ignore_ascii_case(f))
    }) {
        return Some(Direction::Ahead);
    }
    if auxiliaries
        .iter()
        .any(|&x| s.tags[x].xpos == Xpos::Vbd || s.lemmas[x].eq_ignore_ascii_case("have"))
    {
        return Some(Direction::Back);
    }
    match s.tags[v].xpos {
        Xpos::Vbd => Some(Direction::Back),
        Xpos::Vbn if auxiliaries.is_empty() => Some(Direction::Back),
        _ => None,
    }
}

/// Which way the clause that holds `governor` points: ahead when it is future ("will meet
/// on Friday") or the to-complement of a planning word ("plans to vote in October", "is
/// due to meet in January", "a plan to vote in October", "is going to meet"), back when
/// it is past ("met on Friday", "in October the army seized"); a complement without a
/// tense of its own takes its governor's ("tried to meet on Friday"). `None` when the
/// clause says neither (present tense, a verbless phrase).
pub fn direction(lex: &DateLexicon, s: &SentenceDoc, governor: Option<usize>) -> Option<Direction> {
    let mut v = governor?;
    // From a noun the date hangs on to the predicate it belongs to.
    for _ in 0..4 {
        if !nominal(s, v) || step(s, v) != Step::Nominal {
            break;
        }
        match s.head(v) {
            Some(h) => v = h,
            None => return None,
        }
    }
    for _ in 0..8 {
        if let Some(direction) = tense(s, v) {
            return Some(direction);
        }
        let rel = s.rels[v].main();
        let h = s.head(v)?;
        if infinitive(s, v) && matches!(rel, "xcomp" | "advcl" | "ccomp" | "acl") {
            let going = s.lemmas[h].eq_ignore_ascii_case("go") && s.tags[h].xpos == Xpos::Vbg;
            if lex.plans(&s.lemmas[h]) || going {
                return Some(Direction::Ahead);
            }
        } else if !matches!(rel, "xcomp" | "conj") {
            return None;
        }
        v = h;
    }
    None
}

/// The tense of a trigger's clause, as far as the story's dates need it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Time {
    /// Present, simple or progressive, active or passive ("is threatening", "shells",
    /// "are detained").
    Present,
    /// The simple past, active or passive, or a past progressive ("attacked", "were
    /// killed", "was meeting").
    Past,
    /// The perfect ("has threatened", "had met"): some time before, no day.
    Perfect,
    /// A future, a modal or a conditional ("will meet", "could follow", "would retaliate").
    Modal,
}

/// The tense of the clause of the trigger over tokens `trigger`; `None` when the clause
/// shows none (an infinitive, a bare participle, a verbless phrase). A noun trigger is in
/// the clause of the predicate it belongs to ("sanctions are taking effect"); a verb
/// coordinated with a tensed one without a tense of its own shares it ("is testing and
/// deploying").
pub fn time(s: &SentenceDoc, trigger: (usize, usize)) -> Option<Time> {
    if trigger.0 >= trigger.1 || trigger.1 > s.len() {
        return None;
    }
    let mut v = head_of(s, trigger, false);
    for _ in 0..4 {
        if !nominal(s, v) || step(s, v) != Step::Nominal {
            break;
        }
        v = s.head(v)?;
    }
    for _ in 0..4 {
        if let Some(time) = clause_time(s, v) {
            return Some(time);
        }
        match s.head(v) {
            Some(h) if s.rels[v].main() == "conj" && !nominal(s, h) => v = h,
            _ => return None,
        }
    }
    None
}

/// The tense of the clause headed by `v` alone, `None` when it shows none.
fn clause_time(s: &SentenceDoc, v: usize) -> Option<Time> {
    let auxiliaries: Vec<usize> = s
        .children(v)
        .filter(|&c| matches!(s.rels[c].main(), "aux" | "cop"))
        .collect();
    let lemma =
        |x: usize, words: &[&str]| words.iter().any(|w| s.lemmas[x].eq_ignore_ascii_case(w));
    if auxiliaries
        .iter()
        .any(|&x| s.tags[x].xpos == Xpos::Md || lemma(x, FUTURE_AUX))
    {
        return Some(Time::Modal);
    }
    if auxiliaries.iter().any(|&x| lemma(x, &["have"])) {
        return Some(Time::Perfect);
    }
    if auxiliaries.iter().any(|&x| s.tags[x].xpos == Xpos::Vbd) {
        return Some(Time::Past);
    }
    if auxiliaries
        .iter()
        .any(|&x| matches!(s.tags[x].xpos, Xpos::Vbz | Xpos::Vbp))
    {
        return Some(Time::Present);
    }
    if !auxiliaries.is_empty() || nominal(s, v) {
        return None;
    }
    // A participle without an auxiliary heading a clause with a subject is a simple past
    // the tagger misread ("the army then expelled"); one that qualifies a noun ("the
    // schoolgirls kidnapped in Zamfara") is background, with no time of the narrative.
    match s.tags[v].xpos {
        Xpos::Vbz | Xpos::Vbp => Some(Time::Present),
        Xpos::Vbd => Some(Time::Past),
        Xpos::Vbn if s.children_with(v, "nsubj").next().is_some() => Some(Time::Past),
        _ => None,
    }
}
