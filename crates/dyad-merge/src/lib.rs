//! Cross-document event coreference: deciding whether the events that different articles
//! report describe one real happening, so that a store keeps one record per happening with
//! every report of it (GDELT counts reports; one kidnapping became hundreds of
//! "kidnappings"). Pure rules over [`dyad_model`] types: no storage, no I/O, so the SQLite
//! store and the Python/Spark binding share them.
//!
//! # The rule
//!
//! Two reports are one happening when all of these hold:
//!
//! 1. **Same block** ([`Happening::blocking_key`]): the same PLOVER event type, the same
//!    *unordered* pair of actor-code sets (`{RUS}` acting on `{PRK}` blocks with `{PRK}` on
//!    `{RUS}`), and the same modality class: what happened (asserted, reported, alleged,
//!    denied, negated: claims about one fact) never merges with what is planned (`future`)
//!    or conditional (`hypothetical`).
//! 2. **Compatible actors** ([`actors_compatible`]): for the symmetric types (CONSULT,
//!    AGREE, COOPERATE) either orientation; for every other type the same actor and
//!    recipient sides. Reports in which no actor has a code merge only when both name the
//!    same country as the place.
//! 3. **Compatible dates** ([`Happening::span`]): the dates overlap once widened by their
//!    precision: two `day` dates within [`MergeRules::day_window`] days (default ±2); a
//!    `month` date covers its month and a `year` date its year (so "in June" takes any day of
//!    June, not of July); a period (`date_end`) covers its days; an undated report stands
//!    for the [`MergeRules::undated_window`] days before its publication. Spans are capped
//!    at [`MAX_SPAN_DAYS`] so a store can find candidates with one index range.
//! 4. **Compatible places** ([`places_compatible`]): the same location country, or either
//!    unknown; two places the gazetteer resolved below country level (GeoNames ids) must be
//!    the same place (a strike on Kharkiv is not a strike on Odesa the same day).
//! 5. **Events with a side unknown** ([`one_sided_agree`]): when either report names no
//!    recipient (or no actor) with a code, type, the other side and date say little about
//!    which happening it is ("VOA requested comment" is in many unrelated stories, "an
//!    attack on Pakistani forces" in many reports of different attacks), so the reports
//!    must also name the same known place, use the same trigger word and tell it in
//!    agreeing sentences ([`texts_agree`]) — or be dated to the same day with the same
//!    specific CAMEO code and trigger phrases that name the same thing ("fired two
//!    ballistic missiles", "the launch of two ballistic missiles": [`same_act_same_day`]).
//!
//! Among several compatible events the closest wins ([`MatchScore`]: smallest date gap,
//! then same place, then same CAMEO code, then same date precision). Merging is greedy in
//! ingest order.
//!
//! # Claims
//!
//! Each report adds claims ([`claims`]): who asserts the happening (its attributed sources,
//! or the outlet itself when it states the event as fact) and who denies it (`denied_by`,
//! or the outlet when it states the event did not happen). The merged status
//! ([`merged_status`]) is `denied` when some report asserts and another denies, as in the
//! extraction contract.

use dyad_model::{Date, DatePrecision, Event, EventType, Status};
use serde::{Deserialize, Serialize};

/// The longest span, in days, a report's date may cover for matching (a year plus a margin).
pub const MAX_SPAN_DAYS: i64 = 400;

/// Tunable windows of the merge rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MergeRules {
    /// Two day-precision dates match when at most this many days apart.
    pub day_window: i64,
    /// An undated report stands for this many days before its publication date.
    pub undated_window: i64,
}

impl Default for MergeRules {
    fn default() -> MergeRules {
        MergeRules {
            day_window: 2,
            undated_window: 3,
        }
    }
}

/// Whether a report says the happening took place, is planned, or is conditional.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Asserted, reported, alleged, denied or negated: claims about one fact.
    Actual,
    Future,
    Hypothetical,
}

impl Modality {
    pub fn of(status: Status) -> Modality {
        match status {
            Status::Future => Modality::Future,
            Status::Hypothetical => Modality::Hypothetical,
            _ => Modality::Actual,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Actual => "actual",
            Modality::Future => "future",
            Modality::Hypothetical => "hypothetical",
        }
    }
}

/// What the merge rule looks at in one report (or in a merged event).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Happening {
    pub event: EventType,
    pub cameo: String,
    /// Distinct actor country/group codes, sorted.
    pub actor_codes: Vec<String>,
    /// Distinct recipient country/group codes, sorted.
    pub recipient_codes: Vec<String>,
    pub date: Option<Date>,
    pub date_end: Option<Date>,
    pub precision: Option<DatePrecision>,
    /// Publication date of the report's document (stands in for an undated event).
    pub published: Option<Date>,
    /// Location country, when known.
    pub country: Option<String>,
    /// GeoNames id of the place, when the gazetteer resolved one below country level.
    #[serde(default)]
    pub place_id: Option<u64>,
    pub modality: Modality,
    /// The trigger word, lower-cased (`requested`).
    #[serde(default)]
    pub trigger: String,
    /// The evidence sentence reduced by [`duplicate_fingerprint_text`].
    #[serde(default)]
    pub text: String,
}

