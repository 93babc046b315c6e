//! Scoring whole stories against the `voa-events` gold (`eval/voa-events/`): every event
//! of every sentence, by the rules of the annotation guidelines ("How the sets are
//! scored"; `docs/eval.md` restates them with the choices they leave open).
//!
//! - A story is `in/<doc_id>.json` (text, publication date, sentences with byte offsets)
//!   and `gold/<doc_id>.jsonl` (one line per sentence with its events): [`read_story`].
//! - A coder event belongs to the gold sentence whose span holds the start of its trigger.
//! - Gold events of a sentence that share trigger and type are one *unit*, with the union
//!   of their actor, recipient and source codes and of their `alt` types; the coder's
//!   events that share trigger start and type are likewise one coder unit. An event
//!   merged from reports in several sentences counts in each ([`reports`]). Precision
//!   counts coder units ("coder events" below), recall gold units.
//! - A coder unit matches an unmatched gold unit of its sentence when its type is the
//!   unit's type or one of its `alt` types. Per sentence, the matching is a maximum one
//!   that, among those, has the most exact-type pairs, then the most pairs whose triggers
//!   overlap, then the most pairs that agree on actors ([`align`]).
//! - "Type + actors": a match whose coder unit names one of the unit's actor codes (when
//!   the unit has any) and one of its recipient codes (when it has any), codes compared by
//!   [`country_part`]. A unit without any actor code puts no condition on actors; the same
//!   for recipients.
//! - Status, date and source accuracy over matched units: the coder unit's first event
//!   speaks for it. Date: on units with a gold date, as precise as the gold's. Source: on
//!   units with a gold source code, against the event's own source ([`own_source`]).
//! - The project's fixed split ([`Split`]): stories sorted by doc_id, the one at 0-based
//!   index `i` is held out when `i % 3 == 2`.

use std::collections::{BTreeMap, BTreeSet};

use dyad_model::{Date, DatePrecision, Event, EventType, Extraction, Status};
use serde::{Deserialize, Serialize};

use crate::codes::country_part;
use crate::metrics::{ratio, round4, Prf};
use crate::part::Part;
use crate::table::{fmt3, TextTable};
use crate::EvalError;

/// The name of the set in reports.
pub const SET: &str = "voa-events";

// ---------------------------------------------------------------------------------------
// The split

/// The project's fixed division of the stories: sorted by doc_id (string order), the story
/// at 0-based index `i` is held out when `i % 3 == 2`, else it is a training story.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    Train,
    Heldout,
    All,
}

impl Split {
    /// Whether the story at 0-based `index` of the doc_id-sorted list belongs to the split.
    pub fn keeps(self, index: usize) -> bool {
        match self {
            Split::Train => !is_held_out(index),
            Split::Heldout => is_held_out(index),
            Split::All => true,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Split::Train => "train",
            Split::Heldout => "heldout",
            Split::All => "all",
        }
    }
}

/// Whether the story at 0-based `index` of the doc_id-sorted list is held out.
pub fn is_held_out(index: usize) -> bool {
    index % 3 == 2
}

/// Sorts the stories by doc_id, marks the held-out ones ([`Story::held_out`]) and keeps
/// those of `split`.
pub fn split_stories(mut stories: Vec<Story>, split: Split) -> Vec<Story> {
    stories.sort_by(|a, b| a.doc_id.cmp(&b.doc_id));
    stories
        .into_iter()
        .enumerate()
        .filter(|(i, _)| split.keeps(*i))
        .map(|(i, mut story)| {
            story.held_out = is_held_out(i);
            story
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Gold records

/// A party of a gold event: `{"text", "code", "sector"}`, each possibly null.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct GoldParty {
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub sector: Option<String>,
}

impl GoldParty {
    /// The comparable code ([`country_part`]), when the party has one.
    fn comparable_code(&self) -> Option<String> {
        comparable(self.code.as_deref())
    }
}

/// A gold date as precise as the annotator could resolve it (`2025`, `2025-03`,
/// `2025-03-14`): the first day of the period and its precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GoldDate {
    pub date: Date,
    pub precision: DatePrecision,
}

impl GoldDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<GoldDate> {
        let parts: Vec<&str> = text.trim().split('-').collect();
        let number = |s: &str, len: usize| {
            (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<i16>())
        };
        let year = number(parts.first()?, 4)?.ok()?;
        let (month, precision) = match parts.get(1) {
            Some(m) => (number(m, 2)?.ok()?, DatePrecision::Month),
            None => (1, DatePrecision::Year),
        };
        let (day, precision) = match parts.get(2) {
            Some(d) => (number(d, 2)?.ok()?, DatePrecision::Day),
            None => (1, precision),
        };
        if parts.len() > 3 {
            return None;
        }
        let date = Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()?;
        Some(GoldDate { date, precision })
    }

    /// Whether a coder's date (with its precision; none is a day) gives this date at least
    /// as precisely as it is written.
    pub fn agrees(&self, date: Option<Date>, precision: Option<DatePrecision>) -> bool {
        let Some(date) = date else { return false };
        let rank = |p: DatePrecision| match p {
            DatePrecision::Year => 0,
            DatePrecision::Month => 1,
            DatePrecision::Day => 2,
        };
        let precision = precision.unwrap_or(DatePrecision::Day);
        if rank(precision) < rank(self.precision) {
            return false;
        }
        let g = self.date;
        match self.precision {
            DatePrecision::Year => date.year() == g.year(),
            DatePrecision::Month => (date.year(), date.month()) == (g.year(), g.month()),
            DatePrecision::Day => date == g,
        }
    }
}

impl std::fmt::Display for GoldDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&date_text(self.date, self.precision))
    }
}

/// A date written as precisely as `precision` says (`2025`, `2025-03`, `2025-03-14`).
fn date_text(date: Date, precision: DatePrecision) -> String {
    match precision {
        DatePrecision::Year => format!("{:04}", date.year()),
        DatePrecision::Month => format!("{:04}-{:02}", date.year(), date.month()),
        DatePrecision::Day => date.to_string(),
    }
}

/// One gold event (the fields the scorer reads).
#[derive(Clone, Debug, PartialEq)]
pub struct GoldEvent {
    pub kind: EventType,
    pub alt: Vec<EventType>,
    pub trigger: String,
    pub actor: Option<GoldParty>,
    pub recipient: Option<GoldParty>,
    pub status: Status,
    pub source: Option<GoldParty>,
    pub date: Option<GoldDate>,
}

/// One sentence of a story: its sid, its byte span in the story's text, its gold events.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldSentence {
    pub sid: usize,
    pub start: usize,
    pub end: usize,
    pub events: Vec<GoldEvent>,
}

/// A story with its gold.
#[derive(Clone, Debug, PartialEq)]
pub struct Story {
    pub doc_id: String,
    pub title: String,
    pub published: Option<Date>,
    pub text: String,
    /// In order of their spans.
    pub sentences: Vec<GoldSentence>,
    /// Whether the story is one of the project's held-out stories (set by
    /// [`split_stories`]). Its misses are never listed.
    pub held_out: bool,
}

impl Story {
    /// The text of a sentence.
    pub fn sentence_text(&self, sentence: &GoldSentence) -> &str {
        self.text
            .get(sentence.start..sentence.end)
            .unwrap_or_default()
    }
}

#[derive(Deserialize)]
struct RawStory {
    doc_id: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    published: Option<String>,
    text: String,
    sentences: Vec<RawSentence>,
}

#[derive(Deserialize)]
struct RawSentence {
    sid: usize,
    start: usize,
    end: usize,
}

#[derive(Deserialize)]
struct RawGoldLine {
    doc_id: String,
    sid: usize,
    #[serde(default)]
    events: Vec<RawGoldEvent>,
}

#[derive(Deserialize)]
struct RawGoldEvent {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    alt: Option<Vec<String>>,
    trigger: String,
    #[serde(default)]
    actor: Option<GoldParty>,
    #[serde(default)]
    recipient: Option<GoldParty>,
    status: String,
    #[serde(default)]
    source: Option<GoldParty>,
    #[serde(default)]
    date: Option<String>,
}

fn error(input: &str, line: usize, message: impl Into<String>) -> EvalError {
    EvalError {
        input: input.to_string(),
        line,
        message: message.into(),
    }
}

