//! Date expressions: finds them in a sentence and resolves them against the publication
//! date ("on Friday" → the last Friday on or before publication).
//!
//! The scanner walks the tokens of the span once, trying a fixed set of patterns at each
//! token (absolute dates, weekdays, months, years, relative expressions); every pattern
//! looks ahead a bounded number of tokens, so the whole scan is linear in the span.
//!
//! Resolution conventions (see the tests for one sentence per form):
//! - `date` is the first day of the date or period at its precision: month precision
//!   dates are the first of the month, year precision dates are 1 January.
//! - Bounded periods carry `end`: "last week" is Monday–Sunday with precision `day`,
//!   "this month" the whole month with precision `month`, "in the last few months"
//!   runs from the first of the month three months before publication to publication,
//!   precision `month` ("few", "several" and bare "recent months" count as three).
//! - Weekdays ("on Friday", "Friday", "last Friday", "this Friday") resolve to the last
//!   such day on or before publication; "next Monday" to the first one after it.
//! - Months and month-days without a year resolve to the most recent one on or before
//!   publication ("in June" in a March 2024 article is June 2023).
//! - Each such expression (and "this weekend") also carries its reading ahead
//!   ([`DateMention::ahead`]: the next one on or after publication), which an event in a
//!   future or planned clause takes ([`date_for_event`]).
//! - "since March" starts at March and ends at publication.
//! - Limits are marked ([`DateMention::bound`]): "by 2050", "until 2040", "by the end of
//!   this year", "a March 1 deadline".
//! - Without a publication date only expressions that carry their year resolve.
//!
//! Which expression dates an event is decided on the parse: [`date_for_event`], with
//! [`clause`] placing the date relative to the trigger and reading its clause's tense.

mod clause;
mod implied;

use dyad_model::{Date, DatePrecision, Span};
use dyad_syntax::SentenceDoc;
use dyad_text::token::{tokenize, Token, TokenKind};
use jiff::civil::Weekday;

pub use clause::DateLexicon;
pub use implied::imply_dates;

/// One date expression and what it resolves to.
#[derive(Clone, Debug, PartialEq)]
pub struct DateMention {
    /// The words of the expression ("on Friday", "in June", "in the last few months").
    pub span: Span,
    /// The (first day of the) date or period.
    pub date: Date,
    /// The last day, when the expression is a period.
    pub end: Option<Date>,
    pub precision: DatePrecision,
    /// The expression's tokens: indices into the token slice it was found in (a
    /// sentence's tokens for [`find_dates_in_tokens`]).
    pub tokens: (usize, usize),
    /// The reading of a month, month-day or weekday without a year, or of "this weekend",
    /// as the next occurrence on or after publication: what it means in a future or
    /// planned clause ("will meet on Friday"). `None` when the expression reads the same
    /// either way or only one way ("last Friday", "since March", "in June 2024").
    pub ahead: Option<(Date, Option<Date>)>,
    /// A limit, not a time at which something happens: a deadline or target ("by 2050",
    /// "until 2040", "by the end of this year", "a March 1 deadline").
    pub bound: Option<Bound>,
    /// The year is not written but guessed from the publication date (a month or weekday
    /// without a year).
    pub guessed: bool,
}

/// Finds the date expressions inside `within` (a byte span of `text`), resolved against
/// `published`. Without a publication date only absolute dates resolve.
pub fn find_dates(text: &str, within: Span, published: Option<Date>) -> Vec<DateMention> {
    let Some(slice) = text.get(within.start..within.end) else {
        return Vec::new();
    };
    let mut tokens = tokenize(slice);
    for token in &mut tokens {
        token.start += within.start;
        token.end += within.start;
    }
    find_dates_in_tokens(text, &tokens, published)
}

/// Finds the date expressions among `tokens` (a sentence's tokens from the text layer,
/// with offsets into `text`): what the coder calls, so no sentence is tokenised twice.
pub fn find_dates_in_tokens(
    text: &str,
    tokens: &[Token],
    published: Option<Date>,
) -> Vec<DateMention> {
    let scanner = Scanner {
        text,
        tokens,
        published,
        ahead: false,
    };
    let forward = Scanner {
        ahead: true,
        ..scanner
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match scanner.expression_with_preposition(i) {
            Some((end, resolved)) => {
                let ahead = match forward.expression_with_preposition(i) {
                    Some((e, r)) if e == end && r != resolved && !scanner.is(i, "since") => {
                        Some((r.date, r.end))
                    }
                    _ => None,
                };
                found.push(DateMention {
                    span: Span::new(tokens[i].start, tokens[end - 1].end),
                    date: resolved.date,
                    end: resolved.end,
                    precision: resolved.precision,
                    tokens: (i, end),
                    ahead,
                    bound: scanner.bound(i, end),
                    guessed: scanner.is_guessed(i, end),
                });
                i = end;
            }
            None => i += 1,
        }
    }
    found
}

/// How a date expression limits a time instead of giving it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// "by 2050", "by the end of this year", "no later than March 1": a deadline ahead;
    /// in a past clause, a time by which something had happened ("by Friday, the army had
    /// retaken the town"), which dates it.
    By,
    /// "until 2040", "till March", "before March 1": the end of a period or a time after
    /// the event.
    Until,
    /// Beside a deadline noun: "a March 1 deadline", "the deadline of March 1".
    Target,
}

/// Nouns for a part of a period after which "of" opens the date: "by the end of this year".
const PERIOD_PARTS: &[&str] = &["end", "close", "beginning", "start", "middle", "turn"];

/// Nouns that make a date beside them a deadline or a target: "a March 1 deadline", "the
/// deadline of March 1".
const TARGET_NOUNS: &[&str] = &["deadline", "target", "goal", "ultimatum", "timeline"];

/// A resolved date or period.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Resolved {
    date: Date,
    end: Option<Date>,
    precision: DatePrecision,
}

impl Resolved {
    fn day(date: Date) -> Resolved {
        Resolved {
            date,
            end: None,
            precision: DatePrecision::Day,
        }
    }

    fn month(date: Date) -> Resolved {
        Resolved {
            date: date.first_of_month(),
            end: None,
            precision: DatePrecision::Month,
        }
    }

    fn year(year: i16) -> Option<Resolved> {
        Some(Resolved {
            date: Date::new(year, 1, 1).ok()?,
            end: None,
            precision: DatePrecision::Year,
        })
    }

    fn period(date: Date, end: Date, precision: DatePrecision) -> Resolved {
        Resolved {
            date,
            end: Some(end),
            precision,
        }
    }
}

/// Prepositions that may open a date expression and belong to its span.
const PREPOSITIONS: &[&str] = &[
    "on",
    "in",
    "since",
    "during",
    "until",
    "till",
    "by",
    "before",
    "after",
    "from",
    "through",
    "throughout",
    "over",
    "at",
    "for",
    "within",
    "of",
];

/// Prepositions that license a bare month ("in June") or year ("in 2023"); "of", "for",
/// "at" and "over" are too often something else ("a budget of 2024", "at 1800").
const DATE_PREPOSITIONS: &[&str] = &[
    "on",
    "in",
    "since",
    "during",
    "until",
    "till",
    "by",
    "before",
    "after",
    "from",
    "through",
    "throughout",
    "within",
];

/// Words that narrow a month, year or period ("early June", "later this week").
const NARROWERS: &[&str] = &["early", "late", "mid", "earlier", "later"];

