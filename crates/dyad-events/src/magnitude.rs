//! Magnitudes: counts of troops, dead, injured, arrested, displaced, money, ... read from
//! the text ("approximately 12,000 troops" → troops = 12000).
//!
//! A number is found first (digits "12,000", "1.5 million", "$3bn", words "twenty-five",
//! "two hundred", "a dozen"); then what it counts, from the words around it:
//! - a currency sign, code or word makes it money: `money_usd`, `money_eur`, ...;
//! - a verb before it ("killing 5", "arrested 50 protesters") wins;
//! - then a participle after it or its noun ("5 people were killed", "12 wounded");
//! - then the counted noun ("12,000 North Korean troops", "30 dead", "40 drones");
//! - then a "death toll" just before it ("the death toll rose to 30").
//!
//! The word lists are data: `events/magnitude-words.tsv` (nouns, participles, verbs),
//! `events/magnitude-currencies.tsv` and `events/magnitude-modifiers.tsv`.
//!
//! Conventions: ranges keep their lower bound in `value` and the upper in `max`, and are
//! not approximate unless a modifier says so; vague plurals are recorded as approximate
//! round figures: "dozens" 24, "scores" 40, "hundreds" 200, "thousands" 2,000,
//! "tens of thousands" 20,000, "hundreds of thousands" 200,000, "millions" 2,000,000.
//! Weapons (missiles, drones, shells, rockets, tanks, ...) share the key `weapons`. Numbers
//! that are years, dates, percentages, ages, ordinals, times or ranks ("No. 1") are not
//! counts; values beyond `u64` are skipped.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use dyad_data::{DataError, DataSet};
use dyad_model::Span;
use dyad_text::token::{tokenize, Token, TokenKind};

/// One count found in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// The words of the count ("approximately 12,000 troops").
    pub span: Span,
    /// The magnitude key: `troops`, `dead`, `injured`, `arrested`, `displaced`,
    /// `refugees`, `weapons`, `money_usd`, ...
    pub kind: String,
    /// The count (the lower bound of a range).
    pub value: u64,
    /// The upper bound of a range ("between 1,500 and 3,000").
    pub max: Option<u64>,
    /// "approximately", "about", "some", "nearly", ...
    pub approximate: bool,
}

/// Finds the counts inside `within` (a byte span of `text`).
pub fn find_quantities(text: &str, within: Span) -> Vec<Quantity> {
    MagnitudeLexicon::embedded().find(text, within)
}

const WORDS_FILE: &str = "events/magnitude-words.tsv";
const CURRENCIES_FILE: &str = "events/magnitude-currencies.tsv";
const MODIFIERS_FILE: &str = "events/magnitude-modifiers.tsv";

/// A currency form and what it means.
#[derive(Clone, Debug)]
struct Currency {
    /// Lower-case ISO 4217 code.
    code: String,
    /// Counts as money only with a scale word and not before "of" ("500 pounds of").
    ambiguous: bool,
}

/// A phrase before a number ("at least", "approximately").
#[derive(Clone, Debug)]
struct Modifier {
    words: Vec<String>,
    approximate: bool,
}

/// The word lists of magnitude reading.
#[derive(Clone, Debug, Default)]
pub struct MagnitudeLexicon {
    nouns: HashMap<String, String>,
    persons: HashSet<String>,
    participles: HashMap<String, String>,
    verbs: HashMap<String, String>,
    prefixes: HashMap<String, Currency>,
    suffixes: HashMap<String, Currency>,
    modifiers: Vec<Modifier>,
}