/// The stories a trainer may learn from, given one set argument: `DIR` is every story of
/// the directory; `DIR:train` the project's training part only ([`Split::Train`]) less the
/// part `hold` of it, which `dyad eval events --split train --part K/N` then scores (for
/// cross-validation).
pub fn read_training_set(arg: &str, hold: Option<Part>) -> Result<Vec<Story>, EvalError> {
    match arg.strip_suffix(":train") {
        None => read_story_dir(std::path::Path::new(arg)),
        Some(dir) => {
            let all = read_story_dir(std::path::Path::new(dir))?;
            Ok(Part::rest(split_stories(all, Split::Train), hold))
        }
    }
}

/// Reads every story of a `voa-events`-style directory: `in/*.json`, each with its
/// `gold/<doc_id>.jsonl`, in file-name order. Errors name the file (line 0 when the
/// file itself cannot be read).
pub fn read_story_dir(dir: &std::path::Path) -> Result<Vec<Story>, EvalError> {
    let in_dir = dir.join("in");
    let io = |path: &std::path::Path, e: std::io::Error| {
        error(&path.display().to_string(), 0, e.to_string())
    };
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(&in_dir).map_err(|e| io(&in_dir, e))? {
        let path = entry.map_err(|e| io(&in_dir, e))?.path();
        if path.extension().is_some_and(|x| x == "json") {
            paths.push(path);
        }
    }
    paths.sort();
    let read = |path: &std::path::Path| std::fs::read_to_string(path).map_err(|e| io(path, e));
    let mut stories = Vec::with_capacity(paths.len());
    for path in paths {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let gold_path = dir.join("gold").join(format!("{stem}.jsonl"));
        let story = read_story(
            &path.display().to_string(),
            &read(&path)?,
            &gold_path.display().to_string(),
            &read(&gold_path)?,
        )?;
        if story.doc_id != stem {
            let message = format!("doc_id `{}` is not the file's name", story.doc_id);
            return Err(error(&path.display().to_string(), 0, message));
        }
        stories.push(story);
    }
    if stories.is_empty() {
        return Err(error(
            &in_dir.display().to_string(),
            0,
            "no story (in/*.json)",
        ));
    }
    Ok(stories)
}

/// Reads a story (`in/<doc_id>.json`, named `story_input` in errors) and its gold
/// (`gold/<doc_id>.jsonl`, named `gold_input`). Errors name the file and the line: JSON
/// that does not parse, sentence spans outside the text or off character boundaries,
/// unknown types, statuses or dates, gold lines of another story or of no sentence.
pub fn read_story(
    story_input: &str,
    story_text: &str,
    gold_input: &str,
    gold_text: &str,
) -> Result<Story, EvalError> {
    let raw: RawStory = serde_json::from_str(story_text)
        .map_err(|e| error(story_input, e.line(), e.to_string()))?;
    let published = match raw.published.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(crate::parse_gold_date(text).ok_or_else(|| {
            let line = line_of(story_text, "\"published\"", 0);
            error(
                story_input,
                line,
                format!("published: `{text}` is not a date"),
            )
        })?),
    };
    let mut sentences = Vec::with_capacity(raw.sentences.len());
    for (i, s) in raw.sentences.iter().enumerate() {
        let line = line_of(story_text, "\"sid\"", i);
        let fits = s.start <= s.end
            && raw.text.is_char_boundary(s.start)
            && raw.text.is_char_boundary(s.end);
        if !fits {
            return Err(error(
                story_input,
                line,
                format!(
                    "sentence {}: span {}..{} is not a span of the text ({} bytes) on character boundaries",
                    s.sid,
                    s.start,
                    s.end,
                    raw.text.len()
                ),
            ));
        }
        if sentences.iter().any(|o: &GoldSentence| o.sid == s.sid) {
            return Err(error(
                story_input,
                line,
                format!("sentence {} given twice", s.sid),
            ));
        }
        sentences.push(GoldSentence {
            sid: s.sid,
            start: s.start,
            end: s.end,
            events: Vec::new(),
        });
    }
    sentences.sort_by_key(|s| (s.start, s.end));
    let mut story = Story {
        doc_id: raw.doc_id,
        title: raw.title.unwrap_or_default(),
        published,
        text: raw.text,
        sentences,
        held_out: false,
    };
    let mut seen = BTreeSet::new();
    for (i, line) in gold_text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let raw: RawGoldLine =
            serde_json::from_str(line).map_err(|e| error(gold_input, n, e.to_string()))?;
        if raw.doc_id != story.doc_id {
            return Err(error(
                gold_input,
                n,
                format!(
                    "doc_id `{}` is not the story's (`{}`)",
                    raw.doc_id, story.doc_id
                ),
            ));
        }
        if !seen.insert(raw.sid) {
            return Err(error(gold_input, n, format!("sid {} given twice", raw.sid)));
        }
        let events = raw
            .events
            .into_iter()
            .enumerate()
            .map(|(k, e)| {
                gold_event(e).map_err(|m| error(gold_input, n, format!("event {}: {m}", k + 1)))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let sentence = story
            .sentences
            .iter_mut()
            .find(|s| s.sid == raw.sid)
            .ok_or_else(|| {
                error(
                    gold_input,
                    n,
                    format!("the story has no sentence {}", raw.sid),
                )
            })?;
        sentence.events = events;
    }
    Ok(story)
}

/// The 1-based line of the `nth` (0-based) occurrence of `needle` in `text`; 1 when
/// there is none.
fn line_of(text: &str, needle: &str, nth: usize) -> usize {
    text.match_indices(needle)
        .nth(nth)
        .map(|(at, _)| text[..at].matches('\n').count() + 1)
        .unwrap_or(1)
}

fn gold_event(raw: RawGoldEvent) -> Result<GoldEvent, String> {
    let kind = |name: &str| {
        EventType::ALL
            .into_iter()
            .find(|t| t.as_str() == name.trim())
            .ok_or_else(|| format!("`{name}` is not a PLOVER type"))
    };
    let status = match raw.status.trim() {
        "asserted" => Status::Asserted,
        "reported" => Status::Reported,
        "alleged" => Status::Alleged,
        "denied" => Status::Denied,
        "future" => Status::Future,
        "hypothetical" => Status::Hypothetical,
        "negated" => Status::Negated,
        other => return Err(format!("`{other}` is not a status")),
    };
    let date = match raw.date.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(
            GoldDate::parse(text)
                .ok_or_else(|| format!("date `{text}` is not YYYY, YYYY-MM or YYYY-MM-DD"))?,
        ),
    };
    Ok(GoldEvent {
        kind: kind(&raw.kind)?,
        alt: raw
            .alt
            .unwrap_or_default()
            .iter()
            .map(|a| kind(a))
            .collect::<Result<_, _>>()?,
        trigger: raw.trigger,
        actor: raw.actor,
        recipient: raw.recipient,
        status,
        source: raw.source,
        date,
    })
}

// ---------------------------------------------------------------------------------------
// Units and their alignment

/// The comparable code of a party, `None` when it has no code.
fn comparable(code: Option<&str>) -> Option<String> {
    let code = code.map(str::trim).filter(|c| !c.is_empty())?;
    let part = country_part(Some(code));
    (part != crate::codes::UNKNOWN).then_some(part)
}

/// The gold events of a sentence that share trigger (compared trimmed and without case)
/// and type.
#[derive(Clone, Debug)]
struct GoldUnit<'a> {
    kind: EventType,
    alt: BTreeSet<EventType>,
    trigger: &'a str,
    actors: BTreeSet<String>,
    recipients: BTreeSet<String>,
    status: Status,
    sources: BTreeSet<String>,
    dates: Vec<GoldDate>,
}

fn gold_units(sentence: &GoldSentence) -> Vec<GoldUnit<'_>> {
    let mut units: Vec<GoldUnit<'_>> = Vec::new();
    let key = |t: &str| t.trim().to_lowercase();
    for e in &sentence.events {
        let i = match units
            .iter()
            .position(|u| u.kind == e.kind && key(u.trigger) == key(&e.trigger))
        {
            Some(i) => i,
            None => {
                units.push(GoldUnit {
                    kind: e.kind,
                    alt: BTreeSet::new(),
                    trigger: e.trigger.trim(),
                    actors: BTreeSet::new(),
                    recipients: BTreeSet::new(),
                    status: e.status,
                    sources: BTreeSet::new(),
                    dates: Vec::new(),
                });
                units.len() - 1
            }
        };
        let unit = &mut units[i];
        unit.alt.extend(e.alt.iter().filter(|t| **t != e.kind));
        unit.actors
            .extend(e.actor.as_ref().and_then(GoldParty::comparable_code));
        unit.recipients
            .extend(e.recipient.as_ref().and_then(GoldParty::comparable_code));
        unit.sources
            .extend(e.source.as_ref().and_then(GoldParty::comparable_code));
        if let Some(d) = e.date {
            if !unit.dates.contains(&d) {
                unit.dates.push(d);
            }
        }
    }
    units
}