/// Words for parts of a day that may follow a day ("Monday night").
const DAY_PARTS: &[&str] = &["morning", "afternoon", "evening", "night", "overnight"];

/// Small counts written as words, for "two weeks ago" and "the past three months".
const COUNT_WORDS: &[(&str, i64)] = &[
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("fifteen", 15),
    ("eighteen", 18),
    ("twenty", 20),
    ("thirty", 30),
    ("few", 3),
    ("several", 3),
];

/// A month found at a token: its number and whether it is an abbreviation.
struct MonthWord {
    month: i8,
    abbreviated: bool,
}

/// Calendar units of relative expressions.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Unit {
    Hour,
    Day,
    Week,
    Month,
    Year,
    Decade,
}

#[derive(Clone, Copy)]
struct Scanner<'a> {
    text: &'a str,
    tokens: &'a [Token],
    published: Option<Date>,
    /// Resolve expressions without a year to their next occurrence on or after
    /// publication instead of the latest on or before it.
    ahead: bool,
}

impl Scanner<'_> {
    /// How the expression in tokens `start..end` is a limit ([`DateMention::bound`]):
    /// opened by a bound preposition, directly or through "the end of", "no later than",
    /// or beside a deadline noun. A possessive date belongs to its noun, not to the
    /// preposition ("before Friday's vote").
    fn bound(&self, start: usize, end: usize) -> Option<Bound> {
        let possessive = matches!(self.word(end), "'s" | "\u{2019}s");
        let noun_after = if possessive { end + 1 } else { end };
        // "a March 1 deadline", "Monday's deadline".
        if self.is_any(noun_after, TARGET_NOUNS) {
            return Some(Bound::Target);
        }
        if possessive {
            return None;
        }
        let kind = |word: &str| match word.to_ascii_lowercase().as_str() {
            "by" => Some(Bound::By),
            "until" | "till" | "before" => Some(Bound::Until),
            _ => None,
        };
        if let Some(kind) = kind(self.word(start)) {
            return Some(kind);
        }
        let before = |k: usize| -> &str {
            start
                .checked_sub(k)
                .map_or("", |i| self.tokens.get(i).map_or("", |t| t.text(self.text)))
        };
        if self.is(start, "of") {
            // "by the end of this year", "until the close of 2025".
            if PERIOD_PARTS
                .iter()
                .any(|p| before(1).eq_ignore_ascii_case(p))
            {
                let opener = if before(2).eq_ignore_ascii_case("the") {
                    before(3)
                } else {
                    before(2)
                };
                if let Some(kind) = kind(opener) {
                    return Some(kind);
                }
            }
            // "the deadline of March 1".
            if TARGET_NOUNS
                .iter()
                .any(|n| before(1).eq_ignore_ascii_case(n))
            {
                return Some(Bound::Target);
            }
        }
        // "no later than March 1".
        if before(1).eq_ignore_ascii_case("than") && before(2).eq_ignore_ascii_case("later") {
            return Some(Bound::By);
        }
        None
    }

    /// Whether the expression in tokens `start..end` names a month or weekday without a
    /// year ([`DateMention::guessed`]).
    fn is_guessed(&self, start: usize, end: usize) -> bool {
        let named = (start..end)
            .any(|i| month_word(self.word(i)).is_some() || weekday_word(self.word(i)).is_some());
        named && !(start..end).any(|i| year_number(self.word(i)).is_some())
    }

    fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.text(self.text))
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.word(i).eq_ignore_ascii_case(word)
    }

    fn is_any(&self, i: usize, words: &[&str]) -> bool {
        let w = self.word(i);
        words.iter().any(|x| w.eq_ignore_ascii_case(x))
    }

    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.tokens.get(i).map(|t| t.kind)
    }

    /// Whether tokens `i` and `i + 1` touch (no space between them).
    fn touching(&self, i: usize) -> bool {
        match (self.tokens.get(i), self.tokens.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// An expression at `i`, optionally opened by a preposition that joins its span.
    fn expression_with_preposition(&self, i: usize) -> Option<(usize, Resolved)> {
        if self.is_any(i, PREPOSITIONS) {
            let licensed = self.is_any(i, DATE_PREPOSITIONS);
            if let Some((end, mut resolved)) = self.expression(i + 1, licensed) {
                if self.is(i, "since") && resolved.end.is_none() {
                    if let Some(published) = self.published.filter(|p| *p >= resolved.date) {
                        resolved.end = Some(published);
                    }
                }
                return Some((end, resolved));
            }
            return None;
        }
        self.expression(i, false)
    }

    /// An expression starting at `i`; `licensed` when a date preposition precedes it.
    fn expression(&self, i: usize, licensed: bool) -> Option<(usize, Resolved)> {
        if self.is_any(i, NARROWERS) {
            let narrower = self.word(i).to_ascii_lowercase();
            if let Some((end, resolved)) = self.plain_expression(i + 1, true) {
                return Some((end, self.narrow(&narrower, resolved)));
            }
        }
        // "mid-June", "mid-2023": one token.
        if let Some(rest) = strip_prefix_ignore_case(self.word(i), "mid-") {
            if let Some(month) = month_word(rest) {
                if !month.abbreviated {
                    return Some((i + 1, self.month_alone(month.month, 0)?));
                }
            }
            if let Some(year) = year_number(rest) {
                return Some((i + 1, Resolved::year(year)?));
            }
        }
        self.plain_expression(i, licensed)
    }

    fn narrow(&self, narrower: &str, resolved: Resolved) -> Resolved {
        let Some(published) = self.published else {
            return resolved;
        };
        let Some(end) = resolved.end else {
            return resolved;
        };
        let contains_publication = resolved.date <= published && published <= end;
        match narrower {
            "earlier" if contains_publication => Resolved {
                end: Some(published),
                ..resolved
            },
            "later" if contains_publication => Resolved {
                date: published,
                ..resolved
            },
            _ => resolved,
        }
    }

    fn plain_expression(&self, i: usize, licensed: bool) -> Option<(usize, Resolved)> {
        if let Some(found) = self.iso_date(i) {
            return Some(found);
        }
        if let Some(found) = self.weekday(i) {
            return Some(found);
        }
        if let Some(found) = self.month_first(i, licensed) {
            return Some(found);
        }
        if let Some(found) = self.day_first(i) {
            return Some(found);
        }
        if licensed {
            if let Some(year) = self.year_at(i) {
                let glued = self.touching(i) && matches!(self.word(i + 1), "-" | "/" | "\u{2013}");
                if !glued && !self.is_any(i + 1, &["%", "percent"]) {
                    return Some((i + 1, Resolved::year(year)?));
                }
            }
        }
        self.relative(i)
    }

    /// "2024-11-29", "2024/11/29".
    fn iso_date(&self, i: usize) -> Option<(usize, Resolved)> {
        let year = self.year_at(i)?;
        let separator = self.word(i + 1);
        if !matches!(separator, "-" | "/") || self.word(i + 3) != separator {
            return None;
        }
        if !(self.touching(i) && self.touching(i + 1) && self.touching(i + 2)) {
            return None;
        }
        if self.kind(i + 2) != Some(TokenKind::Number)
            || self.kind(i + 4) != Some(TokenKind::Number)
        {
            return None;
        }
        let month = small_number(self.word(i + 2))?;
        let day = small_number(self.word(i + 4))?;
        let date = Date::new(year, month, day).ok()?;
        Some((i + 5, Resolved::day(date)))
    }

    /// "Friday", "last Friday", "next Monday", "Monday night", "Monday, Dec. 26".
    fn weekday(&self, i: usize) -> Option<(usize, Resolved)> {
        let (direction, at) = if self.is_any(i, &["last", "this", "past"]) {
            (0, i + 1)
        } else if self.is(i, "next") || self.is(i, "coming") {
            (1, i + 1)
        } else {
            (0, i)
        };
        let weekday = weekday_word(self.word(at))?;
        let mut end = at + 1;
        // An explicit date after the weekday wins: "Monday, Dec. 26".
        let explicit_at = if self.word(end) == "," { end + 1 } else { end };
        if let Some((explicit_end, resolved)) = self
            .month_first(explicit_at, false)
            .or_else(|| self.day_first(explicit_at))
        {
            if resolved.precision == DatePrecision::Day {
                return Some((explicit_end, resolved));
            }
        }
        if self.is_any(end, DAY_PARTS) {
            end += 1;
        }
        let published = self.published?;
        let from = published.weekday().to_monday_zero_offset() as i64;
        let to = weekday.to_monday_zero_offset() as i64;
        let date = if direction == 0 && self.ahead && !self.is_any(i, &["last", "past"]) {
            add_days(published, (to - from).rem_euclid(7))?
        } else if direction == 0 {
            add_days(published, -(from - to).rem_euclid(7))?
        } else {
            let ahead = (to - from).rem_euclid(7);
            add_days(published, if ahead == 0 { 7 } else { ahead })?
        };
        Some((end, Resolved::day(date)))
    }

    /// "November 29, 2024", "Nov. 29", "Oct. 25-26, 2016", "June 2024", "May of 2023",
    /// "last December", "in June".
    fn month_first(&self, i: usize, licensed: bool) -> Option<(usize, Resolved)> {
        let (shift, at) = if self.is(i, "last") {
            (-1, i + 1)
        } else if self.is(i, "next") {
            (1, i + 1)
        } else if self.is(i, "this") {
            (2, i + 1)
        } else {
            (0, i)
        };
        let month = self.month_at(at)?;
        if let Some(day) = self.day_at(at + 1) {
            let (mut end, last_day) = self.day_range_end(at + 1);
            let year = self.year_after(end);
            if let Some((year_end, _)) = year {
                end = year_end;
            }
            let year = match year {
                Some((_, year)) => year,
                None => self.year_for(month.month, day)?,
            };
            return Some((end, self.day_or_range(year, month.month, day, last_day)?));
        }
        if let Some(year) = self.year_at(at + 1) {
            return Some((
                at + 2,
                Resolved::month(Date::new(year, month.month, 1).ok()?),
            ));
        }
        if self.is(at + 1, "of") {
            if let Some(year) = self.year_at(at + 2) {
                return Some((
                    at + 3,
                    Resolved::month(Date::new(year, month.month, 1).ok()?),
                ));
            }
        }
        if month.abbreviated || (shift == 0 && !licensed) {
            return None;
        }
        Some((at + 1, self.month_alone(month.month, shift)?))
    }

    /// "29 November 2024", "5 June", "the 5th of June", "5-6 April 2016".
    fn day_first(&self, i: usize) -> Option<(usize, Resolved)> {
        let at = if self.is(i, "the") && ordinal_day(self.word(i + 1)).is_some() {
            i + 1
        } else {
            i
        };
        let day = self.day_at(at)?;
        let (mut next, last_day) = self.day_range_end(at);
        if self.is(next, "of") {
            next += 1;
        }
        let month = self.month_at(next)?;
        let mut end = next + 1;
        let year = self.year_after(end);
        if let Some((year_end, _)) = year {
            end = year_end;
        }
        let year = match year {
            Some((_, year)) => year,
            None => self.year_for(month.month, day)?,
        };
        Some((end, self.day_or_range(year, month.month, day, last_day)?))
    }

    fn day_or_range(
        &self,
        year: i16,
        month: i8,
        day: i8,
        last_day: Option<i8>,
    ) -> Option<Resolved> {
        let date = Date::new(year, month, day).ok()?;
        Some(
            match last_day.and_then(|d| Date::new(year, month, d).ok()) {
                Some(end) if end > date => Resolved::period(date, end, DatePrecision::Day),
                _ => Resolved::day(date),
            },
        )
    }

    /// After a day at `i`, an optional "-26" range: returns the token after and the last day.
    fn day_range_end(&self, i: usize) -> (usize, Option<i8>) {
        if matches!(self.word(i + 1), "-" | "\u{2013}") && self.touching(i) && self.touching(i + 1)
        {
            if let Some(last) = self.day_at(i + 2) {
                return (i + 3, Some(last));
            }
        }
        (i + 1, None)
    }

    /// A year after a date: ", 2024" or " 2024".
    fn year_after(&self, i: usize) -> Option<(usize, i16)> {
        if self.word(i) == "," {
            return self.year_at(i + 1).map(|y| (i + 2, y));
        }
        self.year_at(i).map(|y| (i + 1, y))
    }

    /// The year of a month-day without one: the most recent on or before publication (the
    /// next on or after it when reading ahead).
    fn year_for(&self, month: i8, day: i8) -> Option<i16> {
        let published = self.published?;
        let now = (published.month(), published.day());
        if self.ahead {
            return if (month, day) >= now {
                Some(published.year())
            } else {
                published.year().checked_add(1)
            };
        }
        if (month, day) <= now {
            Some(published.year())
        } else {
            published.year().checked_sub(1)
        }
    }

    /// A month without a year; `shift` is 0 (most recent on or before publication, or
    /// the next on or after it when reading ahead),
    /// -1 ("last June": before the publication month), 1 ("next June"), 2 ("this June").
    fn month_alone(&self, month: i8, shift: i8) -> Option<Resolved> {
        let published = self.published?;
        let year = published.year();
        let year = match shift {
            -1 if month < published.month() => year,
            -1 => year.checked_sub(1)?,
            1 if month > published.month() => year,
            1 => year.checked_add(1)?,
            2 => year,
            _ if self.ahead && month >= published.month() => year,
            _ if self.ahead => year.checked_add(1)?,
            _ if month <= published.month() => year,
            _ => year.checked_sub(1)?,
        };
        Some(Resolved::month(Date::new(year, month, 1).ok()?))
    }

    /// A capitalised month name or abbreviation at `i`.
    fn month_at(&self, i: usize) -> Option<MonthWord> {
        let token = self.tokens.get(i)?;
        let word = token.text(self.text);
        if token.kind != TokenKind::Word || !word.starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
        month_word(word)
    }

    /// A day of the month at `i`: "29" or "29th".
    fn day_at(&self, i: usize) -> Option<i8> {
        let token = self.tokens.get(i)?;
        let word = token.text(self.text);
        let day = match token.kind {
            TokenKind::Number => small_number(word)?,
            TokenKind::Word => ordinal_day(word)?,
            _ => return None,
        };
        (1..=31).contains(&day).then_some(day)
    }

    /// A four-digit year at `i`.
    fn year_at(&self, i: usize) -> Option<i16> {
        let token = self.tokens.get(i)?;
        if token.kind != TokenKind::Number {
            return None;
        }
        year_number(token.text(self.text))
    }

    /// A count at `i`: digits, a count word, "a few", "a couple of". Returns the token
    /// after it and the count.
    fn count_at(&self, i: usize) -> Option<(usize, i64)> {
        if (self.is(i, "a") || self.is(i, "an")) && self.is_any(i + 1, &["few", "couple"]) {
            let n = if self.is(i + 1, "few") { 3 } else { 2 };
            let after = if self.is(i + 2, "of") { i + 3 } else { i + 2 };
            return Some((after, n));
        }
        let token = self.tokens.get(i)?;
        let word = token.text(self.text);
        if token.kind == TokenKind::Number {
            if !word.bytes().all(|b| b.is_ascii_digit()) || word.len() > 6 {
                return None;
            }
            return word.parse().ok().map(|n| (i + 1, n));
        }
        COUNT_WORDS
            .iter()
            .find(|(w, _)| word.eq_ignore_ascii_case(w))
            .map(|&(_, n)| (i + 1, n))
    }

    fn unit_at(&self, i: usize) -> Option<(Unit, bool)> {
        let word = self.word(i).to_ascii_lowercase();
        let (singular, plural) = (word.as_str(), word.strip_suffix('s').unwrap_or(""));
        let unit = |w: &str| match w {
            "hour" => Some(Unit::Hour),
            "day" => Some(Unit::Day),
            "week" => Some(Unit::Week),
            "month" => Some(Unit::Month),
            "year" => Some(Unit::Year),
            "decade" => Some(Unit::Decade),
            _ => None,
        };
        unit(singular)
            .map(|u| (u, false))
            .or_else(|| unit(plural).map(|u| (u, true)))
    }

    /// Relative expressions: today, yesterday, this week, last month, three days ago,
    /// the past few months, in recent weeks, over the weekend.
    fn relative(&self, i: usize) -> Option<(usize, Resolved)> {
        let published = self.published?;
        let word = ascii_lower(self.word(i));
        let with_day_part = |end: usize| {
            if self.is_any(end, DAY_PARTS) {
                end + 1
            } else {
                end
            }
        };
        match word.as_str() {
            "today" | "tonight" => return Some((with_day_part(i + 1), Resolved::day(published))),
            "yesterday" => {
                return Some((
                    with_day_part(i + 1),
                    Resolved::day(add_days(published, -1)?),
                ))
            }
            "tomorrow" => {
                return Some((with_day_part(i + 1), Resolved::day(add_days(published, 1)?)))
            }
            _ => {}
        }
        if word.as_str() == "last" && self.is(i + 1, "night") {
            return Some((i + 2, Resolved::day(add_days(published, -1)?)));
        }
        if word.as_str() == "this" && self.is_any(i + 1, &["morning", "afternoon", "evening"]) {
            return Some((i + 2, Resolved::day(published)));
        }
        if matches!(word.as_str(), "last" | "this" | "next" | "the") && self.is(i + 1, "weekend") {
            return self.weekend(word.as_str(), published).map(|r| (i + 2, r));
        }
        if let Some(found) = self.calendar_period(i, word.as_str(), published) {
            return Some(found);
        }
        if let Some(found) = self.trailing_period(i, published) {
            return Some(found);
        }
        // "three days ago", "a year ago".
        let (after, n) = self.count_at(i)?;
        let (unit, _) = self.unit_at(after)?;
        if !self.is(after + 1, "ago") {
            return None;
        }
        let resolved = match unit {
            Unit::Hour => Resolved::day(published),
            Unit::Day => Resolved::day(add_days(published, -n)?),
            Unit::Week => Resolved::day(add_days(published, n.checked_mul(-7)?)?),
            Unit::Month => Resolved::month(add_months(published, -n)?),
            Unit::Year => Resolved::year(published.year().checked_sub(i16::try_from(n).ok()?)?)?,
            Unit::Decade => Resolved::year(
                published
                    .year()
                    .checked_sub(i16::try_from(n.checked_mul(10)?).ok()?)?,
            )?,
        };
        Some((after + 2, resolved))
    }

    /// "this week", "last month", "next year".
    fn calendar_period(&self, i: usize, word: &str, published: Date) -> Option<(usize, Resolved)> {
        let shift: i64 = match word {
            "this" => 0,
            "last" => -1,
            "next" => 1,
            _ => return None,
        };
        let (unit, plural) = self.unit_at(i + 1)?;
        if plural {
            return None;
        }
        let resolved = match unit {
            Unit::Week => {
                let monday = add_days(
                    published,
                    -(published.weekday().to_monday_zero_offset() as i64),
                )?;
                let start = add_days(monday, shift * 7)?;
                Resolved::period(start, add_days(start, 6)?, DatePrecision::Day)
            }
            Unit::Month => {
                let start = add_months(published.first_of_month(), shift)?;
                Resolved::period(start, start.last_of_month(), DatePrecision::Month)
            }
            Unit::Year => {
                let year = published.year().checked_add(i16::try_from(shift).ok()?)?;
                Resolved::period(
                    Date::new(year, 1, 1).ok()?,
                    Date::new(year, 12, 31).ok()?,
                    DatePrecision::Year,
                )
            }
            _ => return None,
        };
        Some((i + 2, resolved))
    }

    /// "the past 24 hours", "the last few months", "recent weeks", "past two years",
    /// "the past year": from publication minus the count to publication.
    fn trailing_period(&self, i: usize, published: Date) -> Option<(usize, Resolved)> {
        let with_article = self.is(i, "the");
        let at = if with_article { i + 1 } else { i };
        let recent = self.is(at, "recent");
        if !recent && !self.is_any(at, &["past", "last"]) {
            return None;
        }
        let (after, n, counted) = match self.count_at(at + 1) {
            Some((after, n)) => (after, n, true),
            None => (at + 1, 1, false),
        };
        let (unit, plural) = self.unit_at(after)?;
        let n = match (counted, plural) {
            (true, _) => n,
            // "recent months", "the past weeks": a few.
            (false, true) => 3,
            // "the past year"; without the article "last week" is a calendar week.
            (false, false) if with_article && !recent => 1,
            (false, false) => return None,
        };
        let resolved = match unit {
            Unit::Hour => {
                let days = n.checked_add(23)? / 24;
                Resolved::period(add_days(published, -days)?, published, DatePrecision::Day)
            }
            Unit::Day => Resolved::period(add_days(published, -n)?, published, DatePrecision::Day),
            Unit::Week => Resolved::period(
                add_days(published, n.checked_mul(-7)?)?,
                published,
                DatePrecision::Day,
            ),
            Unit::Month => Resolved::period(
                add_months(published, -n)?.first_of_month(),
                published,
                DatePrecision::Month,
            ),
            Unit::Year | Unit::Decade => {
                let years = if unit == Unit::Decade {
                    n.checked_mul(10)?
                } else {
                    n
                };
                let start = add_months(published, years.checked_mul(-12)?)?;
                Resolved::period(start.first_of_month(), published, DatePrecision::Month)
            }
        };
        Some((after + 1, resolved))
    }

    /// "over the weekend", "last weekend": the Saturday–Sunday on or before publication;
    /// "next weekend" the one after it.
    fn weekend(&self, word: &str, published: Date) -> Option<Resolved> {
        let offset = published.weekday().to_monday_zero_offset() as i64; // Saturday = 5
        let saturday = if offset >= 5 {
            add_days(published, 5 - offset)?
        } else {
            add_days(published, -(offset + 2))?
        };
        let saturday = if word == "next" || (self.ahead && word != "last" && offset < 5) {
            add_days(saturday, 7)?
        } else {
            saturday
        };
        Some(Resolved::period(
            saturday,
            add_days(saturday, 1)?,
            DatePrecision::Day,
        ))
    }
}

/// A short ASCII word in lower case, on the stack; anything else becomes empty.
fn ascii_lower(word: &str) -> ShortWord {
    let mut buffer = [0u8; 12];
    if word.len() > buffer.len() || !word.is_ascii() {
        return ShortWord { buffer, len: 0 };
    }
    for (slot, byte) in buffer.iter_mut().zip(word.bytes()) {
        *slot = byte.to_ascii_lowercase();
    }
    ShortWord {
        buffer,
        len: word.len(),
    }
}

/// A lower-cased word of at most 12 bytes, kept on the stack.
struct ShortWord {
    buffer: [u8; 12],
    len: usize,
}

impl ShortWord {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buffer[..self.len]).unwrap_or("")
    }
}