impl MagnitudeLexicon {
    /// The lexicon built from the embedded data files, once. A broken data file leaves it
    /// empty (no magnitudes) rather than failing the pipeline; the tests check it loads.
    pub fn embedded() -> &'static MagnitudeLexicon {
        static LEXICON: OnceLock<MagnitudeLexicon> = OnceLock::new();
        LEXICON
            .get_or_init(|| MagnitudeLexicon::from_data(&DataSet::embedded()).unwrap_or_default())
    }

    /// Builds the lexicon from `events/magnitude-*.tsv`.
    pub fn from_data(data: &DataSet) -> Result<MagnitudeLexicon, DataError> {
        let mut lexicon = MagnitudeLexicon::default();
        let words = data.table(WORDS_FILE)?;
        for record in &words.records {
            let word = record
                .get("word")
                .ok_or_else(|| record.error(WORDS_FILE, "missing word"))?
                .to_lowercase();
            let kind = record.get("kind").map(str::to_string);
            let role = record.get("role").unwrap_or("");
            let kind = match role {
                "person" => String::new(),
                _ => kind.ok_or_else(|| {
                    record.error(WORDS_FILE, format!("{role} {word} needs a kind"))
                })?,
            };
            match role {
                "noun" => {
                    lexicon.nouns.insert(word, kind);
                }
                "person" => {
                    lexicon.persons.insert(word);
                }
                "participle" => {
                    lexicon.participles.insert(word, kind);
                }
                "verb" => {
                    lexicon.verbs.insert(word, kind);
                }
                other => {
                    return Err(record.error(WORDS_FILE, format!("unknown role {other:?}")));
                }
            }
        }
        let currencies = data.table(CURRENCIES_FILE)?;
        for record in &currencies.records {
            let form = record
                .get("form")
                .ok_or_else(|| record.error(CURRENCIES_FILE, "missing form"))?
                .to_lowercase();
            let code = record
                .get("currency")
                .ok_or_else(|| record.error(CURRENCIES_FILE, "missing currency"))?
                .to_lowercase();
            let currency = Currency {
                code,
                ambiguous: record.get("ambiguous") == Some("yes"),
            };
            match record.get("position").unwrap_or("") {
                "prefix" => {
                    lexicon.prefixes.insert(form, currency);
                }
                "suffix" => {
                    lexicon.suffixes.insert(form, currency);
                }
                "both" => {
                    lexicon.prefixes.insert(form.clone(), currency.clone());
                    lexicon.suffixes.insert(form, currency);
                }
                other => {
                    return Err(
                        record.error(CURRENCIES_FILE, format!("unknown position {other:?}"))
                    );
                }
            }
        }
        let modifiers = data.table(MODIFIERS_FILE)?;
        for record in &modifiers.records {
            let phrase = record
                .get("phrase")
                .ok_or_else(|| record.error(MODIFIERS_FILE, "missing phrase"))?
                .to_lowercase();
            lexicon.modifiers.push(Modifier {
                words: phrase.split_whitespace().map(str::to_string).collect(),
                approximate: record.get("approximate") != Some("no"),
            });
        }
        // Longest phrases first, so "just over" wins over "over".
        lexicon
            .modifiers
            .sort_by_key(|m| std::cmp::Reverse(m.words.len()));
        Ok(lexicon)
    }

    /// Finds the counts inside `within` (a byte span of `text`), tokenising it.
    pub fn find(&self, text: &str, within: Span) -> Vec<Quantity> {
        let Some(slice) = text.get(within.start..within.end) else {
            return Vec::new();
        };
        let mut tokens = tokenize(slice);
        for t in &mut tokens {
            t.start += within.start;
            t.end += within.start;
        }
        self.find_in_tokens(text, &tokens)
    }

    /// Finds the counts among `tokens` (a sentence's tokens from the text layer, with
    /// offsets into `text`): what the coder calls, so no sentence is tokenised twice.
    pub fn find_in_tokens(&self, text: &str, sentence: &[Token]) -> Vec<Quantity> {
        let (Some(first), Some(last)) = (sentence.first(), sentence.last()) else {
            return Vec::new();
        };
        let within = Span::new(first.start, last.end);
        let Some(slice) = text.get(within.start..within.end) else {
            return Vec::new();
        };
        // ASCII lower-casing keeps byte offsets, so token ranges index both strings.
        let lower = slice.to_ascii_lowercase();
        let tokens: Vec<Token> = sentence
            .iter()
            .map(|t| Token {
                start: t.start - within.start,
                end: t.end - within.start,
                kind: t.kind,
            })
            .collect();
        let scan = Scan {
            lower: &lower,
            tokens: &tokens,
            lexicon: self,
        };
        let mut found = Vec::new();
        let mut floor = 0;
        let mut i = 0;
        while i < tokens.len() {
            let Some(number) = scan.number_at(i) else {
                i += 1;
                continue;
            };
            match scan.quantity(&number, floor) {
                Some(reading) => {
                    found.push(Quantity {
                        span: Span::new(
                            within.start + tokens[reading.first].start,
                            within.start + tokens[reading.last].end,
                        ),
                        kind: reading.kind,
                        value: reading.value,
                        max: reading.max,
                        approximate: reading.approximate,
                    });
                    floor = reading.last + 1;
                    i = floor;
                }
                None => i = number.end.max(i + 1),
            }
        }
        found
    }
}

/// A number read at some tokens.
#[derive(Clone, Debug)]
struct Number {
    /// First token.
    start: usize,
    /// The token after the number.
    end: usize,
    value: f64,
    /// A scale word or suffix ("million", "bn") was part of it.
    scaled: bool,
    /// A vague plural ("dozens", "thousands of").
    vague: bool,
    /// Plain digits of a year's shape ("2024").
    year_like: bool,
}

/// What a number counts, with the tokens of the whole count (inclusive).
struct Reading {
    first: usize,
    last: usize,
    kind: String,
    value: u64,
    max: Option<u64>,
    approximate: bool,
}

const UNITS: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
];

const SCALES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
    ("mn", 1e6),
    ("mln", 1e6),
    ("bn", 1e9),
    ("bln", 1e9),
    ("tn", 1e12),
];

/// Suffixes glued to digits: "10k", "2m", "3bn", "1.5tn".
const GLUED_SCALES: &[(&str, f64)] = &[
    ("k", 1e3),
    ("m", 1e6),
    ("mn", 1e6),
    ("mln", 1e6),
    ("million", 1e6),
    ("b", 1e9),
    ("bn", 1e9),
    ("bln", 1e9),
    ("billion", 1e9),
    ("tn", 1e12),
    ("trillion", 1e12),
];