fn codes(refs: &[dyad_model::ActorRef]) -> Vec<String> {
    let mut out: Vec<String> = refs
        .iter()
        .filter_map(|a| a.code.as_deref())
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_ascii_uppercase)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The days a happening may lie in: `lo ..= hi`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub lo: Date,
    pub hi: Date,
    /// Whether the span is a single day (or undated window) that merges within a window.
    pub fine: bool,
}

fn add_days(date: Date, days: i64) -> Date {
    date.checked_add(jiff::Span::new().days(days))
        .unwrap_or(date)
}

fn days_between(a: Date, b: Date) -> i64 {
    a.until(b)
        .map(|s| i64::from(s.get_days()))
        .unwrap_or(i64::MAX)
}

impl Happening {
    /// The happening an extracted event describes; `published` is its document's date.
    pub fn from_event(event: &Event, published: Option<Date>) -> Happening {
        Happening {
            event: event.event,
            cameo: event.cameo.clone(),
            actor_codes: codes(&event.actor),
            recipient_codes: codes(&event.recipient),
            date: event.date,
            date_end: event.date_end,
            precision: event.date_precision,
            published,
            country: event
                .location
                .as_ref()
                .and_then(|l| l.country.clone())
                .filter(|c| !c.is_empty()),
            place_id: event.location.as_ref().and_then(|l| l.geonameid),
            modality: Modality::of(event.status),
            trigger: event.trigger.text.trim().to_lowercase(),
            text: duplicate_fingerprint_text(&event.evidence),
        }
    }

    /// The block a happening falls in: `TYPE|modality|codes|codes`, the two code sets
    /// (each `+`-joined) in sorted order so that direction does not matter.
    pub fn blocking_key(&self) -> String {
        let a = self.actor_codes.join("+");
        let r = self.recipient_codes.join("+");
        let (first, second) = if a <= r { (a, r) } else { (r, a) };
        format!(
            "{}|{}|{}|{}",
            self.event.as_str(),
            self.modality.as_str(),
            first,
            second
        )
    }

    /// The days the happening may lie in, or `None` when neither the event nor its
    /// document is dated.
    pub fn span(&self, rules: &MergeRules) -> Option<Span> {
        let span = match (self.date, self.precision) {
            (Some(date), precision) => {
                let (lo, natural_hi, fine) = match precision {
                    Some(DatePrecision::Month) => {
                        let first = date.first_of_month();
                        (first, date.last_of_month(), false)
                    }
                    Some(DatePrecision::Year) => {
                        let first = date.first_of_year();
                        (first, date.last_of_year(), false)
                    }
                    Some(DatePrecision::Day) | None => (date, date, true),
                };
                let hi = match self.date_end {
                    Some(end) if end > natural_hi => end,
                    _ => natural_hi,
                };
                Span {
                    lo,
                    hi,
                    fine: fine && self.date_end.is_none_or(|end| end <= date),
                }
            }
            (None, _) => {
                let published = self.published?;
                Span {
                    lo: add_days(published, -rules.undated_window),
                    hi: published,
                    fine: true,
                }
            }
        };
        let cap = add_days(span.lo, MAX_SPAN_DAYS);
        Some(Span {
            hi: span.hi.min(cap),
            ..span
        })
    }

    /// The date a happening is filed and sorted under: the event date, else the
    /// publication date.
    pub fn anchor(&self) -> Option<Date> {
        self.date.or(self.published)
    }
}

/// Whether the dates of two happenings may be one day; the gap in days (0 when they
/// overlap) when they may.
pub fn dates_compatible(rules: &MergeRules, a: &Happening, b: &Happening) -> Option<i64> {
    let (sa, sb) = match (a.span(rules), b.span(rules)) {
        (Some(sa), Some(sb)) => (sa, sb),
        // Nothing dates either report: only the other rules decide.
        (None, None) => return Some(0),
        _ => return None,
    };
    let gap = if sa.hi < sb.lo {
        days_between(sa.hi, sb.lo)
    } else if sb.hi < sa.lo {
        days_between(sb.hi, sa.lo)
    } else {
        0
    };
    let allowed = if sa.fine && sb.fine {
        rules.day_window
    } else {
        0
    };
    (gap <= allowed).then_some(gap)
}

/// Whether the event type reads the same in both directions.
pub fn is_symmetric(event: EventType) -> bool {
    matches!(
        event,
        EventType::Consult | EventType::Agree | EventType::Cooperate
    )
}