fn add_days(date: Date, days: i64) -> Option<Date> {
    let span = jiff::Span::new().try_days(days).ok()?;
    date.checked_add(span).ok()
}

fn add_months(date: Date, months: i64) -> Option<Date> {
    let span = jiff::Span::new().try_months(months).ok()?;
    date.checked_add(span).ok()
}

fn strip_prefix_ignore_case<'a>(word: &'a str, prefix: &str) -> Option<&'a str> {
    let head = word.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &word[prefix.len()..])
}

/// The date of an event whose trigger covers the tokens `trigger` of `sentence` (local
/// indices, like [`DateMention::tokens`] when the mentions were found among the
/// sentence's tokens):
///
/// - limits are not an event's date ("by 2050", "until 2040", "a 2030 goal":
///   [`DateMention::bound`]), except "by" a past date in a past clause ("by Friday, the
///   army had retaken the town");
/// - the date attached in the parse to the trigger's own clause wins, then one in a
///   complement it governs ("agreed to meet on Friday"), then one of a clause that governs
///   it ("said Monday that ..."), then any other; nearest in the tree, then in words. A date
///   outside a noun-modifying clause that holds the trigger ("schoolgirls kidnapped in
///   Zamfara were freed Tuesday") and another noun's possessive date ("condemned Monday's
///   attack") are not the trigger's ([`clause`]);
/// - a month or weekday without a year points backward from publication, forward when the
///   clause the date is attached to is future or planned ("will meet on Friday", "plans
///   to vote in October", or, without tense in that clause, a `future` event);
/// - a guessed year is never more than one year from the publication year.
///
/// Without a parse (a sentence document whose layers do not match the mentions) the
/// nearest date after the trigger wins, else the nearest before it, read forward for a
/// `future` event.
pub fn date_for_event(
    lex: &DateLexicon,
    dates: &[DateMention],
    sentence: &SentenceDoc,
    trigger: (usize, usize),
    future: bool,
    published: Option<Date>,
) -> Option<DateMention> {
    let parsed = !sentence.is_empty()
        && dates.iter().all(|d| d.tokens.1 <= sentence.len())
        && trigger.1 <= sentence.len()
        && trigger.0 < trigger.1;
    let mut best: Option<((u8, usize, usize), DateMention)> = None;
    for mention in dates {
        let (rank, direction) = if parsed {
            let Some(place) = clause::place(sentence, trigger, mention.tokens) else {
                continue;
            };
            let direction = clause::direction(lex, sentence, place.governor)
                .or((future && place.own).then_some(clause::Direction::Ahead));
            ((place.level, place.distance, place.words), direction)
        } else {
            let rank = if mention.tokens.0 >= trigger.1 {
                (0, 0, mention.tokens.0 - trigger.1)
            } else {
                (1, 0, trigger.0.saturating_sub(mention.tokens.1))
            };
            (rank, future.then_some(clause::Direction::Ahead))
        };
        let ahead = direction == Some(clause::Direction::Ahead);
        if !dates_event(mention, direction, published) {
            continue;
        }
        let mut date = mention.clone();
        if ahead {
            if let Some((start, end)) = mention.ahead {
                date.date = start;
                date.end = end;
            }
        }
        if !plausible_guess(&date, published) {
            continue;
        }
        if best.as_ref().is_none_or(|(r, _)| rank < *r) {
            best = Some((rank, date));
        }
    }
    best.map(|(_, date)| date)
}