/// The coder's events of a sentence that share trigger start and type.
#[derive(Clone, Debug)]
struct CoderUnit<'a> {
    kind: EventType,
    start: usize,
    /// Never empty.
    events: Vec<&'a Event>,
    actors: BTreeSet<String>,
    recipients: BTreeSet<String>,
}

impl CoderUnit<'_> {
    /// The event that speaks for the unit (status, date, source): its first.
    fn first(&self) -> &Event {
        self.events[0]
    }
}

fn coder_units<'a>(events: &[&'a Event]) -> Vec<CoderUnit<'a>> {
    let mut units: Vec<CoderUnit<'a>> = Vec::new();
    for e in events {
        let (kind, start) = (e.event, e.trigger.start);
        let i = match units
            .iter()
            .position(|u| u.kind == kind && u.start == start)
        {
            Some(i) => i,
            None => {
                units.push(CoderUnit {
                    kind,
                    start,
                    events: Vec::new(),
                    actors: BTreeSet::new(),
                    recipients: BTreeSet::new(),
                });
                units.len() - 1
            }
        };
        let unit = &mut units[i];
        unit.events.push(e);
        unit.actors
            .extend(e.actor.iter().filter_map(|a| comparable(a.code.as_deref())));
        unit.recipients.extend(
            e.recipient
                .iter()
                .filter_map(|a| comparable(a.code.as_deref())),
        );
    }
    units
}

/// The codes of the source an event rests on: its last source phrase.
///
/// dyad lists an event's attributions source phrase by source phrase, in the order of the
/// sources that cover its trigger ("according to" phrases first, then reporting verbs in
/// text order), so the last phrase is the innermost source: in "A said B confirmed that X
/// attacked" it is B, and in "Mauritius has said the bases are not military; they give
/// India a foothold, say analysts" it is the analysts (no code). A phrase that names
/// several parties ("the US and Britain said") gives one attribution per party with the
/// same cue: the trailing attributions that share the last one's cue are that phrase.
pub fn own_source(event: &Event) -> Vec<String> {
    let Some(last) = event.attribution.last() else {
        return Vec::new();
    };
    let mut codes: Vec<String> = event
        .attribution
        .iter()
        .rev()
        .take_while(|a| a.cue == last.cue)
        .filter_map(|a| comparable(a.code.as_deref()))
        .collect();
    codes.reverse();
    codes.dedup();
    codes
}

/// Whether a coder unit names the parties a gold unit requires.
fn actors_agree(gold: &GoldUnit<'_>, coder: &CoderUnit<'_>) -> bool {
    (gold.actors.is_empty() || !gold.actors.is_disjoint(&coder.actors))
        && (gold.recipients.is_empty() || !gold.recipients.is_disjoint(&coder.recipients))
}

/// Whether the coder unit's trigger overlaps an occurrence of the gold trigger in the
/// sentence.
fn triggers_overlap(
    text: &str,
    sentence: &GoldSentence,
    gold: &GoldUnit<'_>,
    coder: &CoderUnit<'_>,
) -> bool {
    if gold.trigger.is_empty() {
        return false;
    }
    let t = &coder.first().trigger;
    let sentence_text = text.get(sentence.start..sentence.end).unwrap_or_default();
    sentence_text.match_indices(gold.trigger).any(|(at, m)| {
        let (start, end) = (sentence.start + at, sentence.start + at + m.len());
        start < t.end.max(t.start + 1) && t.start < end
    })
}

/// A matched pair: gold unit and coder unit indices of one sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Pair {
    gold: usize,
    coder: usize,
    exact: bool,
    actors: bool,
}

/// One sentence's units and their matching; `sentence` is `None` for the coder's events
/// outside every sentence.
struct Aligned<'a> {
    sentence: Option<&'a GoldSentence>,
    gold: Vec<GoldUnit<'a>>,
    coder: Vec<CoderUnit<'a>>,
    pairs: Vec<Pair>,
}

/// The coder's reports: every event, and a copy of it at each of its other mentions in
/// the document ([`Event::mentions`]), so that an event told in three sentences is
/// scored in each, as the gold lists it ("Repeated mentions of the same event in
/// different sentences are listed in each sentence that reports it").
pub fn reports(extraction: &Extraction) -> Vec<Event> {
    let mut out = Vec::with_capacity(extraction.events.len());
    for e in &extraction.events {
        for m in &e.mentions {
            let mut copy = e.clone();
            copy.sentence = m.sentence;
            copy.trigger = m.trigger.clone();
            copy.mentions.clear();
            // The sentence's own telling: in the story's voice, it has no source.
            if let Some(status) = m.status {
                copy.status = status;
                if status == Status::Asserted {
                    copy.attribution.clear();
                }
            }
            out.push(copy);
        }
        let mut own = e.clone();
        own.mentions.clear();
        // The first report's own telling, where a later one changed the event's status.
        if let Some(status) = e.first_status {
            own.status = status;
            if status == Status::Asserted {
                own.attribution.clear();
            }
        }
        out.push(own);
    }
    out
}

/// For each of `events` (coded from `story.text`, one per report: no merged mentions),
/// whether the scorer matches it to a gold unit by type: the labels a learned type
/// decision trains on.
pub fn matched_events(story: &Story, events: &[Event]) -> Vec<bool> {
    let mut matched = vec![false; events.len()];
    for aligned in align(story, events) {
        for pair in &aligned.pairs {
            for e in &aligned.coder[pair.coder].events {
                if let Some(i) = events.iter().position(|x| std::ptr::eq(x, *e)) {
                    matched[i] = true;
                }
            }
        }
    }
    matched
}

/// Groups a story's gold and coder reports ([`reports`]) into units per sentence and
/// matches them.
fn align<'a>(story: &'a Story, reports: &'a [Event]) -> Vec<Aligned<'a>> {
    let mut per_sentence: Vec<Vec<&Event>> = vec![Vec::new(); story.sentences.len()];
    let mut outside = Vec::new();
    for e in reports {
        let at = e.trigger.start;
        match story
            .sentences
            .iter()
            .position(|s| s.start <= at && at < s.end)
        {
            Some(i) => per_sentence[i].push(e),
            None => outside.push(e),
        }
    }
    let mut out: Vec<Aligned<'a>> = story
        .sentences
        .iter()
        .zip(per_sentence)
        .map(|(sentence, events)| {
            let gold = gold_units(sentence);
            let coder = coder_units(&events);
            let pairs = match_units(&story.text, sentence, &gold, &coder);
            Aligned {
                sentence: Some(sentence),
                gold,
                coder,
                pairs,
            }
        })
        .collect();
    if !outside.is_empty() {
        out.push(Aligned {
            sentence: None,
            gold: Vec::new(),
            coder: coder_units(&outside),
            pairs: Vec::new(),
        });
    }
    out
}