/// Whether the actor sides of two happenings of one block agree.
pub fn actors_compatible(a: &Happening, b: &Happening) -> bool {
    let same = a.actor_codes == b.actor_codes && a.recipient_codes == b.recipient_codes;
    let swapped = a.actor_codes == b.recipient_codes && a.recipient_codes == b.actor_codes;
    let no_codes = a.actor_codes.is_empty()
        && a.recipient_codes.is_empty()
        && b.actor_codes.is_empty()
        && b.recipient_codes.is_empty();
    if no_codes {
        // Nothing says who: only a shared, known place may tie the reports.
        return a.country.is_some() && a.country == b.country;
    }
    same || (swapped && is_symmetric(a.event))
}

/// Same location country, or either unknown; and, when both name a gazetteer place
/// (a GeoNames id: a city, a region), the same place.
pub fn places_compatible(a: &Happening, b: &Happening) -> bool {
    let countries = match (&a.country, &b.country) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
        _ => true,
    };
    let places = match (a.place_id, b.place_id) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    countries && places
}

/// A trigger word without its inflection (`fired`, `fires`, `firing` → `fir`), so that the
/// same verb in two tenses counts as one trigger.
fn trigger_stem(word: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.chars().count() >= 3 {
                return stem;
            }
        }
    }
    word
}

/// Whether two triggers are the same word (up to inflection and case).
pub fn triggers_agree(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim().to_lowercase(), b.trim().to_lowercase());
    !a.is_empty() && trigger_stem(&a) == trigger_stem(&b)
}

/// Words too common to tell two sentences apart.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "had", "has", "have", "he",
    "her", "his", "in", "is", "it", "its", "of", "on", "or", "said", "she", "that", "the", "their",
    "they", "this", "to", "was", "were", "which", "who", "will", "with",
];

/// Least share of the shorter sentence's words that the other sentence must hold for the
/// two to tell one happening ([`texts_agree`]).
pub const TEXT_AGREEMENT: f64 = 0.6;

/// Whether two evidence sentences (as [`duplicate_fingerprint_text`] reduces them) tell the
/// same thing: at least [`TEXT_AGREEMENT`] of the content words of the shorter one are in
/// the other.
pub fn texts_agree(a: &str, b: &str) -> bool {
    let words = |text: &str| -> std::collections::BTreeSet<String> {
        duplicate_fingerprint_text(text)
            .split(' ')
            .filter(|w| !w.is_empty() && !STOP_WORDS.contains(w))
            .map(str::to_string)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let shorter = a.len().min(b.len());
    if shorter == 0 {
        return false;
    }
    let shared = a.intersection(&b).count();
    shared as f64 >= TEXT_AGREEMENT * shorter as f64
}

/// Whether a happening has a side (actor or recipient) without any code.
fn one_sided(h: &Happening) -> bool {
    h.actor_codes.is_empty() || h.recipient_codes.is_empty()
}

/// Rule 5 for reports of which one names no recipient or no actor (by code): the same
/// known place (a location country on both, and [`places_compatible`]), the same trigger
/// ([`triggers_agree`]) and agreeing sentences ([`texts_agree`]). True when both name both
/// sides.
pub fn one_sided_agree(a: &Happening, b: &Happening) -> bool {
    if !one_sided(a) && !one_sided(b) {
        return true;
    }
    let same_place = match (&a.country, &b.country) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(y) && places_compatible(a, b),
        _ => false,
    };
    let told_alike =
        same_place && triggers_agree(&a.trigger, &b.trigger) && texts_agree(&a.text, &b.text);
    told_alike || same_act_same_day(a, b)
}

/// The second way for one-sided reports to be one happening: the same day (both dated to
/// the day), the same specific CAMEO code (not a root's "not specified" code ending in 0)
/// and trigger phrases that name the same thing beyond their head word ("fired two
/// ballistic missiles" and "the launch of two ballistic missiles"). A bare verb ("VOA
/// requested comment") names nothing and never merges this way.
pub fn same_act_same_day(a: &Happening, b: &Happening) -> bool {
    let same_day = a.precision == Some(DatePrecision::Day)
        && b.precision == Some(DatePrecision::Day)
        && a.date.is_some()
        && a.date == b.date
        && a.date_end.is_none()
        && b.date_end.is_none();
    let specific = a.cameo == b.cameo && !a.cameo.ends_with('0');
    same_day && specific && trigger_objects_agree(&a.trigger, &b.trigger)
}

/// Whether two trigger phrases share a content word after their first word.
pub fn trigger_objects_agree(a: &str, b: &str) -> bool {
    let objects = |t: &str| -> std::collections::BTreeSet<String> {
        t.split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .skip(1)
            .map(str::to_lowercase)
            .filter(|w| w.chars().count() >= 4 && !STOP_WORDS.contains(&w.as_str()))
            .map(|w| trigger_stem(&w).to_string())
            .collect()
    };
    !objects(a).is_disjoint(&objects(b))
}