/// The date of the saying that governs the clause at `within` (a modal's: "told
/// reporters on Monday that Iran must ..."): only a date of a clause that governs it; one
/// in its own clause is when the demanded act should happen ("must hold elections in May").
pub fn date_of_saying(
    lex: &DateLexicon,
    dates: &[DateMention],
    sentence: &SentenceDoc,
    within: (usize, usize),
    published: Option<Date>,
) -> Option<DateMention> {
    let said_when: Vec<DateMention> = dates
        .iter()
        .filter(|d| clause::place(sentence, within, d.tokens).is_some_and(|p| p.level == 2))
        .cloned()
        .collect();
    date_for_event(lex, &said_when, sentence, within, false, published)
}

/// Whether a date expression can date an event: a limit cannot ("by 2050", "until 2040",
/// "a March 1 deadline"), except "by" a past date in a past clause ("by Friday, the army
/// had retaken the town").
fn dates_event(
    mention: &DateMention,
    direction: Option<clause::Direction>,
    published: Option<Date>,
) -> bool {
    match mention.bound {
        None => true,
        Some(Bound::By) => {
            direction == Some(clause::Direction::Back)
                && published.is_some_and(|p| mention.end.unwrap_or(mention.date) <= p)
        }
        Some(Bound::Until | Bound::Target) => false,
    }
}