/// Vague plurals and the round figure recorded for them.
const VAGUE: &[(&str, f64)] = &[
    ("dozens", 24.0),
    ("scores", 40.0),
    ("hundreds", 200.0),
    ("thousands", 2e3),
    ("millions", 2e6),
    ("billions", 2e9),
];

/// Words that end the adjectives between a number and its noun.
const STOPWORDS: &[&str] = &[
    "the", "a", "an", "of", "in", "on", "at", "to", "from", "by", "for", "with", "and", "or",
    "but", "nor", "were", "was", "is", "are", "be", "been", "being", "have", "has", "had", "who",
    "that", "which", "said", "says", "say", "will", "would", "could", "may", "might", "than", "as",
    "while", "when", "after", "before", "into", "this", "these", "those", "their", "its", "his",
    "her", "our", "they", "them", "we", "he", "she", "it", "not", "per", "percent", "years",
    "year", "days", "day", "hours", "weeks", "months", "times", "km", "miles",
];

/// Words between a noun (or number) and its participle ("5 people were reportedly killed").
const AUXILIARIES: &[&str] = &[
    "were",
    "was",
    "are",
    "is",
    "have",
    "has",
    "had",
    "been",
    "being",
    "be",
    "reportedly",
    "allegedly",
    "also",
    "later",
    "all",
    "who",
    "now",
    "believed",
    "feared",
    "confirmed",
    "found",
    "left",
    "either",
    "seriously",
    "critically",
    "badly",
    "slightly",
    "lightly",
];

/// Tokens before a number that make it a rank, not a count.
const RANK_WORDS: &[&str] = &[
    "no.", "no", "#", "number", "nos.", "nos", "aged", "age", "ages",
];

/// Prepositions before a four-digit number that make it a year.
const YEAR_PREPOSITIONS: &[&str] = &[
    "in",
    "since",
    "by",
    "until",
    "till",
    "during",
    "of",
    "from",
    "to",
    "before",
    "after",
    "through",
    "throughout",
    "early",
    "late",
    "mid",
    "summer",
    "spring",
    "autumn",
    "winter",
    "fall",
    "year",
];

struct Scan<'a> {
    lower: &'a str,
    tokens: &'a [Token],
    lexicon: &'a MagnitudeLexicon,
}

impl<'a> Scan<'a> {
    /// The lower-cased text of token `i` ("" past the end).
    fn word(&self, i: usize) -> &str {
        self.tokens
            .get(i)
            .and_then(|t| self.lower.get(t.start..t.end))
            .unwrap_or("")
    }