/// How well a compatible candidate matches; smaller is better (compare with `<`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct MatchScore {
    pub date_gap: i64,
    pub other_place: bool,
    pub other_cameo: bool,
    pub other_precision: bool,
}

/// Whether `a` and `b` are one happening, and how close they are.
pub fn matches(rules: &MergeRules, a: &Happening, b: &Happening) -> Option<MatchScore> {
    if a.event != b.event || a.modality != b.modality {
        return None;
    }
    if !actors_compatible(a, b) || !places_compatible(a, b) || !one_sided_agree(a, b) {
        return None;
    }
    let date_gap = dates_compatible(rules, a, b)?;
    Some(MatchScore {
        date_gap,
        other_place: a.country != b.country || a.place_id != b.place_id,
        other_cameo: a.cameo != b.cameo,
        other_precision: a.precision != b.precision,
    })
}

/// The index of the candidate `report` merges into, if any: the best-scoring compatible
/// one, the earliest on ties.
pub fn best_match<'a, I>(rules: &MergeRules, report: &Happening, candidates: I) -> Option<usize>
where
    I: IntoIterator<Item = &'a Happening>,
{
    candidates
        .into_iter()
        .enumerate()
        .filter_map(|(i, c)| matches(rules, report, c).map(|s| (s, i)))
        .min()
        .map(|(_, i)| i)
}

/// The happening a merged event stands for once `report` joins it: the finer date wins
/// (day over month over year over none), the place fills in when unknown.
pub fn absorb(event: &mut Happening, report: &Happening) {
    let rank = |p: Option<DatePrecision>, d: Option<Date>| match (d, p) {
        (None, _) => 0,
        (Some(_), Some(DatePrecision::Year)) => 1,
        (Some(_), Some(DatePrecision::Month)) => 2,
        (Some(_), _) => 3,
    };
    if rank(report.precision, report.date) > rank(event.precision, event.date) {
        event.date = report.date;
        event.date_end = report.date_end;
        event.precision = report.precision;
    }
    if event.country.is_none() {
        event.country = report.country.clone();
    }
    if event.place_id.is_none() {
        event.place_id = report.place_id;
    }
    if event.published.is_none() || report.published < event.published {
        event.published = event.published.min(report.published).or(report.published);
    }
}

/// Whether a claim asserts or denies a happening.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Asserts,
    Denies,
}

impl Stance {
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Asserts => "asserts",
            Stance::Denies => "denies",
        }
    }
}

/// Who asserts or denies a happening, according to one report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub stance: Stance,
    /// The claimant's words ("South Korean intelligence") or the outlet's name.
    pub claimant: String,
    pub code: Option<String>,
    pub sector: Option<String>,
    /// The attributing or denying word, when the text gives one.
    pub cue: Option<String>,
    /// Whether the claimant is the outlet itself (it states the event, or its negation,
    /// as fact).
    pub is_outlet: bool,
    /// The kind of source (`state_media`, `intelligence`, `government`, ...; see the
    /// contract's `attribution[].source_type`), when the report types it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_type: Option<String>,
    /// Whether the claimant hedges ("reports suggest", "allegedly": the report's status is
    /// `alleged`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hedged: bool,
}

/// The claims one report makes about its event; `outlet` names the report's source.
pub fn claims(event: &Event, outlet: &str) -> Vec<Claim> {
    let mut out = Vec::new();
    for a in &event.attribution {
        out.push(Claim {
            stance: Stance::Asserts,
            claimant: a.text.clone(),
            code: a.code.clone(),
            sector: a.sector.clone(),
            cue: Some(a.cue.clone()).filter(|c| !c.is_empty()),
            is_outlet: false,
            source_type: a.source_type.clone(),
            hedged: event.status == Status::Alleged,
        });
    }
    for d in &event.denied_by {
        out.push(Claim {
            stance: Stance::Denies,
            claimant: d.text.clone(),
            code: d.code.clone(),
            sector: None,
            cue: None,
            is_outlet: false,
            source_type: None,
            hedged: false,
        });
    }
    let outlet_stance = match event.status {
        Status::Asserted if event.attribution.is_empty() => Some(Stance::Asserts),
        Status::Negated => Some(Stance::Denies),
        _ => None,
    };
    if let Some(stance) = outlet_stance {
        out.push(Claim {
            stance,
            claimant: outlet.to_string(),
            code: None,
            sector: None,
            cue: None,
            is_outlet: true,
            source_type: None,
            hedged: false,
        });
    }
    out
}