/// A year guessed from the publication date lies within one year of it ("in early
/// February" in a March 2025 story is February 2025 or, ahead, 2026; never 2027).
fn plausible_guess(date: &DateMention, published: Option<Date>) -> bool {
    match published {
        Some(p) if date.guessed => (date.date.year() - p.year()).abs() <= 1,
        _ => true,
    }
}

/// A month name or abbreviation ("June", "Nov.", "Sept"), case-insensitive.
fn month_word(word: &str) -> Option<MonthWord> {
    let bare = word.strip_suffix('.').unwrap_or(word);
    if let Some(month) = dyad_text::calendar::month_of_name(bare) {
        if bare.len() == word.len() {
            return Some(MonthWord {
                month: month as i8,
                abbreviated: false,
            });
        }
    }
    dyad_text::calendar::month_of_abbreviation(bare).map(|month| MonthWord {
        month: month as i8,
        abbreviated: true,
    })
}

fn weekday_word(word: &str) -> Option<Weekday> {
    let offset = dyad_text::calendar::weekday_of_name(word)?;
    Weekday::from_monday_zero_offset(offset as i8).ok()
}

/// One or two plain digits.
fn small_number(word: &str) -> Option<i8> {
    if word.is_empty() || word.len() > 2 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok()
}

/// "29th", "1st", "2nd", "3rd".
fn ordinal_day(word: &str) -> Option<i8> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if !matches!(
        suffix.to_ascii_lowercase().as_str(),
        "st" | "nd" | "rd" | "th"
    ) {
        return None;
    }
    let day = small_number(digits)?;
    (1..=31).contains(&day).then_some(day)
}