    fn is_any(&self, i: usize, words: &[&str]) -> bool {
        let w = self.word(i);
        !w.is_empty() && words.contains(&w)
    }

    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.tokens.get(i).map(|t| t.kind)
    }

    /// Whether tokens `i` and `i + 1` touch.
    fn touching(&self, i: usize) -> bool {
        match (self.tokens.get(i), self.tokens.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// The lower-cased text of tokens `from..to`, glued where they touch and spaced
    /// where they do not ("us$", "us $", "canadian dollars").
    fn phrase(&self, from: usize, to: usize) -> Option<String> {
        if from >= to || to > self.tokens.len() {
            return None;
        }
        let mut phrase = String::new();
        for i in from..to {
            if i > from && !self.touching(i - 1) {
                phrase.push(' ');
            }
            phrase.push_str(self.word(i));
        }
        Some(phrase)
    }

    /// A number starting at token `i`.
    fn number_at(&self, i: usize) -> Option<Number> {
        let token = self.tokens.get(i)?;
        let word = self.word(i);
        match token.kind {
            TokenKind::Number => {
                let value = parse_digits(word)?;
                let year_like = word.len() == 4
                    && word.bytes().all(|b| b.is_ascii_digit())
                    && (1800.0..=2199.0).contains(&value);
                let mut number = Number {
                    start: i,
                    end: i + 1,
                    value,
                    scaled: false,
                    vague: false,
                    year_like,
                };
                self.apply_scale(&mut number);
                Some(number)
            }
            TokenKind::Word => self
                .glued_number(i, word)
                .or_else(|| self.vague_number(i))
                .or_else(|| self.word_number(i)),
            _ => None,
        }
    }

    /// "1.5 million", "12 thousand", "two hundred": a scale word after the number.
    fn apply_scale(&self, number: &mut Number) {
        let next = self.word(number.end);
        if next == "hundred" {
            number.value *= 100.0;
            number.end += 1;
        }
        if let Some(&(_, scale)) = SCALES.iter().find(|(w, _)| *w == self.word(number.end)) {
            number.value *= scale;
            number.end += 1;
            number.scaled = true;
            number.year_like = false;
        }
    }

    /// "3bn", "10k", "1.5m".
    fn glued_number(&self, i: usize, word: &str) -> Option<Number> {
        let digits_end = word
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .unwrap_or(word.len());
        if digits_end == 0 {
            return None;
        }
        let (digits, suffix) = word.split_at(digits_end);
        let &(_, scale) = GLUED_SCALES.iter().find(|(s, _)| *s == suffix)?;
        Some(Number {
            start: i,
            end: i + 1,
            value: parse_digits(digits)? * scale,
            scaled: true,
            vague: false,
            year_like: false,
        })
    }

    /// "dozens of", "thousands", "tens of thousands of", "hundreds of thousands".
    fn vague_number(&self, i: usize) -> Option<Number> {
        let mut end = i + 1;
        let mut value = if self.word(i) == "tens" {
            if self.word(i + 1) != "of" {
                return None;
            }
            let &(_, scale) = VAGUE
                .iter()
                .find(|(w, _)| *w == self.word(i + 2) && matches!(*w, "thousands" | "millions"))?;
            end = i + 3;
            20.0 * scale / 2.0
        } else {
            VAGUE.iter().find(|(w, _)| *w == self.word(i))?.1
        };
        if self.word(end) == "of" {
            if let Some(&(_, scale)) = VAGUE
                .iter()
                .find(|(w, _)| *w == self.word(end + 1) && matches!(*w, "thousands" | "millions"))
            {
                value *= scale / 2.0;
                end += 2;
            }
        }
        if self.word(end) == "of" && self.kind(end + 1) == Some(TokenKind::Word) {
            end += 1;
        }
        Some(Number {
            start: i,
            end,
            value,
            scaled: true,
            vague: true,
            year_like: false,
        })
    }

    /// "three", "twenty-five", "two hundred and fifty", "a dozen", "half a million".
    fn word_number(&self, i: usize) -> Option<Number> {
        let first = self.word(i);
        let mut j = i;
        let mut total = 0.0;
        let mut current = 0.0;
        let mut any = false;
        if first == "a" || first == "an" {
            let next = self.word(i + 1);
            if next == "hundred" || next == "dozen" || SCALES.iter().any(|(w, _)| *w == next) {
                current = 1.0;
                any = true;
                j += 1;
            } else {
                return None;
            }
        } else if first == "half" && self.word(i + 1) == "a" {
            let &(_, scale) = SCALES.iter().find(|(w, _)| *w == self.word(i + 2))?;
            return Some(Number {
                start: i,
                end: i + 3,
                value: scale / 2.0,
                scaled: true,
                vague: false,
                year_like: false,
            });
        }
        let mut scaled = false;
        while j < self.tokens.len() && self.kind(j) == Some(TokenKind::Word) {
            let w = self.word(j);
            if let Some(v) = unit_value(w) {
                let tail = current % 100.0;
                let joins = tail == 0.0 || (tail >= 20.0 && tail % 10.0 == 0.0 && v < 10.0);
                if any && !joins {
                    break; // "two three": not one number; "twenty five" is
                }
                current += v;
                any = true;
            } else if w == "hundred" && any {
                current = current.max(1.0) * 100.0;
            } else if w == "dozen" && any {
                current = current.max(1.0) * 12.0;
            } else if let Some(&(_, scale)) = SCALES.iter().find(|(s, _)| *s == w) {
                if !any {
                    break;
                }
                total += current.max(1.0) * scale;
                current = 0.0;
                scaled = true;
            } else if w == "and" && any && unit_value(self.word(j + 1)).is_some() && j > i {
                // "two hundred and fifty"
            } else {
                break;
            }
            j += 1;
        }
        if !any || j == i {
            return None;
        }
        if first == "one" && j == i + 1 && self.word(j) == "of" {
            return None; // "one of the"
        }
        Some(Number {
            start: i,
            end: j,
            value: total + current,
            scaled,
            vague: false,
            year_like: false,
        })
    }

    /// Whether the number is a year, date, percentage, age, time, rank or compound
    /// modifier rather than a count.
    fn is_not_a_count(&self, number: &Number) -> bool {
        let before = number.start.checked_sub(1);
        let after = number.end;
        let next = self.word(after);
        if matches!(
            next,
            "%" | "percent" | "pc" | "per" | "a.m." | "p.m." | "am" | "pm" | "gmt"
        ) {
            return true;
        }
        if matches!(next, "years" | "year") && self.word(after + 1) == "old" {
            return true;
        }
        // "25-year-old", "12-member": a number glued to a hyphen and a word.
        if matches!(next, "-" | "\u{2010}" | "\u{2011}")
            && self.touching(after - 1)
            && self.touching(after)
            && self.kind(after + 1) == Some(TokenKind::Word)
            && self.number_at(after + 1).is_none()
        {
            return true;
        }
        if let Some(b) = before {
            let previous = self.word(b);
            let abbreviated_rank = previous == "."
                && b > 0
                && self.touching(b - 1)
                && matches!(self.word(b - 1), "no" | "nos");
            if abbreviated_rank
                || RANK_WORDS.contains(&previous)
                || dyad_text::calendar::is_month_word(previous)
            {
                return true;
            }
            if previous == ":" && self.touching(b) {
                return true;
            }
            if number.year_like && YEAR_PREPOSITIONS.contains(&previous) {
                return true;
            }
        }
        if next == ":"
            && self.touching(after - 1)
            && self.kind(after + 1) == Some(TokenKind::Number)
        {
            return true;
        }
        // "29 November": a day before a month.
        number.value <= 31.0 && !number.scaled && dyad_text::calendar::is_month_word(next)
    }

    /// What the number counts, if anything.
    fn quantity(&self, number: &Number, floor: usize) -> Option<Reading> {
        if number.start < floor || self.is_not_a_count(number) {
            return None;
        }
        let mut first = number.start;
        let mut approximate = number.vague;

        // A currency sign or code before the number: "$", "US$", "USD".
        let mut currency: Option<&'a Currency> = None;
        for width in [2, 1] {
            if first >= floor + width {
                if let Some(found) = self
                    .phrase(first - width, first)
                    .and_then(|p| self.lexicon.prefixes.get(&p))
                {
                    currency = Some(found);
                    first -= width;
                    break;
                }
            }
        }

        // A modifier: "approximately", "at least", "between".
        let mut between = false;
        if first > floor && self.word(first - 1) == "between" {
            between = true;
            first -= 1;
        } else if let Some((width, modifier)) = self.modifier_before(first, floor) {
            approximate |= modifier.approximate;
            first -= width;
        }

        // A verb before: "killing at least 5".
        let verb = (first > floor)
            .then(|| self.lexicon.verbs.get(self.word(first - 1)))
            .flatten();

        // A range after: "1,500 to 3,000", "1,500-3,000", "between 1,500 and 3,000".
        let mut last = number.end - 1;
        let mut max = None;
        let separator = self.word(number.end);
        let is_separator =
            matches!(separator, "to" | "-" | "\u{2013}" | "or") || (between && separator == "and");
        if is_separator {
            if let Some(upper) = self.number_at(number.end + 1) {
                if !upper.year_like || number.year_like {
                    let mut lower_value = number.value;
                    // "1.5 to 2 million": the scale of the upper bound applies to both.
                    if upper.scaled && !number.scaled {
                        let scale = upper_scale(&upper, self);
                        if number.value < upper.value / scale {
                            lower_value *= scale;
                        }
                    }
                    max = to_count(upper.value);
                    last = upper.end - 1;
                    if let Some(upper_value) = max {
                        if (upper_value as f64) < lower_value {
                            max = None;
                            last = number.end - 1;
                        }
                    }
                    if max.is_some() {
                        return self.finish(
                            number,
                            first,
                            last,
                            lower_value,
                            max,
                            approximate,
                            currency,
                            verb,
                            floor,
                        );
                    }
                }
            }
        }
        self.finish(
            number,
            first,
            last,
            number.value,
            max,
            approximate,
            currency,
            verb,
            floor,
        )
    }

    /// The rest of a reading once the number (or range) ends at token `last`.
    #[allow(clippy::too_many_arguments)]
    fn finish(
        &self,
        number: &Number,
        first: usize,
        mut last: usize,
        value: f64,
        max: Option<u64>,
        approximate: bool,
        mut currency: Option<&'a Currency>,
        verb: Option<&'a String>,
        floor: usize,
    ) -> Option<Reading> {
        let value = to_count(value)?;
        let after = last + 1;
        // A currency word after: "20 million euros", "30 million USD".
        if currency.is_none() {
            for width in [2, 1] {
                if let Some(found) = self
                    .phrase(after, after + width)
                    .and_then(|p| self.lexicon.suffixes.get(&p))
                {
                    let usable =
                        !found.ambiguous || (number.scaled && self.word(after + width) != "of");
                    if usable {
                        currency = Some(found);
                        last = after + width - 1;
                    }
                    break;
                }
            }
        }
        if let Some(currency) = currency {
            return Some(Reading {
                first,
                last,
                kind: format!("money_{}", currency.code),
                value,
                max,
                approximate,
            });
        }

        // The counted noun, after up to three adjectives: "12,000 North Korean troops".
        let mut head = None;
        let mut p = after;
        while p < self.tokens.len() && p <= after + 3 {
            let w = self.word(p);
            if self.lexicon.nouns.contains_key(w) || self.lexicon.persons.contains(w) {
                head = Some(p);
                break;
            }
            let adjective = self.kind(p) == Some(TokenKind::Word)
                && !STOPWORDS.contains(&w)
                && !dyad_text::calendar::is_month_word(w)
                && !self.lexicon.participles.contains_key(w)
                && !self.lexicon.verbs.contains_key(w)
                && self.number_at(p).is_none();
            if !adjective {
                break;
            }
            p += 1;
        }

        // A participle after the noun or the number: "5 people were killed", "12 wounded".
        let mut participle = None;
        // Without a known noun, the participle may follow unknown words: "16 terrorists
        // had been killed".
        let mut q = head.map_or(p, |h| h + 1);
        let mut skipped = 0;
        while skipped < 3 && self.is_any(q, AUXILIARIES) {
            q += 1;
            skipped += 1;
        }
        let noun_is_participle =
            head.is_some_and(|h| self.lexicon.participles.contains_key(self.word(h)));
        if !noun_is_participle {
            if let Some(kind) = self.lexicon.participles.get(self.word(q)) {
                participle = Some((q, kind));
            }
        }

        let noun_kind = head.and_then(|h| self.lexicon.nouns.get(self.word(h)));
        let (kind, first) = if let Some(kind) = verb {
            // "killing or wounding 50": both, so casualties.
            let paired = first
                .checked_sub(3)
                .filter(|&v| v >= floor && matches!(self.word(first - 2), "or" | "and"))
                .filter(|&v| {
                    self.lexicon
                        .verbs
                        .get(self.word(v))
                        .is_some_and(|k| k != kind)
                });
            match paired {
                Some(v) => ("casualties".to_string(), v),
                None => (kind.clone(), first - 1),
            }
        } else if let Some((q, kind)) = participle {
            // "20 people were killed or wounded": both, so casualties.
            let paired = matches!(self.word(q + 1), "or" | "and")
                && self
                    .lexicon
                    .participles
                    .get(self.word(q + 2))
                    .is_some_and(|k| k != kind);
            if paired {
                participle = Some((q + 2, kind));
                ("casualties".to_string(), first)
            } else {
                (kind.clone(), first)
            }
        } else if let Some(kind) = noun_kind {
            (kind.clone(), first)
        } else if self.toll_before(first) {
            ("dead".to_string(), first)
        } else {
            return None;
        };
        if let Some(h) = head {
            last = last.max(h);
        }
        if let Some((q, _)) = participle {
            if verb.is_none() {
                last = last.max(q);
            }
        }
        Some(Reading {
            first,
            last,
            kind,
            value,
            max,
            approximate,
        })
    }

    /// The longest modifier phrase ending just before token `at`.
    fn modifier_before(&self, at: usize, floor: usize) -> Option<(usize, &Modifier)> {
        self.lexicon.modifiers.iter().find_map(|modifier| {
            let width = modifier.words.len();
            if width == 0 || at < floor + width {
                return None;
            }
            let start = at - width;
            modifier
                .words
                .iter()
                .enumerate()
                .all(|(k, w)| self.word(start + k) == w)
                .then_some((width, modifier))
        })
    }

    /// "the death toll rose to 30", "a toll of 30": "toll" within five tokens before.
    fn toll_before(&self, at: usize) -> bool {
        (at.saturating_sub(5)..at).any(|i| self.word(i) == "toll")
    }
}

/// The scale factor of a scaled number's last word ("2 million" → 1e6).
fn upper_scale(number: &Number, scan: &Scan<'_>) -> f64 {
    let last = scan.word(number.end - 1);
    SCALES
        .iter()
        .chain(GLUED_SCALES)
        .find(|(w, _)| {
            last == *w || (last.ends_with(w) && last.starts_with(|c: char| c.is_ascii_digit()))
        })
        .map_or(1.0, |&(_, s)| s)
}

/// "twenty-five" → 25, "three" → 3.
fn unit_value(word: &str) -> Option<f64> {
    let lookup = |w: &str| UNITS.iter().find(|(u, _)| *u == w).map(|&(_, v)| v);
    if let Some(v) = lookup(word) {
        return Some(v);
    }
    let (tens, unit) = word.split_once('-')?;
    let tens = lookup(tens).filter(|t| *t >= 20.0 && t % 10.0 == 0.0)?;
    let unit = lookup(unit).filter(|u| (1.0..=9.0).contains(u))?;
    Some(tens + unit)
}

/// Digits with group separators: "12,000" → 12000, "1.5" → 1.5, "1.500.000" → 1500000.
fn parse_digits(word: &str) -> Option<f64> {
    if word.is_empty()
        || !word
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
    {
        return None;
    }
    let dots = word.bytes().filter(|&b| b == b'.').count();
    let cleaned: String = if dots > 1 {
        word.chars().filter(char::is_ascii_digit).collect()
    } else {
        word.chars().filter(|&c| c != ',').collect()
    };
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A count as `u64`, when it is one.
fn to_count(value: f64) -> Option<u64> {
    (0.0..1.8e19).contains(&value).then(|| value.round() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (span text, kind, value, max, approximate) of every count in `text`.
    fn find(text: &str) -> Vec<(String, String, u64, Option<u64>, bool)> {
        find_quantities(text, Span::new(0, text.len()))
            .into_iter()
            .map(|q| {
                (
                    text[q.span.start..q.span.end].to_string(),
                    q.kind,
                    q.value,
                    q.max,
                    q.approximate,
                )
            })
            .collect()
    }

    fn one(text: &str) -> (String, String, u64, Option<u64>, bool) {
        let found = find(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().expect("one")
    }

    fn kv(text: &str) -> (String, u64) {
        let (_, kind, value, _, _) = one(text);
        (kind, value)
    }

    fn s(kind: &str, value: u64) -> (String, u64) {
        (kind.to_string(), value)
    }

    #[test]
    fn embedded_lexicon_loads() {
        let lexicon = MagnitudeLexicon::from_data(&DataSet::embedded()).expect("data loads");
        assert!(lexicon.nouns.contains_key("troops"));
        assert!(lexicon.prefixes.contains_key("$"));
        assert!(!lexicon.modifiers.is_empty());
    }

    #[test]
    fn seed_troops() {
        assert_eq!(
            one("North Korea has sent approximately 12,000 troops to Russia."),
            (
                "approximately 12,000 troops".into(),
                "troops".into(),
                12000,
                None,
                true
            )
        );
    }

    #[test]
    fn counted_nouns() {
        assert_eq!(
            kv("Russia deployed 12,000 North Korean soldiers."),
            s("troops", 12000)
        );
        assert_eq!(kv("The attack left 12 dead."), s("dead", 12));
        assert_eq!(kv("There were 30 deaths in the region."), s("dead", 30));
        assert_eq!(
            kv("Police said 40 demonstrators gathered."),
            s("protesters", 40)
        );
        assert_eq!(
            kv("The country hosts 3 million refugees."),
            s("refugees", 3_000_000)
        );
        assert_eq!(
            kv("Russia launched 40 Shahed drones overnight."),
            s("weapons", 40)
        );
        assert_eq!(kv("It holds 120 detainees."), s("arrested", 120));
    }

    #[test]
    fn participles_and_verbs() {
        assert_eq!(
            kv("At least 5 people were killed in the strike."),
            s("dead", 5)
        );
        assert_eq!(
            one("Five soldiers were reportedly wounded.").0,
            "Five soldiers were reportedly wounded"
        );
        assert_eq!(
            kv("Five soldiers were reportedly wounded."),
            s("injured", 5)
        );
        assert_eq!(kv("The blast hurt 12, officials said."), s("injured", 12));
        assert_eq!(kv("Shelling hit the market, killing 5."), s("dead", 5));
        assert_eq!(one("Shelling hit the market, killing 5.").0, "killing 5");
        assert_eq!(kv("Police arrested 50 protesters."), s("arrested", 50));
        assert_eq!(kv("More than 100 were detained."), s("arrested", 100));
        assert_eq!(
            kv("Some 3,000 residents fled the town."),
            s("displaced", 3000)
        );
        assert_eq!(
            kv("Officials evacuated 500 villagers."),
            s("displaced", 500)
        );
        assert_eq!(
            find("A bombing killed one U.S. soldier and wounded two others."),
            vec![
                (
                    "killed one U.S. soldier".into(),
                    "dead".into(),
                    1,
                    None,
                    false
                ),
                (
                    "wounded two others".into(),
                    "injured".into(),
                    2,
                    None,
                    false
                ),
            ]
        );
    }

    #[test]
    fn killed_or_wounded_are_casualties() {
        assert_eq!(
            one("It said 20 people were killed or wounded.").0,
            "20 people were killed or wounded"
        );
        assert_eq!(
            kv("It said 20 people were killed or wounded."),
            s("casualties", 20)
        );
        assert_eq!(
            one("Rocket fire hit the camps, killing or wounding 50.").0,
            "killing or wounding 50"
        );
        assert_eq!(kv("Soldiers shot dead two militants."), s("dead", 2));
        assert_eq!(
            kv("Officials said 16 terrorists had been killed."),
            s("dead", 16)
        );
    }

    #[test]
    fn death_tolls() {
        assert_eq!(kv("The death toll rose to 30 on Monday."), s("dead", 30));
        assert_eq!(kv("A death toll of 30 was reported."), s("dead", 30));
    }

    #[test]
    fn money() {
        assert_eq!(
            one("The US pledged $1.5 billion in aid."),
            (
                "$1.5 billion".into(),
                "money_usd".into(),
                1_500_000_000,
                None,
                false
            )
        );
        assert_eq!(kv("It pledged US$ 30 million."), s("money_usd", 30_000_000));
        assert_eq!(kv("It pledged US$30 million."), s("money_usd", 30_000_000));
        assert_eq!(
            kv("It pledged 1.2 billion dollars."),
            s("money_usd", 1_200_000_000)
        );
        assert_eq!(kv("The EU gave €20 million."), s("money_eur", 20_000_000));
        assert_eq!(
            kv("The EU gave 20 million euros."),
            s("money_eur", 20_000_000)
        );
        assert_eq!(
            kv("Britain gave £59.5 million."),
            s("money_gbp", 59_500_000)
        );
        assert_eq!(
            kv("Britain gave 20 million pounds."),
            s("money_gbp", 20_000_000)
        );
        assert_eq!(kv("Japan gave ¥3bn."), s("money_jpy", 3_000_000_000));
        assert_eq!(kv("It cost $3bn."), s("money_usd", 3_000_000_000));
        assert_eq!(kv("A grant of $530,000 was made."), s("money_usd", 530_000));
        assert_eq!(
            kv("Seoul offered 5 billion won."),
            s("money_krw", 5_000_000_000)
        );
        assert!(find("They carried 500 pounds of explosives.").is_empty());
        assert_eq!(
            one("The Australian Government gave over $135 million."),
            (
                "over $135 million".into(),
                "money_usd".into(),
                135_000_000,
                None,
                true
            )
        );
    }

    #[test]
    fn numbers_written_as_words() {
        assert_eq!(kv("Three soldiers died."), s("dead", 3));
        assert_eq!(kv("Twenty-five civilians were killed."), s("dead", 25));
        assert_eq!(
            kv("Two hundred and fifty troops arrived."),
            s("troops", 250)
        );
        assert_eq!(kv("A dozen protesters were arrested."), s("arrested", 12));
        assert_eq!(kv("Two dozen protesters marched."), s("protesters", 24));
        assert_eq!(kv("They sent 2m troops."), s("troops", 2_000_000));
        assert_eq!(
            kv("Over half a million refugees crossed."),
            s("refugees", 500_000)
        );
        assert_eq!(kv("Five thousand troops were deployed."), s("troops", 5000));
    }

    #[test]
    fn vague_counts_are_approximate_round_figures() {
        assert_eq!(
            one("Dozens of protesters were arrested."),
            (
                "Dozens of protesters were arrested".into(),
                "arrested".into(),
                24,
                None,
                true
            )
        );
        assert_eq!(kv("Thousands of refugees crossed."), s("refugees", 2000));
        assert_eq!(
            kv("Tens of thousands of troops massed."),
            s("troops", 20_000)
        );
        assert_eq!(
            kv("Hundreds of thousands of people fled."),
            s("displaced", 200_000)
        );
    }

    #[test]
    fn approximations() {
        for modifier in [
            "approximately",
            "about",
            "around",
            "some",
            "nearly",
            "more than",
            "at least",
            "up to",
            "roughly",
            "an estimated",
        ] {
            let text = format!("Russia sent {modifier} 1,000 troops.");
            let (span, kind, value, _, approximate) = one(&text);
            assert_eq!(
                (kind.as_str(), value, approximate),
                ("troops", 1000, true),
                "{text}"
            );
            assert_eq!(span, format!("{modifier} 1,000 troops"));
        }
        assert!(!one("Russia sent 1,000 troops.").4);
    }

    #[test]
    fn ranges() {
        for text in [
            "Between 1,500 and 3,000 troops were sent.",
            "1,500 to 3,000 troops were sent.",
            "1,500-3,000 troops were sent.",
        ] {
            let (_, kind, value, max, _) = one(text);
            assert_eq!(
                (kind.as_str(), value, max),
                ("troops", 1500, Some(3000)),
                "{text}"
            );
        }
        let (_, kind, value, max, _) = one("It costs 1.5 to 2 billion dollars.");
        assert_eq!(
            (kind.as_str(), value, max),
            ("money_usd", 1_500_000_000, Some(2_000_000_000))
        );
        let (_, _, value, max, _) = one("Two or three soldiers died.");
        assert_eq!((value, max), (2, Some(3)));
    }

    #[test]
    fn numbers_that_are_not_counts() {
        for text in [
            "In 2024 troops were sent to the border.",
            "Support fell to 40% among troops.",
            "Support fell 40 percent among soldiers.",
            "A 25-year-old soldier was killed.",
            "The soldier, aged 25, was killed.",
            "He was killed on 29 November.",
            "Troops arrived on November 29 soldiers said.",
            "The 3rd brigade's troops moved.",
            "At 10:30 troops moved.",
            "It is one of the soldiers who fled.",
            "He was ranked No. 1 among soldiers.",
            "The 12-member team of soldiers met.",
            "He said 5 were angry.",
        ] {
            assert!(find(text).is_empty(), "{text}: {:?}", find(text));
        }
    }

    #[test]
    fn pathological_input() {
        let huge = format!(
            "{} troops and ${} trillion",
            "9".repeat(400),
            "9".repeat(30)
        );
        assert!(find(&huge).is_empty());
        assert!(find("999999999999999999999 troops").is_empty());
        let _ = find("Über 5 Ärzte — “12 000 €” ✓ 1\u{2013}2 troops, $ , - 5- -5 of");
        let text = "5 troops";
        assert!(find_quantities(text, Span::new(2, 100)).is_empty());
        let long = "about 5 troops and ".repeat(2000);
        assert_eq!(find(&long).len(), 2000);
    }

    #[test]
    fn respects_the_span() {
        let text = "10 troops left. 20 soldiers were killed.";
        let start = text.find("20").expect("fixture");
        let found = find_quantities(text, Span::new(start, text.len()));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, "dead");
        assert_eq!(found[0].span.start, start);
    }
}