/// The matching of one sentence: maximum in pairs, then in exact-type pairs, then in
/// pairs with overlapping triggers, then in pairs that agree on actors (one weighted
/// assignment whose weights make each criterion outrank all the later ones together).
fn match_units(
    text: &str,
    sentence: &GoldSentence,
    gold: &[GoldUnit<'_>],
    coder: &[CoderUnit<'_>],
) -> Vec<Pair> {
    if gold.is_empty() || coder.is_empty() {
        return Vec::new();
    }
    let n = gold.len().max(coder.len());
    // A level's weight exceeds the sum of the lower levels over n pairs.
    let m = n as i64 + 1;
    let mut weights = vec![vec![0i64; n]; n];
    let mut facts = BTreeMap::new();
    for (g, unit) in gold.iter().enumerate() {
        for (c, cu) in coder.iter().enumerate() {
            let exact = cu.kind == unit.kind;
            if !exact && !unit.alt.contains(&cu.kind) {
                continue;
            }
            let trigger = triggers_overlap(text, sentence, unit, cu);
            let actors = actors_agree(unit, cu);
            weights[g][c] =
                m * m * m + i64::from(exact) * m * m + i64::from(trigger) * m + i64::from(actors);
            facts.insert((g, c), (exact, actors));
        }
    }
    assignment(&weights)
        .into_iter()
        .enumerate()
        .filter_map(|(g, c)| {
            let &(exact, actors) = facts.get(&(g, c))?;
            Some(Pair {
                gold: g,
                coder: c,
                exact,
                actors,
            })
        })
        .collect()
}

/// A maximum-weight assignment of rows to columns of a square matrix (the Hungarian
/// method, O(n³)): `result[row] = column`.
fn assignment(weights: &[Vec<i64>]) -> Vec<usize> {
    let n = weights.len();
    // Minimum-cost form with 1-based potentials (e-maxx layout).
    let cost = |i: usize, j: usize| -weights[i - 1][j - 1];
    let (mut u, mut v) = (vec![0i64; n + 1], vec![0i64; n + 1]);
    let (mut p, mut way) = (vec![0usize; n + 1], vec![0usize; n + 1]);
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![i64::MAX; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = i64::MAX;
            let mut j1 = 0;
            for j in 1..=n {
                if used[j] {
                    continue;
                }
                let cur = cost(i0, j) - u[i0] - v[j];
                if cur < minv[j] {
                    minv[j] = cur;
                    way[j] = j0;
                }
                if minv[j] < delta {
                    delta = minv[j];
                    j1 = j;
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut result = vec![0; n];
    for j in 1..=n {
        if p[j] > 0 {
            result[p[j] - 1] = j - 1;
        }
    }
    result
}

// ---------------------------------------------------------------------------------------
// Scores

/// A share of correct items.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Accuracy {
    pub correct: usize,
    pub total: usize,
}

impl Accuracy {
    pub fn share(&self) -> f64 {
        ratio(self.correct, self.total)
    }

    fn count(&mut self, correct: bool) {
        self.total += 1;
        self.correct += usize::from(correct);
    }

    fn add(&mut self, other: Accuracy) {
        self.correct += other.correct;
        self.total += other.total;
    }
}

impl Serialize for Accuracy {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Accuracy", 3)?;
        s.serialize_field("accuracy", &round4(self.share()))?;
        s.serialize_field("correct", &self.correct)?;
        s.serialize_field("total", &self.total)?;
        s.end()
    }
}

/// The scores of one story or of several ([`EventsReport::add`]).
///
/// In every [`Prf`] here, `predicted` counts coder units and `correct` the matched ones,
/// `gold` counts gold units and `found` the matched ones; per type, a match via `alt`
/// counts for the coder unit's type on the coder side and the gold unit's on the gold side.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct EventsReport {
    pub set: &'static str,
    pub stories: usize,
    pub sentences: usize,
    /// Gold events, and the units they make.
    pub gold_events: usize,
    pub gold_units: usize,
    /// The coder's events, and the units they make.
    pub coder_events: usize,
    pub coder_units: usize,
    /// Coder units whose trigger starts outside every sentence.
    pub outside_sentences: usize,
    pub event_type: Prf,
    /// Matches where the coder's type is the unit's own type, and where it is an `alt`.
    pub exact_type: usize,
    pub alt_type: usize,
    pub type_and_actors: Prf,
    /// On matched units.
    pub status: Accuracy,
    /// Matched units by gold status, then by the coder's.
    pub status_confusion: BTreeMap<Status, BTreeMap<Status, usize>>,
    /// On matched units with a gold date.
    pub date: Accuracy,
    /// On matched units the coder dates: whether the gold gives that date (an undated gold
    /// unit counts against it), the precision of the coder's dates.
    pub date_given: Accuracy,
    /// On matched units with a gold source code.
    pub source: Accuracy,
    pub per_type: BTreeMap<EventType, Prf>,
}

impl EventsReport {
    fn empty() -> EventsReport {
        EventsReport {
            set: SET,
            ..Default::default()
        }
    }

    /// Adds another report's counts to this one.
    pub fn add(&mut self, other: &EventsReport) {
        self.stories += other.stories;
        self.sentences += other.sentences;
        self.gold_events += other.gold_events;
        self.gold_units += other.gold_units;
        self.coder_events += other.coder_events;
        self.coder_units += other.coder_units;
        self.outside_sentences += other.outside_sentences;
        self.event_type.add(other.event_type);
        self.exact_type += other.exact_type;
        self.alt_type += other.alt_type;
        self.type_and_actors.add(other.type_and_actors);
        self.status.add(other.status);
        for (g, row) in &other.status_confusion {
            let mine = self.status_confusion.entry(*g).or_default();
            for (p, n) in row {
                *mine.entry(*p).or_default() += n;
            }
        }
        self.date.add(other.date);
        self.date_given.add(other.date_given);
        self.source.add(other.source);
        for (t, prf) in &other.per_type {
            self.per_type.entry(*t).or_default().add(*prf);
        }
    }
}

/// Scores one story's extraction (made from `story.text`) against its gold.
pub fn score_story(story: &Story, extraction: &Extraction) -> EventsReport {
    let mut r = EventsReport::empty();
    r.stories = 1;
    r.sentences = story.sentences.len();
    r.gold_events = story.sentences.iter().map(|s| s.events.len()).sum();
    r.coder_events = extraction.events.len();
    let reports = reports(extraction);
    for aligned in align(story, &reports) {
        r.gold_units += aligned.gold.len();
        r.coder_units += aligned.coder.len();
        if aligned.sentence.is_none() {
            r.outside_sentences += aligned.coder.len();
        }
        for unit in &aligned.gold {
            r.per_type.entry(unit.kind).or_default().gold += 1;
        }
        for unit in &aligned.coder {
            r.per_type.entry(unit.kind).or_default().predicted += 1;
        }
        for pair in &aligned.pairs {
            let (gold, coder) = (&aligned.gold[pair.gold], &aligned.coder[pair.coder]);
            r.per_type.entry(gold.kind).or_default().found += 1;
            r.per_type.entry(coder.kind).or_default().correct += 1;
            if pair.exact {
                r.exact_type += 1;
            } else {
                r.alt_type += 1;
            }
            if pair.actors {
                r.type_and_actors.correct += 1;
                r.type_and_actors.found += 1;
            }
            let checks = check_pair(gold, coder);
            r.status.count(checks.status);
            *r.status_confusion
                .entry(gold.status)
                .or_default()
                .entry(coder.first().status)
                .or_default() += 1;
            if let Some(ok) = checks.date {
                r.date.count(ok);
            }
            if let Some(ok) = checks.date_given {
                r.date_given.count(ok);
            }
            if let Some(ok) = checks.source {
                r.source.count(ok);
            }
        }
        let matched: usize = aligned.pairs.len();
        r.event_type.correct += matched;
        r.event_type.found += matched;
    }
    r.event_type.predicted = r.coder_units;
    r.event_type.gold = r.gold_units;
    r.type_and_actors.predicted = r.coder_units;
    r.type_and_actors.gold = r.gold_units;
    r
}

/// What a matched pair got right: status, and date and source where the gold gives them.
struct Checks {
    status: bool,
    date: Option<bool>,
    /// Where the coder gives a date: whether the gold gives it too.
    date_given: Option<bool>,
    source: Option<bool>,
}

fn check_pair(gold: &GoldUnit<'_>, coder: &CoderUnit<'_>) -> Checks {
    let first = coder.first();
    Checks {
        status: first.status == gold.status,
        date: (!gold.dates.is_empty()).then(|| {
            gold.dates
                .iter()
                .any(|d| d.agrees(first.date, first.date_precision))
        }),
        date_given: first.date.is_some().then(|| {
            gold.dates
                .iter()
                .any(|d| d.agrees(first.date, first.date_precision))
        }),
        source: (!gold.sources.is_empty()).then(|| {
            own_source(first)
                .iter()
                .any(|code| gold.sources.contains(code))
        }),
    }
}

/// Scores every story's extraction and adds the scores up.
pub fn score<'a>(pairs: impl IntoIterator<Item = (&'a Story, &'a Extraction)>) -> EventsReport {
    let mut report = EventsReport::empty();
    for (story, extraction) in pairs {
        report.add(&score_story(story, extraction));
    }
    report
}

impl EventsReport {
    /// The report as plain aligned tables.
    pub fn render(&self) -> String {
        let mut out = format!(
            "voa-events: {} stories, {} sentences; gold: {} events in {} units; dyad: {} events in {} units ({} outside every sentence)\n\n",
            self.stories,
            self.sentences,
            self.gold_events,
            self.gold_units,
            self.coder_events,
            self.coder_units,
            self.outside_sentences
        );
        let mut t = TextTable::new(&["score", "precision", "recall", "f1", "matched"]);
        for (name, prf) in [
            ("type", self.event_type),
            ("type + actors", self.type_and_actors),
        ] {
            t.row(vec![
                name.into(),
                fmt3(prf.precision()),
                fmt3(prf.recall()),
                fmt3(prf.f1()),
                prf.found.to_string(),
            ]);
        }
        out.push_str(&t.render());
        out.push_str(&format!(
            "matched units: {} by type, {} by an alt type\n\n",
            self.exact_type, self.alt_type
        ));
        let mut t = TextTable::new(&["on matched units", "accuracy", "correct", "of"]);
        for (name, acc) in [
            ("status", self.status),
            ("date (gold dated)", self.date),
            ("date (dyad dated)", self.date_given),
            ("source (gold sourced)", self.source),
        ] {
            t.row(vec![
                name.into(),
                fmt3(acc.share()),
                acc.correct.to_string(),
                acc.total.to_string(),
            ]);
        }
        out.push_str(&t.render());
        out.push('\n');
        out.push_str(&self.render_confusion());
        out.push('\n');
        let mut t = TextTable::new(&[
            "type",
            "gold",
            "predicted",
            "matched gold",
            "matched dyad",
            "P",
            "R",
            "F1",
        ]);
        let mut rows: Vec<(String, Prf)> = self
            .per_type
            .iter()
            .map(|(k, v)| (k.as_str().to_string(), *v))
            .collect();
        rows.push(("total".into(), self.event_type));
        for (name, prf) in rows {
            t.row(vec![
                name,
                prf.gold.to_string(),
                prf.predicted.to_string(),
                prf.found.to_string(),
                prf.correct.to_string(),
                fmt3(prf.precision()),
                fmt3(prf.recall()),
                fmt3(prf.f1()),
            ]);
        }
        out.push_str(&t.render());
        out
    }

    /// The status confusion table: gold statuses in rows, the coder's in columns (only
    /// the statuses that occur).
    fn render_confusion(&self) -> String {
        let mut statuses: BTreeSet<Status> = self.status_confusion.keys().copied().collect();
        statuses.extend(
            self.status_confusion
                .values()
                .flat_map(|r| r.keys().copied()),
        );
        let mut header = vec!["status: gold \\ dyad".to_string()];
        header.extend(statuses.iter().map(|s| s.as_str().to_string()));
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let mut t = TextTable::new(&header);
        for g in &statuses {
            let row = self.status_confusion.get(g);
            let mut cells = vec![g.as_str().to_string()];
            cells.extend(statuses.iter().map(|p| {
                row.and_then(|r| r.get(p))
                    .copied()
                    .unwrap_or_default()
                    .to_string()
            }));
            t.row(cells);
        }
        t.render()
    }
}

// ---------------------------------------------------------------------------------------
// Misses

/// What is wrong with a unit in a sentence's misses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Problem {
    /// A gold unit no coder unit matched.
    Missed,
    /// A coder unit that matched no gold unit.
    Extra,
    /// Matched, but the coder's parties do not meet the type + actors condition.
    Actors,
    Status,
    Date,
    Source,
}