/// The status of a merged event from the statuses of its reports: `denied` when some
/// report asserts and another denies (or a report itself is `denied`); otherwise the
/// strongest assertion (asserted, then reported, then alleged); `negated` when every
/// report negates it.
pub fn merged_status<I: IntoIterator<Item = Status>>(statuses: I) -> Option<Status> {
    let mut seen: Vec<Status> = statuses.into_iter().collect();
    if seen.is_empty() {
        return None;
    }
    seen.sort();
    seen.dedup();
    let has = |s: Status| seen.contains(&s);
    let asserts = has(Status::Asserted) || has(Status::Reported) || has(Status::Alleged);
    if has(Status::Denied) || (has(Status::Negated) && asserts) {
        return Some(Status::Denied);
    }
    // `seen` is sorted in the enum's order: asserted, reported, alleged, ..., negated.
    seen.first().copied()
}

/// The outlet of a document: its `source`, else its URL's host (without `www.`).
pub fn outlet(source: Option<&str>, url: Option<&str>) -> Option<String> {
    if let Some(source) = source.map(str::trim).filter(|s| !s.is_empty()) {
        return Some(source.to_string());
    }
    let url = url?.trim();
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// A document's text reduced for duplicate detection: lower-case words and numbers,
/// single-spaced, punctuation and layout dropped, so wire copies that differ only in
/// whitespace, quotes or case compare equal.
pub fn duplicate_fingerprint_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Fewest words a text needs for a [`simhash`].
pub const SIMHASH_MIN_WORDS: usize = 50;

/// Most differing bits between the [`simhash`]es of two near-duplicate texts.
pub const NEAR_DUPLICATE_BITS: u32 = 6;

fn mix64(mut x: u64) -> u64 {
    // splitmix64's finaliser: spreads FNV's weak low bits over the word.
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            h ^= u64::from(b' ');
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        for b in part.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    mix64(h)
}

/// A 64-bit SimHash of a text's word 3-shingles (after
/// [`duplicate_fingerprint_text`]): texts that differ by a few edits (a byline, an added
/// sentence, an editor's note) differ in at most [`NEAR_DUPLICATE_BITS`] bits; unrelated
/// texts in about 32. `None` for texts under [`SIMHASH_MIN_WORDS`] words.
pub fn simhash(text: &str) -> Option<u64> {
    let reduced = duplicate_fingerprint_text(text);
    let words: Vec<&str> = reduced.split(' ').filter(|w| !w.is_empty()).collect();
    if words.len() < SIMHASH_MIN_WORDS {
        return None;
    }
    let mut weights = [0i64; 64];
    for shingle in words.windows(3) {
        let h = fnv1a(shingle);
        for (bit, weight) in weights.iter_mut().enumerate() {
            if (h >> bit) & 1 == 1 {
                *weight += 1;
            } else {
                *weight -= 1;
            }
        }
    }
    Some(
        weights
            .iter()
            .enumerate()
            .filter(|(_, w)| **w > 0)
            .fold(0u64, |acc, (bit, _)| acc | (1 << bit)),
    )
}

/// Whether two [`simhash`]es belong to near-duplicate texts.
pub fn near_duplicates(a: u64, b: u64) -> bool {
    (a ^ b).count_ones() <= NEAR_DUPLICATE_BITS
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_model::testing::{self, attribution, date, denial, place, EventFixture};
    use dyad_model::{Attribution, Location};

    /// A report of the merge tests: dated 2024-06-19, between government actors.
    fn event(kind: EventType, actors: &[&str], recipients: &[&str]) -> Event {
        testing::event(kind, actors, recipients).on("2024-06-19")
    }

    fn happening(e: &Event) -> Happening {
        Happening::from_event(e, Some(date("2024-06-20")))
    }

    #[test]
    fn blocking_key_ignores_direction_and_order() {
        let a = happening(&event(EventType::Consult, &["RUS"], &["PRK"]));
        let b = happening(&event(EventType::Consult, &["PRK"], &["RUS"]));
        assert_eq!(a.blocking_key(), b.blocking_key());
        assert_eq!(a.blocking_key(), "CONSULT|actual|PRK|RUS");
        let future = event(EventType::Consult, &["RUS"], &["PRK"]).with_status(Status::Future);
        assert_ne!(happening(&future).blocking_key(), a.blocking_key());
    }

    #[test]
    fn day_dates_merge_within_the_window_only() {
        let rules = MergeRules::default();
        let a = happening(&event(EventType::Consult, &["RUS"], &["PRK"]));
        let mut later = event(EventType::Consult, &["PRK"], &["RUS"]);
        later.date = Some(date("2024-06-21"));
        assert_eq!(matches(&rules, &a, &happening(&later)).unwrap().date_gap, 2);
        later.date = Some(date("2024-06-23"));
        assert!(matches(&rules, &a, &happening(&later)).is_none());
    }

    #[test]
    fn month_and_year_precision_cover_their_period() {
        let rules = MergeRules::default();
        let a = happening(&event(EventType::Agree, &["RUS"], &["PRK"]));
        let mut month = event(EventType::Agree, &["RUS"], &["PRK"]);
        month.date = Some(date("2024-06-01"));
        month.date_precision = Some(DatePrecision::Month);
        assert!(matches(&rules, &a, &happening(&month)).is_some());
        month.date = Some(date("2024-07-01"));
        assert!(matches(&rules, &a, &happening(&month)).is_none());
        let mut year = event(EventType::Agree, &["RUS"], &["PRK"]);
        year.date = Some(date("2024-01-01"));
        year.date_precision = Some(DatePrecision::Year);
        assert!(matches(&rules, &a, &happening(&year)).is_some());
    }

    #[test]
    fn undated_reports_stand_for_the_days_before_publication() {
        let rules = MergeRules::default();
        let a = happening(&event(EventType::Agree, &["RUS"], &["PRK"]));
        let mut undated = event(EventType::Agree, &["RUS"], &["PRK"]);
        undated.date = None;
        undated.date_precision = None;
        let h = Happening::from_event(&undated, Some(date("2024-06-21")));
        assert!(matches(&rules, &a, &h).is_some());
        let h = Happening::from_event(&undated, Some(date("2024-07-21")));
        assert!(matches(&rules, &a, &h).is_none());
    }

    #[test]
    fn directed_types_keep_their_direction_symmetric_ones_do_not() {
        let rules = MergeRules::default();
        let a = happening(&event(EventType::Assault, &["RUS"], &["UKR"]));
        let b = happening(&event(EventType::Assault, &["UKR"], &["RUS"]));
        assert_eq!(a.blocking_key(), b.blocking_key());
        assert!(matches(&rules, &a, &b).is_none());
        let c = happening(&event(EventType::Consult, &["UKR"], &["RUS"]));
        let d = happening(&event(EventType::Consult, &["RUS"], &["UKR"]));
        assert!(matches(&rules, &c, &d).is_some());
    }

    #[test]
    fn places_in_different_countries_do_not_merge() {
        let rules = MergeRules::default();
        let country = |code: &str| place(code, code);
        let a = event(EventType::Consult, &["RUS"], &["PRK"]).at(country("PRK"));
        let b = a.clone().at(country("RUS"));
        let c = event(EventType::Consult, &["RUS"], &["PRK"]);
        assert!(matches(&rules, &happening(&a), &happening(&b)).is_none());
        assert!(matches(&rules, &happening(&a), &happening(&c)).is_some());
        // Without actor codes only a shared known place (and, without a recipient, the
        // same trigger and sentence) ties reports.
        let mut x = event(EventType::Assault, &[], &[])
            .with_evidence("Gunmen attacked a village near Maiduguri on Sunday.");
        x.actor.clear();
        let y = x.clone();
        assert!(matches(&rules, &happening(&x), &happening(&y)).is_none());
        x.location = Some(country("NGA"));
        let mut y = x.clone();
        assert!(matches(&rules, &happening(&x), &happening(&y)).is_some());
        y.location = None;
        assert!(matches(&rules, &happening(&x), &happening(&y)).is_none());
        // Two resolved cities of one country are two places.
        let city = |id: u64| Location {
            geonameid: Some(id),
            ..country("UKR")
        };
        let kharkiv = event(EventType::Assault, &["RUS"], &["UKR"]).at(city(706483));
        let odesa = kharkiv.clone().at(city(698740));
        let somewhere = event(EventType::Assault, &["RUS"], &["UKR"]);
        assert!(matches(&rules, &happening(&kharkiv), &happening(&odesa)).is_none());
        assert!(matches(&rules, &happening(&kharkiv), &happening(&somewhere)).is_some());
    }

    /// One report of a request with no recipient, in `country` (none when empty).
    fn request(trigger: &str, evidence: &str, country: &str) -> Happening {
        let mut e = event(EventType::Request, &["USA"], &[])
            .with_trigger(trigger, 0)
            .with_evidence(evidence);
        if !country.is_empty() {
            e = e.at(place(country, country));
        }
        happening(&e)
    }

    /// One report of a missile launch by PRK with no recipient and no place.
    fn launch(trigger: &str, cameo: &str, day: &str, evidence: &str) -> Happening {
        happening(
            &event(EventType::Assault, &["PRK"], &[])
                .with_cameo(cameo, -10.0, 4)
                .on(day)
                .with_trigger(trigger, 0)
                .with_evidence(evidence),
        )
    }

    #[test]
    fn one_sided_reports_of_the_same_act_on_the_same_day_merge() {
        let rules = MergeRules::default();
        let fired = launch(
            "fired two short-range ballistic missiles",
            "194",
            "2025-01-06",
            "North Korea fired two short-range ballistic missiles off its east coast.",
        );
        let launched = launch(
            "launch of two ballistic missiles",
            "194",
            "2025-01-06",
            "South Korea protested North Korea's launch of two ballistic missiles on Monday.",
        );
        assert!(matches(&rules, &fired, &launched).is_some());
        // Another day, or a code that says only "assault, not specified": two happenings.
        let next_day = launch("launch of two ballistic missiles", "194", "2025-01-07", "");
        assert!(matches(&rules, &fired, &next_day).is_none());
        let unspecified = |t: &str| launch(t, "190", "2025-01-06", "");
        assert!(matches(
            &rules,
            &unspecified("fired missiles"),
            &unspecified("launch of missiles")
        )
        .is_none());
        // Trigger phrases that name different things.
        let shells = launch("fired artillery shells", "194", "2025-01-06", "");
        assert!(matches(&rules, &fired, &shells).is_none());
        // A bare verb names nothing: same day and code are not enough.
        let a = launch(
            "fired",
            "194",
            "2025-01-06",
            "Troops fired near the border.",
        );
        let b = launch("fired", "194", "2025-01-06", "Guards fired at a boat.");
        assert!(matches(&rules, &a, &b).is_none());
    }

    #[test]
    fn events_without_a_recipient_merge_only_when_place_trigger_and_text_agree() {
        let rules = MergeRules::default();
        // Four stories in which the outlet "requested comment": one actor, one type, one
        // date, no place. They are not one happening.
        let voa = [
            request(
                "requested",
                "VOA requested comment from the Department of Homeland Security.",
                "",
            ),
            request(
                "requested",
                "VOA requested comment from the Pentagon on the contract.",
                "",
            ),
            request(
                "requested",
                "VOA requested comment from the White House.",
                "",
            ),
            request(
                "requested",
                "VOA requested comment from the embassy, which declined.",
                "",
            ),
        ];
        for (i, a) in voa.iter().enumerate() {
            for b in &voa[i + 1..] {
                assert!(
                    matches(&rules, a, b).is_none(),
                    "{:?} / {:?}",
                    a.text,
                    b.text
                );
            }
        }
        // Even the same sentence does not tie two reports without a known place.
        assert!(matches(&rules, &voa[0], &voa[0].clone()).is_none());
        // The same place, trigger and sentence: one happening.
        let a = request(
            "requested",
            "Protesters requested the release of detained students in Dhaka.",
            "BGD",
        );
        let b = request(
            "requests",
            "Protesters in Dhaka requested the release of the detained students.",
            "BGD",
        );
        assert!(matches(&rules, &a, &b).is_some());
        // Another place, another trigger, or another sentence: two.
        let elsewhere = request(
            "requested",
            "Protesters requested the release of detained students in Dhaka.",
            "IND",
        );
        assert!(matches(&rules, &a, &elsewhere).is_none());
        let other_verb = request(
            "demanded",
            "Protesters demanded the release of detained students in Dhaka.",
            "BGD",
        );
        assert!(matches(&rules, &a, &other_verb).is_none());
        let other_story = request(
            "requested",
            "Farmers requested higher prices for rice at a rally in Dhaka.",
            "BGD",
        );
        assert!(matches(&rules, &a, &other_story).is_none());
        // With a recipient on both sides, the rule does not apply.
        let to = |evidence: &str| {
            happening(
                &event(EventType::Request, &["USA"], &["CHN"])
                    .with_trigger("urged", 0)
                    .with_evidence(evidence),
            )
        };
        assert!(matches(
            &rules,
            &to("Washington urged Beijing to act."),
            &to("A call for restraint.")
        )
        .is_some());
    }

    #[test]
    fn events_without_an_actor_are_held_to_the_same_rule() {
        let rules = MergeRules::default();
        let attack = |evidence: &str| {
            happening(
                &event(EventType::Assault, &[], &["PAK"])
                    .with_trigger("attacked", 0)
                    .with_evidence(evidence),
            )
        };
        // Two attacks on Pakistani forces by someone unnamed, the same week: not one.
        let a = attack("Gunmen attacked a police checkpoint in Bannu, killing two officers.");
        let b = attack("Militants attacked a military convoy in North Waziristan on Tuesday.");
        assert!(matches(&rules, &a, &b).is_none());
    }

    #[test]
    fn triggers_and_texts_compare_loosely() {
        assert!(triggers_agree("Fired", "fires"));
        assert!(triggers_agree("launched", "launching"));
        assert!(!triggers_agree("fired", "launched"));
        assert!(!triggers_agree("", ""));
        assert!(texts_agree(
            "The missiles were fired from near Pyongyang and flew 350 kilometres.",
            "Missiles fired from near Pyongyang flew about 350 kilometres, the military said."
        ));
        assert!(!texts_agree("Kim met Putin.", "Xi met Modi."));
        assert!(!texts_agree("", "anything"));
    }

    #[test]
    fn best_match_prefers_the_closest_date() {
        let rules = MergeRules::default();
        let report = happening(&event(EventType::Consult, &["RUS"], &["PRK"]));
        let far = event(EventType::Consult, &["RUS"], &["PRK"]).on("2024-06-17");
        let near = event(EventType::Consult, &["RUS"], &["PRK"]);
        let candidates = [happening(&far), happening(&near)];
        assert_eq!(best_match(&rules, &report, candidates.iter()), Some(1));
        assert_eq!(best_match(&rules, &report, std::iter::empty()), None);
    }

    #[test]
    fn absorb_keeps_the_finest_date() {
        let month = event(EventType::Agree, &["RUS"], &["PRK"])
            .on("2024-06-01")
            .with_precision(DatePrecision::Month);
        let mut merged = happening(&month);
        absorb(
            &mut merged,
            &happening(&event(EventType::Agree, &["RUS"], &["PRK"])),
        );
        assert_eq!(merged.date, Some(date("2024-06-19")));
        assert_eq!(merged.precision, Some(DatePrecision::Day));
    }

    #[test]
    fn claims_and_merged_status() {
        let mut e = event(EventType::Mobilize, &["PRK"], &["RUS"]);
        assert_eq!(claims(&e, "Reuters")[0].claimant, "Reuters");
        e = e
            .with_status(Status::Denied)
            .attributed_to(Attribution {
                source_type: Some("intelligence".into()),
                ..attribution("South Korean intelligence", "KOR", "SPY", "said")
            })
            .denied_by(denial("Moscow", "RUS"));
        let c = claims(&e, "Reuters");
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].stance, Stance::Asserts);
        assert_eq!(c[1].stance, Stance::Denies);
        assert_eq!(c[0].source_type.as_deref(), Some("intelligence"));
        assert!(!c[0].hedged);
        e.status = Status::Alleged;
        e.denied_by.clear();
        assert!(claims(&e, "Reuters")[0].hedged);
        use Status::*;
        assert_eq!(merged_status([Reported, Asserted]), Some(Asserted));
        assert_eq!(merged_status([Reported, Negated]), Some(Denied));
        assert_eq!(merged_status([Alleged, Denied]), Some(Denied));
        assert_eq!(merged_status([Negated]), Some(Negated));
        assert_eq!(merged_status([]), None);
    }

    #[test]
    fn simhash_tells_edited_copies_from_other_stories() {
        let story = "Russian Defence Minister Andrei Belousov met North Korean leader Kim Jong Un \
            in Pyongyang on Friday, state media reported, in the latest sign of deepening \
            military ties between the two countries. The meeting came weeks after the two \
            nations ratified a mutual defence treaty, and as Western governments accuse \
            Pyongyang of sending thousands of troops to fight alongside Russian forces. Kim \
            said his country would continue to support Moscow, according to the report, \
            while Belousov praised the strategic partnership between the neighbours.";
        let story = format!(
            "{story} North Korea has denied sending troops, and Moscow has called the reports \
             propaganda. Analysts say the exchange gives Pyongyang access to Russian military \
             technology and hard currency, while Russia gains artillery shells and missiles \
             for its war in Ukraine. South Korea and Japan have condemned the cooperation and \
             pledged to coordinate their response with the United States and other allies."
        );
        let story = story.as_str();
        let edited = format!("{story} Editor's note: this story was updated with more detail.");
        let other = "Protesters gathered outside parliament in Nairobi on Tuesday to oppose a \
            proposed finance bill that would raise taxes on bread, fuel and mobile money, \
            witnesses said. Police fired tear gas and arrested dozens of people as the crowd \
            grew through the afternoon. The government says the measures are needed to cut \
            the deficit and repay loans, but opposition leaders called the bill punitive and \
            promised further demonstrations across the country in the coming weeks.";
        let (a, b, c) = (
            simhash(story).unwrap(),
            simhash(&edited).unwrap(),
            simhash(other).unwrap(),
        );
        assert!(near_duplicates(a, b), "{}", (a ^ b).count_ones());
        assert!(!near_duplicates(a, c), "{}", (a ^ c).count_ones());
        assert_eq!(simhash("too short"), None);
    }

    #[test]
    fn outlets_and_fingerprints() {
        assert_eq!(outlet(Some("AP"), Some("https://x.org/a")).unwrap(), "AP");
        assert_eq!(
            outlet(None, Some("https://www.Reuters.com:443/world/a?b")).unwrap(),
            "reuters.com"
        );
        assert_eq!(outlet(None, None), None);
        assert_eq!(
            duplicate_fingerprint_text("Kim  met\n“Putin”, on Friday."),
            duplicate_fingerprint_text("kim met \"Putin\" on friday")
        );
    }
}