/// Four plain digits between 1800 and 2199 (older years are rare in news and more often
/// counts: "On March 5, 1500 troops ...").
fn year_number(word: &str) -> Option<i16> {
    if word.len() != 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i16 = word.parse().ok()?;
    (1800..=2199).contains(&year).then_some(year)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().expect("test date")
    }

    fn find(
        text: &str,
        published: Option<&str>,
    ) -> Vec<(String, String, Option<String>, DatePrecision)> {
        find_dates(text, Span::new(0, text.len()), published.map(date))
            .into_iter()
            .map(|m| {
                (
                    text[m.span.start..m.span.end].to_string(),
                    m.date.to_string(),
                    m.end.map(|d| d.to_string()),
                    m.precision,
                )
            })
            .collect()
    }

    /// The single expression of `text`: (span text, date, end, precision).
    fn one(text: &str, published: &str) -> (String, String, Option<String>, DatePrecision) {
        let found = find(text, Some(published));
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().expect("one")
    }

    use DatePrecision::{Day, Month, Year};

    #[test]
    fn seed_expressions() {
        let p = "2024-12-01"; // a Sunday
        assert_eq!(
            one("Belousov met Kim on Friday in Pyongyang.", p),
            ("on Friday".into(), "2024-11-29".into(), None, Day)
        );
        assert_eq!(
            one("The treaty was signed in June.", p),
            ("in June".into(), "2024-06-01".into(), None, Month)
        );
        assert_eq!(
            one("Troops were sent in the last few months.", p),
            (
                "in the last few months".into(),
                "2024-09-01".into(),
                Some("2024-12-01".into()),
                Month
            )
        );
    }

    #[test]
    fn absolute_dates() {
        let p = "2024-12-01";
        assert_eq!(one("It happened on 2024-11-29.", p).1, "2024-11-29");
        assert_eq!(
            one("They met on November 29, 2024, in Seoul.", p),
            (
                "on November 29, 2024".into(),
                "2024-11-29".into(),
                None,
                Day
            )
        );
        assert_eq!(one("Talks opened Nov. 29, 2024.", p).0, "Nov. 29, 2024");
        assert_eq!(one("Talks opened Nov. 29, 2024.", p).1, "2024-11-29");
        assert_eq!(
            one("The vote was held on 29 November 2024.", p).0,
            "on 29 November 2024"
        );
        assert_eq!(one("The deal closed on 5 June.", p).1, "2024-06-05");
        assert_eq!(one("The strike came Dec. 6th.", p).1, "2023-12-06");
        assert_eq!(one("It resumed on the 5th of June.", p).1, "2024-06-05");
        assert_eq!(
            one("The summit was held June 2024 in Rome.", p),
            ("June 2024".into(), "2024-06-01".into(), None, Month)
        );
        assert_eq!(
            one("Sanctions were imposed in 2023.", p),
            ("in 2023".into(), "2023-01-01".into(), None, Year)
        );
        assert_eq!(one("Fighting resumed in early 2023.", p).0, "in early 2023");
        assert_eq!(one("Fighting resumed in mid-2023.", p).2, None);
    }

    #[test]
    fn month_day_without_year_is_the_latest_before_publication() {
        assert_eq!(one("It ended Nov 29.", "2024-12-01").1, "2024-11-29");
        assert_eq!(one("It ended Dec 5.", "2024-12-01").1, "2023-12-05");
    }

    #[test]
    fn day_ranges() {
        assert_eq!(
            one("The forum met October 25-26, 2016 in Paris.", "2016-11-01"),
            (
                "October 25-26, 2016".into(),
                "2016-10-25".into(),
                Some("2016-10-26".into()),
                Day
            )
        );
        assert_eq!(
            one("Talks on 5-6 April 2016 failed.", "2016-11-01").2,
            Some("2016-04-06".into())
        );
    }

    #[test]
    fn weekdays() {
        let sunday = "2024-12-01";
        assert_eq!(
            one("Officials said Friday that ...", sunday).1,
            "2024-11-29"
        );
        assert_eq!(
            one("Shelling resumed last Friday.", sunday).0,
            "last Friday"
        );
        assert_eq!(one("Shelling resumed last Friday.", sunday).1, "2024-11-29");
        assert_eq!(one("The vote is next Monday.", sunday).1, "2024-12-02");
        assert_eq!(one("They met on Sunday.", sunday).1, "2024-12-01");
        assert_eq!(
            one("Strikes hit the city on Monday night.", sunday),
            ("on Monday night".into(), "2024-11-25".into(), None, Day)
        );
        assert_eq!(
            one("Monday morning, sirens sounded.", sunday).0,
            "Monday morning"
        );
        // A Friday article saying "on Friday" means that day.
        assert_eq!(one("They met on Friday.", "2024-11-29").1, "2024-11-29");
        // An explicit date after the weekday wins.
        assert_eq!(
            one("He spoke on Monday, Dec. 26, 2016.", "2017-01-05").1,
            "2016-12-26"
        );
    }

    #[test]
    fn relative_days_and_weeks() {
        let p = "2024-12-04"; // a Wednesday
        assert_eq!(one("Protests broke out today.", p).1, "2024-12-04");
        assert_eq!(one("Protests broke out yesterday.", p).1, "2024-12-03");
        assert_eq!(one("Talks resume tomorrow.", p).1, "2024-12-05");
        assert_eq!(one("The blast came last night.", p).1, "2024-12-03");
        assert_eq!(
            one("Troops moved this week.", p),
            (
                "this week".into(),
                "2024-12-02".into(),
                Some("2024-12-08".into()),
                Day
            )
        );
        assert_eq!(
            one("Troops moved last week.", p).2,
            Some("2024-12-01".into())
        );
        assert_eq!(
            one("Troops moved earlier this week.", p),
            (
                "earlier this week".into(),
                "2024-12-02".into(),
                Some("2024-12-04".into()),
                Day
            )
        );
        assert_eq!(one("It was seized three days ago.", p).1, "2024-12-01");
        assert_eq!(one("It was seized two weeks ago.", p).1, "2024-11-20");
        assert_eq!(
            one("Attacks in the past 24 hours.", p),
            (
                "in the past 24 hours".into(),
                "2024-12-03".into(),
                Some("2024-12-04".into()),
                Day
            )
        );
        assert_eq!(
            one("Clashes over the weekend killed five.", p).2,
            Some("2024-12-01".into())
        );
    }

    #[test]
    fn relative_months_and_years() {
        let p = "2024-12-15";
        assert_eq!(
            one("Prices rose this month.", p),
            (
                "this month".into(),
                "2024-12-01".into(),
                Some("2024-12-31".into()),
                Month
            )
        );
        assert_eq!(one("Prices rose last month.", p).1, "2024-11-01");
        assert_eq!(
            one("Prices rose earlier this month.", p).2,
            Some("2024-12-15".into())
        );
        assert_eq!(
            one("Elections were held this year.", p),
            (
                "this year".into(),
                "2024-01-01".into(),
                Some("2024-12-31".into()),
                Year
            )
        );
        assert_eq!(one("Elections were held last year.", p).1, "2023-01-01");
        assert_eq!(
            one("Elections were held earlier this year.", p).2,
            Some("2024-12-15".into())
        );
        assert_eq!(one("They split two months ago.", p).1, "2024-10-01");
        assert_eq!(one("They split two years ago.", p).1, "2022-01-01");
        assert_eq!(
            one("Raids increased in recent months.", p),
            (
                "in recent months".into(),
                "2024-09-01".into(),
                Some("2024-12-15".into()),
                Month
            )
        );
        assert_eq!(
            one("Raids increased over the past six months.", p).1,
            "2024-06-01"
        );
        assert_eq!(one("Raids increased early next year.", p).1, "2025-01-01");
        assert_eq!(one("Raids began last December.", p).1, "2023-12-01");
    }

    /// The date chosen for the event whose trigger is the word `trigger` of the one-sentence
    /// `text`: (expression, date, end).
    fn event_date(
        text: &str,
        trigger: &str,
        future: bool,
        published: &str,
    ) -> Option<(String, String, Option<String>)> {
        static ANALYZER: std::sync::OnceLock<dyad_syntax::Analyzer> = std::sync::OnceLock::new();
        let analyzer = ANALYZER.get_or_init(|| {
            dyad_syntax::Analyzer::from_data(&dyad_data::DataSet::embedded()).expect("models")
        });
        let doc = analyzer.analyze(text);
        let sentence = &doc.sentences[0];
        let tokens = &doc.layer.tokens[sentence.tokens.clone()];
        let published = Some(date(published));
        let dates = find_dates_in_tokens(text, tokens, published);
        let k = tokens
            .iter()
            .position(|t| t.text(text) == trigger)
            .expect("trigger in the sentence");
        let chosen = date_for_event(
            DateLexicon::embedded(),
            &dates,
            sentence,
            (k, k + 1),
            future,
            published,
        )?;
        Some((
            text[chosen.span.start..chosen.span.end].to_string(),
            chosen.date.to_string(),
            chosen.end.map(|d| d.to_string()),
        ))
    }

    fn event_day(text: &str, trigger: &str, published: &str) -> Option<String> {
        event_date(text, trigger, false, published).map(|d| d.1)
    }

    #[test]
    fn a_trigger_clause_has_the_tense_its_auxiliaries_and_verb_show() {
        use clause::Time::*;
        static ANALYZER: std::sync::OnceLock<dyad_syntax::Analyzer> = std::sync::OnceLock::new();
        let analyzer = ANALYZER.get_or_init(|| {
            dyad_syntax::Analyzer::from_data(&dyad_data::DataSet::embedded()).expect("models")
        });
        let rows: &[(&str, &str, Option<clause::Time>)] = &[
            (
                "The government is warning the rebels of new strikes.",
                "warning",
                Some(Present),
            ),
            (
                "The minister urges Israel to halt the strikes.",
                "urges",
                Some(Present),
            ),
            (
                "Reporters are detained without charge.",
                "detained",
                Some(Present),
            ),
            (
                "Sanctions are taking a toll on the economy.",
                "Sanctions",
                Some(Present),
            ),
            ("The militia attacked two villages.", "attacked", Some(Past)),
            (
                "Four soldiers were wounded near the border.",
                "wounded",
                Some(Past),
            ),
            ("The envoys were meeting in Oslo.", "meeting", Some(Past)),
            (
                "The rebels have threatened to cut the road.",
                "threatened",
                Some(Perfect),
            ),
            ("The ministers will meet in Oslo.", "meet", Some(Modal)),
            ("New tariffs could follow.", "follow", Some(Modal)),
            (
                "The council voted and condemned the raid.",
                "condemned",
                Some(Past),
            ),
            ("The council plans to condemn the raid.", "condemn", None),
        ];
        for &(text, trigger, want) in rows {
            let doc = analyzer.analyze(text);
            let sentence = &doc.sentences[0];
            let tokens = &doc.layer.tokens[sentence.tokens.clone()];
            let k = tokens
                .iter()
                .position(|t| t.text(text) == trigger)
                .expect("trigger in the sentence");
            assert_eq!(
                clause::time(sentence, (k, k + 1)),
                want,
                "{text} ({trigger})"
            );
        }
    }

    #[test]
    fn the_date_lexicon_loads() {
        let lex = DateLexicon::from_data(&dyad_data::DataSet::embedded()).expect("dates.tsv");
        assert!(lex.plans("agree") && !lex.plans("say"));
    }

    /// Checks (sentence, trigger, publication day, expected event day) rows.
    fn check_days(rows: &[(&str, &str, &str, &str)]) {
        for &(text, trigger, published, want) in rows {
            assert_eq!(
                event_day(text, trigger, published).as_deref(),
                Some(want),
                "{text} ({trigger}, published {published})"
            );
        }
    }

    #[test]
    fn weekdays_point_back_in_past_clauses_and_ahead_in_future_ones() {
        let wednesday = "2025-03-12";
        check_days(&[
            (
                "The ministers met on Friday in Geneva.",
                "met",
                wednesday,
                "2025-03-07",
            ),
            (
                "The ministers will meet on Friday in Geneva.",
                "meet",
                wednesday,
                "2025-03-14",
            ),
            (
                "The ministers plan to meet on Friday in Geneva.",
                "meet",
                wednesday,
                "2025-03-14",
            ),
            (
                "He is scheduled to travel to Canada on Wednesday for talks.",
                "travel",
                "2025-03-10",
                "2025-03-12",
            ),
            // A past clause governing a complement keeps it in the past.
            (
                "The envoy tried to meet the rebels on Friday.",
                "meet",
                wednesday,
                "2025-03-07",
            ),
        ]);
    }

    #[test]
    fn months_point_back_in_past_clauses_and_ahead_in_future_ones() {
        let march = "2025-03-10";
        check_days(&[
            (
                "In October the army seized the town.",
                "seized",
                march,
                "2024-10-01",
            ),
            (
                "Parliament plans to vote in October on the new budget.",
                "vote",
                march,
                "2025-10-01",
            ),
            (
                "The two presidents are due to meet in Geneva in January.",
                "meet",
                "2019-12-20",
                "2020-01-01",
            ),
            // "to Syria" is a preposition, not a plan: a past trip stays in the past.
            (
                "The delegation traveled to Syria in early February.",
                "traveled",
                march,
                "2025-02-01",
            ),
            (
                "The two sides signed the accord on Feb. 3 in Doha.",
                "signed",
                march,
                "2025-02-03",
            ),
            (
                "The two sides will sign the accord on Feb. 3 in Doha.",
                "sign",
                march,
                "2026-02-03",
            ),
            // What one is ordered or told to do lies ahead of the order.
            (
                "A judge ordered the minister to testify before the senate on June 3.",
                "testify",
                march,
                "2025-06-03",
            ),
            (
                "The council told the mayor to resign in April.",
                "resign",
                march,
                "2025-04-01",
            ),
        ]);
    }

    #[test]
    fn this_weekend_follows_the_clause() {
        let wednesday = "2025-03-12";
        let will = "Leaders will meet this weekend in Rome.";
        assert_eq!(
            event_date(will, "meet", false, wednesday),
            Some((
                "this weekend".into(),
                "2025-03-15".into(),
                Some("2025-03-16".into())
            ))
        );
        let rallied = "Protesters rallied this weekend in Rome.";
        assert_eq!(
            event_day(rallied, "rallied", wednesday).as_deref(),
            Some("2025-03-08")
        );
    }

    #[test]
    fn a_future_event_without_tense_in_its_clause_looks_ahead() {
        // The modality found a future ("talks" under "hopes to resolve"); the date hangs on
        // the trigger itself.
        let text = "The minister hopes for progress during talks on Friday in Jeddah.";
        assert_eq!(
            event_date(text, "talks", true, "2025-03-12").map(|d| d.1),
            Some("2025-03-14".into())
        );
        assert_eq!(
            event_date(text, "talks", false, "2025-03-12").map(|d| d.1),
            Some("2025-03-07".into())
        );
    }

    #[test]
    fn deadlines_and_targets_are_not_event_dates() {
        let p = "2025-03-10";
        let pledged = "The country pledged to cut emissions to net zero by 2050.";
        assert_eq!(event_day(pledged, "pledged", p), None);
        assert_eq!(event_day(pledged, "cut", p), None);
        let until = "The rebels agreed to extend the truce until 2040.";
        assert_eq!(event_day(until, "agreed", p), None);
        let monday = "The government agreed on Monday to cut emissions by 2030.";
        assert_eq!(
            event_day(monday, "agreed", p).as_deref(),
            Some("2025-03-10")
        );
        // "by" a past date in a past clause dates the event; a deadline ahead does not.
        let retaken = "By Friday the army had retaken the town.";
        assert_eq!(
            event_day(retaken, "retaken", p).as_deref(),
            Some("2025-03-07")
        );
        let withdraw = "The army will withdraw from the town by Friday.";
        assert_eq!(event_day(withdraw, "withdraw", p), None);
        // "before Friday's vote": the preposition governs the vote, not the day.
        assert_eq!(one("They met before Friday's vote.", p).3, Day);
        assert_eq!(
            find_dates_in_tokens(
                "They met before Friday's vote.",
                &tokenize("They met before Friday's vote."),
                Some(date(p))
            )[0]
            .bound,
            None
        );
        let found = find_dates(
            "It set a 2030 goal and vowed to finish by the end of the decade or by the end of this year, ahead of a March 1 deadline.",
            Span::new(0, 120),
            Some(date(p)),
        );
        assert!(found.iter().all(|d| d.bound.is_some()), "{found:?}");
        assert!(!found.is_empty());
    }

    #[test]
    fn since_is_a_period_not_a_day() {
        let text = "Protesters have occupied the square since Feb. 1.";
        assert_eq!(
            event_date(text, "occupied", false, "2025-03-10"),
            Some((
                "since Feb. 1".into(),
                "2025-02-01".into(),
                Some("2025-03-10".into())
            ))
        );
        let found = find(text, Some("2025-03-10"));
        assert_eq!(found[0].3, Day);
    }

    #[test]
    fn the_date_of_the_triggers_own_clause_wins() {
        let p = "2025-03-13"; // a Thursday
        let text =
            "On Monday the ministers met in Geneva, and on Wednesday they signed the accord.";
        assert_eq!(event_day(text, "met", p).as_deref(), Some("2025-03-10"));
        assert_eq!(event_day(text, "signed", p).as_deref(), Some("2025-03-12"));
        // A reduced relative is not dated by the clause around it.
        let freed = "More than 270 schoolgirls kidnapped in Zamfara were freed on Tuesday.";
        assert_eq!(event_day(freed, "freed", p).as_deref(), Some("2025-03-11"));
        assert_eq!(event_day(freed, "kidnapped", p), None);
        // A clause on the date happens at it.
        let when = "The region fell into turmoil in 2011 when soldiers took control of the port.";
        assert_eq!(event_day(when, "took", p).as_deref(), Some("2011-01-01"));
        // Without a date of its own, a clause takes that of the clause that governs it,
        // read in that clause's tense.
        let said = "Officials said Saturday that Modi will visit the islands.";
        assert_eq!(event_day(said, "visit", p).as_deref(), Some("2025-03-08"));
        // A possessive date on the trigger's noun phrase is the trigger's.
        let protests = "He led last year's Columbia University protests over the war.";
        assert_eq!(
            event_day(protests, "protests", p).as_deref(),
            Some("2024-01-01")
        );
        // Another noun's possessive date is that noun's.
        let condemned = "The minister condemned Tuesday's attack on the convoy.";
        assert_eq!(event_day(condemned, "condemned", p), None);
        assert_eq!(
            event_day(condemned, "attack", p).as_deref(),
            Some("2025-03-11")
        );
    }

    #[test]
    fn a_guessed_year_stays_within_a_year_of_publication() {
        let p = date("2025-03-10");
        let mention = |d: &str, guessed: bool| DateMention {
            span: Span::new(0, 1),
            date: date(d),
            end: None,
            precision: Month,
            tokens: (0, 1),
            ahead: None,
            bound: None,
            guessed,
        };
        assert!(plausible_guess(&mention("2026-02-01", true), Some(p)));
        assert!(plausible_guess(&mention("2024-04-01", true), Some(p)));
        assert!(!plausible_guess(&mention("2027-02-01", true), Some(p)));
        assert!(plausible_guess(&mention("2050-01-01", false), Some(p)));
        // Every guessed reading of a month, month-day or weekday, either way, is within a
        // year of publication.
        for text in [
            "in early February",
            "on Feb. 3",
            "on December 31",
            "on Friday",
            "in January",
            "this December",
            "on 1 January",
        ] {
            for m in find_dates(text, Span::new(0, text.len()), Some(p)) {
                assert!(m.guessed, "{text}");
                assert!((m.date.year() - p.year()).abs() <= 1, "{text}");
                if let Some((ahead, _)) = m.ahead {
                    assert!(ahead >= p && (ahead.year() - p.year()) <= 1, "{text}");
                }
            }
        }
    }

    #[test]
    fn months_without_year_resolve_backwards() {
        assert_eq!(
            one("The treaty was signed in June.", "2024-03-10").1,
            "2023-06-01"
        );
        assert_eq!(
            one("The treaty was signed in March.", "2024-03-10").1,
            "2024-03-01"
        );
        assert_eq!(
            one("Protests grew since March.", "2024-06-10"),
            (
                "since March".into(),
                "2024-03-01".into(),
                Some("2024-06-10".into()),
                Month
            )
        );
    }

    #[test]
    fn without_publication_only_absolute_dates_resolve() {
        let found = find(
            "On Friday, a day after the November 29, 2024 vote, and in June, in 2023, they met.",
            None,
        );
        let spans: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(spans, ["November 29, 2024", "in 2023"]);
    }

    #[test]
    fn never_matches_inside_words_or_verbs() {
        let p = "2024-12-01";
        assert!(find("The Mayor said protesters march daily.", Some(p)).is_empty());
        assert!(find("Officials may decide. March organisers agreed.", Some(p)).is_empty());
        assert!(find("May God help us, said the Mayor.", Some(p)).is_empty());
        assert!(find("He met June Carter and April Ryan.", Some(p)).is_empty());
        assert_eq!(one("It started in May.", p).1, "2024-05-01");
        assert_eq!(one("It started March 8.", p).1, "2024-03-08");
    }

    #[test]
    fn invalid_dates_are_skipped() {
        let p = "2024-12-01";
        assert!(find("It happened on February 30, 2023.", Some(p)).is_empty());
        assert!(find("It happened on 2023-13-45.", Some(p)).is_empty());
        assert!(find("It happened 99999999999999999999 days ago.", Some(p)).is_empty());
        assert!(find("It happened 999999 years ago.", Some(p)).is_empty());
    }

    #[test]
    fn respects_the_span_and_text_order() {
        let text = "On Friday they met. Yesterday they fought.";
        let second = text.find("Yesterday").expect("fixture");
        let found = find_dates(
            text,
            Span::new(second, text.len()),
            Some(date("2024-12-01")),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.start, second);
        assert!(find_dates(text, Span::new(3, 1000), Some(date("2024-12-01"))).is_empty());
        let both = find(text, Some("2024-12-01"));
        assert_eq!(both.len(), 2);
        assert!(both[0].1 < both[1].1);
    }

    #[test]
    fn handles_unicode_without_panicking() {
        let text = "Über 5 Ärzte — am 3. März — “on Friday” ✓ 1\u{2013}2 Jan.";
        let _ = find(text, Some("2024-12-01"));
        let _ = find(text, None);
    }
}