impl Problem {
    fn as_str(self) -> &'static str {
        match self {
            Problem::Missed => "missed",
            Problem::Extra => "extra",
            Problem::Actors => "actors",
            Problem::Status => "status",
            Problem::Date => "date",
            Problem::Source => "source",
        }
    }
}

/// A gold or coder unit as the misses show it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UnitView {
    #[serde(rename = "type")]
    pub kind: EventType,
    pub alt: Vec<EventType>,
    pub trigger: String,
    pub actors: Vec<String>,
    pub recipients: Vec<String>,
    pub status: Status,
    pub date: Option<String>,
    pub source: Vec<String>,
    /// The 0-based index of the unit it was matched with on the other side.
    pub matched: Option<usize>,
    pub problems: Vec<Problem>,
}

/// A sentence where dyad and the gold differ.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SentenceMiss {
    pub doc_id: String,
    /// `None` for the coder's events outside every sentence.
    pub sid: Option<usize>,
    pub text: String,
    pub gold: Vec<UnitView>,
    pub dyad: Vec<UnitView>,
}

/// The sentences with a difference, story by story, in sentence order. Held-out stories
/// ([`Story::held_out`]) are left out: the team never studies them.
pub fn misses<'a>(
    pairs: impl IntoIterator<Item = (&'a Story, &'a Extraction)>,
) -> Vec<SentenceMiss> {
    let mut out = Vec::new();
    for (story, extraction) in pairs {
        if story.held_out {
            continue;
        }
        let reports = reports(extraction);
        for aligned in align(story, &reports) {
            let mut gold: Vec<UnitView> = aligned.gold.iter().map(gold_view).collect();
            let mut dyad: Vec<UnitView> = aligned.coder.iter().map(coder_view).collect();
            for pair in &aligned.pairs {
                let checks = check_pair(&aligned.gold[pair.gold], &aligned.coder[pair.coder]);
                let problems: Vec<Problem> = [
                    (!pair.actors).then_some(Problem::Actors),
                    (!checks.status).then_some(Problem::Status),
                    (checks.date == Some(false)).then_some(Problem::Date),
                    (checks.source == Some(false)).then_some(Problem::Source),
                ]
                .into_iter()
                .flatten()
                .collect();
                gold[pair.gold].matched = Some(pair.coder);
                gold[pair.gold].problems = problems.clone();
                dyad[pair.coder].matched = Some(pair.gold);
                dyad[pair.coder].problems = problems;
            }
            for g in gold.iter_mut().filter(|g| g.matched.is_none()) {
                g.problems.push(Problem::Missed);
            }
            for d in dyad.iter_mut().filter(|d| d.matched.is_none()) {
                d.problems.push(Problem::Extra);
            }
            if gold.iter().chain(&dyad).all(|u| u.problems.is_empty()) {
                continue;
            }
            out.push(SentenceMiss {
                doc_id: story.doc_id.clone(),
                sid: aligned.sentence.map(|s| s.sid),
                text: aligned
                    .sentence
                    .map(|s| story.sentence_text(s).trim().to_string())
                    .unwrap_or_default(),
                gold,
                dyad,
            });
        }
    }
    out
}

fn gold_view(unit: &GoldUnit<'_>) -> UnitView {
    UnitView {
        kind: unit.kind,
        alt: unit.alt.iter().copied().collect(),
        trigger: unit.trigger.to_string(),
        actors: unit.actors.iter().cloned().collect(),
        recipients: unit.recipients.iter().cloned().collect(),
        status: unit.status,
        date: (!unit.dates.is_empty()).then(|| {
            unit.dates
                .iter()
                .map(GoldDate::to_string)
                .collect::<Vec<_>>()
                .join("|")
        }),
        source: unit.sources.iter().cloned().collect(),
        matched: None,
        problems: Vec::new(),
    }
}

fn coder_view(unit: &CoderUnit<'_>) -> UnitView {
    let first = unit.first();
    UnitView {
        kind: unit.kind,
        alt: Vec::new(),
        trigger: first.trigger.text.clone(),
        actors: unit.actors.iter().cloned().collect(),
        recipients: unit.recipients.iter().cloned().collect(),
        status: first.status,
        date: first
            .date
            .map(|d| date_text(d, first.date_precision.unwrap_or(DatePrecision::Day))),
        source: own_source(first),
        matched: None,
        problems: Vec::new(),
    }
}

/// One unit on a line: `TYPE/ALT "trigger" ACTORS -> RECIPIENTS status date (source X)`.
fn describe(unit: &UnitView) -> String {
    let codes = |c: &[String]| {
        if c.is_empty() {
            "-".to_string()
        } else {
            c.join("+")
        }
    };
    let mut kind = unit.kind.as_str().to_string();
    for a in &unit.alt {
        kind.push('/');
        kind.push_str(a.as_str());
    }
    let mut line = format!(
        "{kind} \"{}\" {} -> {} {}",
        unit.trigger,
        codes(&unit.actors),
        codes(&unit.recipients),
        unit.status.as_str()
    );
    if let Some(d) = &unit.date {
        line.push(' ');
        line.push_str(d);
    }
    if !unit.source.is_empty() {
        line.push_str(&format!(" (source {})", unit.source.join("+")));
    }
    line
}

/// The misses as text: one block per sentence, gold units then dyad's, each with the
/// index of its partner or what is wrong.
pub fn render_misses(misses: &[SentenceMiss]) -> String {
    let mut out = String::new();
    for m in misses {
        match m.sid {
            Some(sid) => out.push_str(&format!("\n[{} s{}] {}\n", m.doc_id, sid, m.text)),
            None => out.push_str(&format!("\n[{} outside every sentence]\n", m.doc_id)),
        }
        for (side, units, other) in [("gold", &m.gold, "dyad"), ("dyad", &m.dyad, "gold")] {
            for (i, u) in units.iter().enumerate() {
                let mut note = match u.matched {
                    Some(j) => format!("= {other} {}", j + 1),
                    None => String::new(),
                };
                let problems: Vec<&str> = u
                    .problems
                    .iter()
                    .copied()
                    .filter(|p| !matches!(p, Problem::Missed | Problem::Extra))
                    .map(Problem::as_str)
                    .collect();
                if u.problems.contains(&Problem::Missed) {
                    note = "MISSED".into();
                } else if u.problems.contains(&Problem::Extra) {
                    note = "EXTRA".into();
                } else if !problems.is_empty() {
                    note.push_str(&format!(", wrong: {}", problems.join(",")));
                }
                out.push_str(&format!("  {side} {}  {}   [{note}]\n", i + 1, describe(u)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{event, extraction};
    use dyad_model::testing::{attribution, EventFixture};
    use serde_json::{json, Value};

    const S0: &str = "Russia shelled Kharkiv and the US and France condemned the attack. ";
    const S1: &str = "Iran denied the charge, and Iraq accused Iran of lying on Friday. ";
    const S2: &str = "Officials said talks would resume in March. ";

    /// A gold party: `""` none, `"?"` one without a code, else one with that code.
    fn party(code: &str) -> Value {
        match code {
            "" => Value::Null,
            "?" => json!({"text": "someone", "code": null, "sector": null}),
            _ => json!({"text": code, "code": code, "sector": "GOV"}),
        }
    }

    /// An asserted, undated gold event with no source and no alt types.
    fn gold(kind: &str, trigger: &str, actor: &str, recipient: &str) -> Value {
        json!({"type": kind, "alt": [], "trigger": trigger, "actor": party(actor),
               "recipient": party(recipient), "status": "asserted", "source": null,
               "denied_by": [], "date": null, "place": null, "magnitude": null, "note": ""})
    }

    fn with(mut event: Value, key: &str, value: Value) -> Value {
        event[key] = value;
        event
    }

    fn story_files(
        doc_id: &str,
        sentences: &[&str],
        gold: &[(usize, Vec<Value>)],
    ) -> (String, String) {
        let text = sentences.concat();
        let mut spans = Vec::new();
        let mut at = 0;
        for (sid, s) in sentences.iter().enumerate() {
            spans.push(json!({"sid": sid, "start": at, "end": at + s.len(), "sentence": s}));
            at += s.len();
        }
        let story = json!({"doc_id": doc_id, "title": "A story", "published": "2025-03-16",
                           "text": text, "sentences": spans});
        let lines: Vec<String> = gold
            .iter()
            .map(|(sid, events)| {
                json!({"doc_id": doc_id, "sid": sid, "events": events}).to_string()
            })
            .collect();
        (story.to_string(), lines.join("\n"))
    }

    fn story(doc_id: &str, sentences: &[&str], gold: &[(usize, Vec<Value>)]) -> Story {
        let (story, gold) = story_files(doc_id, sentences, gold);
        read_story("in.json", &story, "gold.jsonl", &gold).unwrap()
    }

    /// A coder event of `kind` whose trigger is the first occurrence of `word` in the story.
    fn coded(
        story: &Story,
        kind: EventType,
        word: &str,
        actors: &[&str],
        recipients: &[&str],
    ) -> Event {
        let at = story.text.find(word).expect("the word is in the story");
        event(kind, actors, recipients).with_trigger(word, at)
    }

    #[test]
    fn the_split_rule_holds_out_every_third_story_by_doc_id() {
        assert_eq!(
            (0..6).map(is_held_out).collect::<Vec<_>>(),
            [false, false, true, false, false, true]
        );
        // String order: "10" sorts before "9".
        let stories: Vec<Story> = ["9", "10", "11", "8"]
            .iter()
            .map(|id| story(id, &[S2], &[]))
            .collect();
        let ids = |split| {
            split_stories(stories.clone(), split)
                .into_iter()
                .map(|s| (s.doc_id, s.held_out))
                .collect::<Vec<_>>()
        };
        let all = ids(Split::All);
        assert_eq!(
            all,
            [
                ("10".into(), false),
                ("11".into(), false),
                ("8".into(), true),
                ("9".into(), false)
            ]
        );
        assert_eq!(ids(Split::Heldout), [("8".into(), true)]);
        assert_eq!(ids(Split::Train).len(), 3);
        // 44 stories: 14 held out, 30 to train on.
        assert_eq!((0..44).filter(|i| Split::Heldout.keeps(*i)).count(), 14);
        assert_eq!((0..44).filter(|i| Split::Train.keeps(*i)).count(), 30);
    }

    #[test]
    fn gold_dates_compare_as_precisely_as_written() {
        let month = GoldDate::parse("2025-03").unwrap();
        assert_eq!(month.precision, DatePrecision::Month);
        assert_eq!(month.to_string(), "2025-03");
        let day: Date = "2025-03-14".parse().unwrap();
        assert!(month.agrees(Some(day), Some(DatePrecision::Day)));
        assert!(month.agrees(Some(day), None));
        assert!(!month.agrees(
            Some("2025-04-01".parse().unwrap()),
            Some(DatePrecision::Day)
        ));
        assert!(!month.agrees(
            Some("2025-01-01".parse().unwrap()),
            Some(DatePrecision::Year)
        ));
        assert!(!month.agrees(None, None));
        let exact = GoldDate::parse("2025-03-14").unwrap();
        assert!(exact.agrees(Some(day), Some(DatePrecision::Day)));
        // A month-precise date is not the day it starts on.
        let first = GoldDate::parse("2025-03-01").unwrap();
        assert!(!first.agrees(
            Some("2025-03-01".parse().unwrap()),
            Some(DatePrecision::Month)
        ));
        let year = GoldDate::parse("2023").unwrap();
        assert!(year.agrees(
            Some(day.with().year(2023).build().unwrap()),
            Some(DatePrecision::Year)
        ));
        for bad in [
            "2025-3",
            "25-03-01",
            "2025-02-30",
            "2025-03-01-01",
            "March",
            "",
        ] {
            assert_eq!(GoldDate::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn bad_files_are_errors_naming_file_and_line() {
        let (good_story, _) = story_files("a", &[S0, S1], &[]);
        let err = |story: &str, gold: &str| {
            read_story("in/a.json", story, "gold/a.jsonl", gold)
                .unwrap_err()
                .to_string()
        };
        let line = |event: Value| json!({"doc_id": "a", "sid": 1, "events": [event]}).to_string();
        let ok =
            json!({"doc_id": "a", "sid": 0, "events": [gold("ASSAULT", "shelled", "RUS", "UKR")]})
                .to_string();
        let cases = [
            (
                line(gold("BLAME", "accused", "IRQ", "IRN")),
                "gold/a.jsonl:2: event 1: `BLAME` is not a PLOVER type",
            ),
            (
                line(with(
                    gold("ACCUSE", "accused", "IRQ", "IRN"),
                    "alt",
                    json!(["NOPE"]),
                )),
                "gold/a.jsonl:2: event 1: `NOPE`",
            ),
            (
                line(with(
                    gold("ACCUSE", "accused", "IRQ", "IRN"),
                    "status",
                    json!("likely"),
                )),
                "gold/a.jsonl:2: event 1: `likely` is not a status",
            ),
            (
                line(with(
                    gold("ACCUSE", "accused", "IRQ", "IRN"),
                    "date",
                    json!("Friday"),
                )),
                "gold/a.jsonl:2: event 1: date `Friday`",
            ),
            ("{oops".to_string(), "gold/a.jsonl:2: "),
            (
                json!({"doc_id": "b", "sid": 0, "events": []}).to_string(),
                "gold/a.jsonl:2: doc_id `b`",
            ),
            (
                json!({"doc_id": "a", "sid": 7, "events": []}).to_string(),
                "gold/a.jsonl:2: the story has no sentence 7",
            ),
            (ok.clone(), "gold/a.jsonl:2: sid 0 given twice"),
        ];
        for (second, expected) in cases {
            let message = err(&good_story, &format!("{ok}\n{second}\n"));
            assert!(message.starts_with(expected), "{message}");
        }
        let pretty = "{\n\"doc_id\": \"a\", \"text\": \"abc\",\n\"sentences\": [\n{\"sid\": 0, \"start\": 0, \"end\": 2},\n{\"sid\": 1, \"start\": 2, \"end\": 9}]}";
        let message = err(pretty, "");
        assert!(
            message.starts_with("in/a.json:5: sentence 1: span 2..9"),
            "{message}"
        );
        let message = err("{\"doc_id\": \"a\"", "");
        assert!(message.starts_with("in/a.json:1: "), "{message}");
        let message = err(&good_story.replace("2025-03-16", "soon"), "");
        assert!(message.contains("published: `soon`"), "{message}");
    }

    #[test]
    fn units_merge_events_that_share_trigger_and_type_with_the_union_of_their_codes() {
        // Gold: one ACCUSE per condemning party (one unit, actors USA + FRA), and an
        // ASSAULT; coder: two ACCUSE events on the same trigger (one unit), one naming only
        // France, and an ASSAULT by the wrong country.
        let s = story(
            "a",
            &[S0],
            &[(
                0,
                vec![
                    gold("ASSAULT", "shelled", "RUS", "UKR"),
                    gold("ACCUSE", "condemned", "USA", "RUS"),
                    gold("ACCUSE", " Condemned", "FRA", "RUS"),
                ],
            )],
        );
        let x = extraction(vec![
            coded(&s, EventType::Accuse, "condemned", &["FRA"], &[]),
            coded(&s, EventType::Accuse, "condemned", &[], &["RUS"]),
            coded(&s, EventType::Assault, "shelled", &["BLR"], &["UKR"]),
        ]);
        let r = score_story(&s, &x);
        assert_eq!((r.gold_events, r.gold_units), (3, 2));
        assert_eq!((r.coder_events, r.coder_units), (3, 2));
        assert_eq!(r.event_type, Prf::from_counts(2, 2, 2));
        // The ACCUSE unit has FRA among its actors and RUS among its recipients (from its
        // second event); the ASSAULT names the wrong actor.
        assert_eq!(
            r.type_and_actors,
            Prf {
                correct: 1,
                predicted: 2,
                found: 1,
                gold: 2
            }
        );
        // The same trigger with another type is another unit.
        let s = story(
            "b",
            &[S1],
            &[(
                0,
                vec![
                    gold("REJECT", "denied", "IRN", "IRQ"),
                    gold("ACCUSE", "denied", "IRN", "IRQ"),
                ],
            )],
        );
        let r = score_story(
            &s,
            &extraction(vec![coded(
                &s,
                EventType::Reject,
                "denied",
                &["IRN"],
                &["IRQ"],
            )]),
        );
        assert_eq!(r.event_type, Prf::from_counts(1, 1, 2));
    }

    #[test]
    fn alt_types_match_and_exact_types_are_preferred() {
        let s = story(
            "a",
            &[S1],
            &[(
                0,
                vec![
                    with(
                        gold("REJECT", "denied", "IRN", "IRQ"),
                        "alt",
                        json!(["ACCUSE"]),
                    ),
                    gold("ACCUSE", "accused", "IRQ", "IRN"),
                ],
            )],
        );
        // One ACCUSE, on the trigger of the REJECT: it takes the exact-type unit.
        let one = extraction(vec![coded(
            &s,
            EventType::Accuse,
            "denied",
            &["IRN"],
            &["IRQ"],
        )]);
        let r = score_story(&s, &one);
        assert_eq!((r.exact_type, r.alt_type), (1, 0));
        assert_eq!(
            r.per_type[&EventType::Accuse],
            Prf {
                correct: 1,
                predicted: 1,
                found: 1,
                gold: 1
            }
        );
        assert_eq!(r.per_type[&EventType::Reject].found, 0);
        // The matching takes the ACCUSE on "accused" for the exact unit, the one on
        // "denied" for the REJECT by its alt, both with the right actors.
        let two = extraction(vec![
            coded(&s, EventType::Accuse, "denied", &["IRN"], &["IRQ"]),
            coded(&s, EventType::Accuse, "accused", &["IRQ"], &["IRN"]),
        ]);
        let r = score_story(&s, &two);
        assert_eq!((r.exact_type, r.alt_type), (1, 1));
        assert_eq!(r.event_type, Prf::from_counts(2, 2, 2));
        assert_eq!(r.type_and_actors.found, 2);
        // Per type: the alt match is the REJECT unit's (gold side) and an ACCUSE (coder side).
        assert_eq!(
            r.per_type[&EventType::Reject],
            Prf {
                correct: 0,
                predicted: 0,
                found: 1,
                gold: 1
            }
        );
        assert_eq!(
            r.per_type[&EventType::Accuse],
            Prf {
                correct: 2,
                predicted: 2,
                found: 1,
                gold: 1
            }
        );
        // A type that is neither the unit's nor an alt does not match.
        let other = extraction(vec![coded(
            &s,
            EventType::Threaten,
            "denied",
            &["IRN"],
            &[],
        )]);
        assert_eq!(
            score_story(&s, &other).event_type,
            Prf::from_counts(0, 1, 2)
        );
    }

    #[test]
    fn an_event_merged_from_several_sentences_is_scored_in_each() {
        // The gold lists the accusation in both sentences that report it; the coder
        // reports one event with a second mention.
        let s = story(
            "a",
            &[S1, "Iraq again accused Iran on Saturday. "],
            &[
                (0, vec![gold("ACCUSE", "accused", "IRQ", "IRN")]),
                (1, vec![gold("ACCUSE", "accused", "IRQ", "IRN")]),
            ],
        );
        let mut e = coded(&s, EventType::Accuse, "accused", &["IRQ"], &["IRN"]);
        let again = s.text.rfind("accused").unwrap();
        e.mentions.push(dyad_model::EventMention {
            sentence: 1,
            trigger: dyad_model::Trigger {
                text: "accused".into(),
                start: again,
                end: again + "accused".len(),
                rule: None,
            },
            status: None,
        });
        let r = score_story(&s, &extraction(vec![e.clone()]));
        assert_eq!(r.coder_events, 1);
        assert_eq!(r.event_type, Prf::from_counts(2, 2, 2));
        // The copy at a mention is told as that sentence tells it.
        e.status = Status::Reported;
        e.mentions[0].status = Some(Status::Asserted);
        let copies = reports(&extraction(vec![e.clone()]));
        let statuses: Vec<Status> = copies.iter().map(|c| c.status).collect();
        assert_eq!(statuses, [Status::Asserted, Status::Reported]);
        // Without the mention, the second report is missed.
        e.mentions.clear();
        let r = score_story(&s, &extraction(vec![e]));
        assert_eq!(r.event_type, Prf::from_counts(1, 1, 2));
    }

    #[test]
    fn a_maximum_matching_is_found_when_greedy_choices_would_block() {
        // Unit 1 accepts ACCUSE or REJECT, unit 2 only REJECT: the REJECT must go to unit 2.
        let s = story(
            "a",
            &[S1],
            &[(
                0,
                vec![
                    with(
                        gold("ACCUSE", "accused", "IRQ", "IRN"),
                        "alt",
                        json!(["REJECT"]),
                    ),
                    gold("REJECT", "denied", "IRN", "IRQ"),
                ],
            )],
        );
        let x = extraction(vec![
            coded(&s, EventType::Reject, "accused", &["IRQ"], &[]),
            coded(&s, EventType::Accuse, "lying", &["IRQ"], &[]),
        ]);
        let r = score_story(&s, &x);
        assert_eq!(r.event_type, Prf::from_counts(2, 2, 2));
        assert_eq!((r.exact_type, r.alt_type), (2, 0));
    }

    #[test]
    fn the_assignment_is_maximal() {
        // Against brute force on pseudo-random 4×4 matrices.
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % 5) as i64
        };
        for _ in 0..200 {
            let w: Vec<Vec<i64>> = (0..4).map(|_| (0..4).map(|_| next()).collect()).collect();
            let total =
                |cols: &[usize]| cols.iter().enumerate().map(|(r, c)| w[r][*c]).sum::<i64>();
            let mut best = 0;
            for a in 0..4 {
                for b in 0..4 {
                    for c in 0..4 {
                        for d in 0..4 {
                            let p = [a, b, c, d];
                            if BTreeSet::from(p).len() == 4 {
                                best = best.max(total(&p));
                            }
                        }
                    }
                }
            }
            let found = assignment(&w);
            assert_eq!(BTreeSet::from_iter(found.iter().copied()).len(), 4);
            assert_eq!(total(&found), best, "{w:?}");
        }
    }

    #[test]
    fn events_outside_every_sentence_count_against_precision() {
        let s = story(
            "a",
            &[S0],
            &[(0, vec![gold("ASSAULT", "shelled", "RUS", "UKR")])],
        );
        let mut beyond = coded(&s, EventType::Assault, "shelled", &["RUS"], &["UKR"]);
        beyond.trigger.start = s.text.len() + 5;
        let x = extraction(vec![
            coded(&s, EventType::Assault, "shelled", &["RUS"], &["UKR"]),
            beyond,
        ]);
        let r = score_story(&s, &x);
        assert_eq!(r.outside_sentences, 1);
        assert_eq!(r.event_type, Prf::from_counts(1, 2, 1));
        let missed = misses([(&s, &x)]);
        assert_eq!(missed.len(), 1);
        assert_eq!(missed[0].sid, None);
        assert_eq!(missed[0].dyad[0].problems, [Problem::Extra]);
        assert!(render_misses(&missed).contains("[a outside every sentence]"));
    }

    #[test]
    fn units_without_codes_put_no_condition_on_those_parties() {
        let s = story(
            "a",
            &[S0, S1, S2],
            &[
                // No actor code, recipient coded.
                (0, vec![gold("ASSAULT", "shelled", "?", "UKR")]),
                // Actor coded, recipient without code / no recipient.
                (
                    1,
                    vec![
                        gold("REJECT", "denied", "IRN", "?"),
                        gold("ACCUSE", "accused", "IRQ", ""),
                    ],
                ),
                // Neither.
                (2, vec![gold("CONSULT", "talks", "?", "")]),
            ],
        );
        let x = extraction(vec![
            coded(&s, EventType::Assault, "shelled", &["RUS"], &["UKR"]),
            coded(&s, EventType::Reject, "denied", &["IRN"], &["USA"]),
            coded(&s, EventType::Accuse, "accused", &["IRQ"], &["IRN"]),
            coded(&s, EventType::Consult, "talks", &[], &[]),
        ]);
        assert_eq!(score_story(&s, &x).type_and_actors.found, 4);
        // Where the unit has a code, it must be named: a coder actor without a code names
        // none (the REJECT); the ASSAULT's unit has no actor code.
        let x = extraction(vec![
            coded(&s, EventType::Assault, "shelled", &[""], &["UKR"]),
            coded(&s, EventType::Reject, "denied", &[""], &[]),
        ]);
        assert_eq!(score_story(&s, &x).type_and_actors.found, 1);
    }

    #[test]
    fn status_date_and_source_are_scored_on_matched_units() {
        let s = story(
            "a",
            &[S0, S1, S2],
            &[
                (
                    0,
                    vec![with(
                        with(
                            gold("ASSAULT", "shelled", "RUS", "UKR"),
                            "status",
                            json!("reported"),
                        ),
                        "source",
                        json!({"text": "Kyiv", "code": "UKR"}),
                    )],
                ),
                (
                    1,
                    vec![
                        with(
                            gold("ACCUSE", "accused", "IRQ", "IRN"),
                            "date",
                            json!("2025-03-14"),
                        ),
                        with(
                            gold("REJECT", "denied", "IRN", "IRQ"),
                            "date",
                            json!("2025-03"),
                        ),
                    ],
                ),
                (
                    2,
                    vec![with(
                        with(
                            with(gold("CONSULT", "talks", "?", ""), "status", json!("future")),
                            "date",
                            json!("2025-03"),
                        ),
                        "source",
                        json!({"text": "Officials", "code": "USA"}),
                    )],
                ),
            ],
        );
        let x = extraction(vec![
            // Reported, its own (innermost) source Ukraine after an outer US one.
            // Dated where the gold is not: no date error, but a date the gold does not give.
            coded(&s, EventType::Assault, "shelled", &["RUS"], &["UKR"])
                .on("2025-03-10")
                .with_status(Status::Reported)
                .attributed_to(attribution("Washington", "USA", "GOV", "said"))
                .attributed_to(attribution("Kyiv", "UKR", "GOV", "confirmed")),
            // Day right; month-precise gold, day-precise coder: right.
            coded(&s, EventType::Accuse, "accused", &["IRQ"], &["IRN"]).on("2025-03-14"),
            coded(&s, EventType::Reject, "denied", &["IRN"], &["IRQ"])
                .on("2025-03-02")
                .with_status(Status::Denied),
            // Future right, but April and no source.
            coded(&s, EventType::Consult, "talks", &[], &[])
                .on("2025-04-01")
                .with_precision(DatePrecision::Month)
                .with_status(Status::Future),
        ]);
        let r = score_story(&s, &x);
        assert_eq!(r.event_type, Prf::from_counts(4, 4, 4));
        assert_eq!(
            r.status,
            Accuracy {
                correct: 3,
                total: 4
            }
        );
        assert_eq!(r.status_confusion[&Status::Asserted][&Status::Denied], 1);
        assert_eq!(r.status_confusion[&Status::Asserted][&Status::Asserted], 1);
        assert_eq!(r.status_confusion[&Status::Future][&Status::Future], 1);
        assert_eq!(
            r.date,
            Accuracy {
                correct: 2,
                total: 3
            }
        );
        assert_eq!(
            r.date_given,
            Accuracy {
                correct: 2,
                total: 4
            }
        );
        assert_eq!(
            r.source,
            Accuracy {
                correct: 1,
                total: 2
            }
        );
        assert_eq!(own_source(&x.events[0]), ["UKR"]);
        // The last source phrase: the trailing attributions with the same cue; an
        // uncoded last source is no source, even after a coded one.
        let pair = coded(&s, EventType::Assault, "shelled", &["RUS"], &["UKR"])
            .attributed_to(attribution("Kyiv", "UKR", "GOV", "according to"))
            .attributed_to(attribution("the US", "USA", "GOV", "said"))
            .attributed_to(attribution("Britain", "GBR", "GOV", "said"));
        assert_eq!(own_source(&pair), ["USA", "GBR"]);
        let mut uncoded = pair.attributed_to(attribution("analysts", "", "", "say"));
        uncoded.attribution[3].code = None;
        assert!(own_source(&uncoded).is_empty());

        let text = r.render();
        for needle in [
            "type + actors",
            "status: gold \\ dyad",
            "denied",
            "CONSULT",
            "total",
            "date (gold dated)",
            "date (dyad dated)",
        ] {
            assert!(text.contains(needle), "{needle}: {text}");
        }
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["set"], "voa-events");
        assert_eq!(json["status"]["accuracy"], 0.75);
        assert_eq!(json["status_confusion"]["asserted"]["denied"], 1);
        assert_eq!(json["per_type"]["CONSULT"]["gold"], 1);

        let missed = misses([(&s, &x)]);
        let sids: Vec<Option<usize>> = missed.iter().map(|m| m.sid).collect();
        assert_eq!(sids, [Some(1), Some(2)]);
        assert_eq!(missed[0].gold[1].problems, [Problem::Status]);
        assert_eq!(missed[1].dyad[0].problems, [Problem::Date, Problem::Source]);
        let text = render_misses(&missed);
        assert!(text.contains("[a s1] Iran denied the charge"), "{text}");
        assert!(
            text.contains(
                "gold 2  REJECT \"denied\" IRN -> IRQ asserted 2025-03   [= dyad 2, wrong: status]"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "dyad 1  CONSULT \"talks\" - -> - future 2025-04   [= gold 1, wrong: date,source]"
            ),
            "{text}"
        );
    }

    #[test]
    fn scores_add_up_and_held_out_misses_are_never_listed() {
        let a = story(
            "a",
            &[S0],
            &[(0, vec![gold("ASSAULT", "shelled", "RUS", "UKR")])],
        );
        let mut b = story(
            "b",
            &[S1],
            &[(0, vec![gold("ACCUSE", "accused", "IRQ", "IRN")])],
        );
        let xa = extraction(vec![coded(
            &a,
            EventType::Assault,
            "shelled",
            &["RUS"],
            &["UKR"],
        )]);
        let xb = extraction(vec![coded(&b, EventType::Protest, "denied", &["IRN"], &[])]);
        let r = score([(&a, &xa), (&b, &xb)]);
        assert_eq!(r.stories, 2);
        assert_eq!(r.event_type, Prf::from_counts(1, 2, 2));
        assert_eq!(r.per_type[&EventType::Protest].predicted, 1);
        assert_eq!(misses([(&a, &xa), (&b, &xb)]).len(), 1);
        b.held_out = true;
        assert!(misses([(&a, &xa), (&b, &xb)]).is_empty());
        // The missed gold unit and the extra coder unit are marked.
        b.held_out = false;
        let m = &misses([(&b, &xb)])[0];
        assert_eq!(m.gold[0].problems, [Problem::Missed]);
        assert_eq!(m.dyad[0].problems, [Problem::Extra]);
    }
}
