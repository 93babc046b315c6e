//! Dates the story implies for events whose own sentence writes none.
//!
//! Two readings, each for a class of constructions (see [`imply_dates`]): a speech act in
//! the present tense happens on the day the story is published, and a past event in the
//! narrative continues the last past date the story wrote.

use dyad_model::{Date, DatePrecision, Event, Status};
use dyad_syntax::SentenceDoc;
use dyad_text::token::Token;

use super::clause::{self, Time};
use super::{find_dates_in_tokens, DateMention};
use crate::cameo;

/// How many sentences back a written date still dates an undated past event ("Gunmen
/// stormed the school on Friday. They kidnapped 300 pupils.").
const CARRY: usize = 2;

/// A date the story wrote for an event: where, and what.
#[derive(Clone, Copy)]
struct Written {
    sentence: usize,
    date: Date,
    end: Option<Date>,
    precision: DatePrecision,
}

/// Dates the events that no report dates, in the order of the story:
///
/// - a speech act in the present tense ("the government is warning the rebels", "the minister
///   urges calm", "rights groups accuse the police": [`cameo::is_speech_act`]) is said on
///   the publication day; other acts in the present tense are mostly states and habits
///   ("the two navies are patrolling the strait together"), with no day;
/// - an event in the simple past ("they kidnapped", "were released") continues the last
///   past date the story wrote, in its sentence or the [`CARRY`] before: the date of an
///   event, or one written beside no event ("the army said on Monday that …", saying being
///   no event), in a past clause and neither a limit nor a period reaching publication;
///   the perfect ("has threatened") has no day.
///
/// Only events said to happen get a date this way (asserted, reported, alleged, denied); a
/// future, hypothetical or negated one keeps none. An implied date has no `date_text`.
/// `text`, `sentences` and `tokens` are the document's text, analysis and token layer.
pub fn imply_dates(
    text: &str,
    sentences: &[SentenceDoc],
    tokens: &[Token],
    events: &mut [Event],
    published: Option<Date>,
) {
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by_key(|&i| (events[i].sentence, events[i].trigger.start));
    let mut written = StoryDates::new(text, sentences, tokens, published);
    let mut last: Option<Written> = None;
    for i in order {
        let e = &mut events[i];
        let happened = matches!(
            e.status,
            Status::Asserted | Status::Reported | Status::Alleged | Status::Denied
        );
        if let (Some(date), Some(_)) = (e.date, &e.date_text) {
            if happened && published.is_none_or(|p| date <= p) {
                last = Some(Written {
                    sentence: e.sentence,
                    date,
                    end: e.date_end,
                    precision: e.date_precision.unwrap_or(DatePrecision::Day),
                });
            }
            continue;
        }
        if e.date.is_some() || !happened {
            continue;
        }
        let Some(sentence) = sentences.get(e.sentence) else {
            continue;
        };
        let Some(range) = trigger_tokens(sentence, tokens, e) else {
            continue;
        };
        match clause::time(sentence, range) {
            Some(Time::Present) if cameo::is_speech_act(e.event) => {
                if let Some(p) = published {
                    e.date = Some(p);
                    e.date_precision = Some(DatePrecision::Day);
                }
            }
            Some(Time::Past) => {
                let event_date = last.filter(|w| e.sentence <= w.sentence + CARRY);
                let story_date = written.before(e.sentence, range.0);
                let later = match (event_date, story_date) {
                    (Some(a), Some(b)) if b.sentence > a.sentence => Some(b),
                    (Some(a), _) => Some(a),
                    (None, b) => b,
                };
                if let Some(w) = later {
                    e.date = Some(w.date);
                    e.date_end = w.end;
                    e.date_precision = Some(w.precision);
                }
            }
            _ => {}
        }
    }
}

/// The dates the story writes, sentence by sentence, found when an event first asks.
struct StoryDates<'a> {
    text: &'a str,
    sentences: &'a [SentenceDoc],
    tokens: &'a [Token],
    published: Option<Date>,
    found: Vec<Option<Vec<DateMention>>>,
}

impl<'a> StoryDates<'a> {
    fn new(
        text: &'a str,
        sentences: &'a [SentenceDoc],
        tokens: &'a [Token],
        published: Option<Date>,
    ) -> Self {
        StoryDates {
            text,
            sentences,
            tokens,
            published,
            found: vec![None; sentences.len()],
        }
    }

    /// The last past date the story wrote before token `token` of sentence `sentence`, in
    /// it or in the [`CARRY`] sentences before: a time at which something happened (not a
    /// limit, not a period reaching publication, not in a future or modal clause).
    fn before(&mut self, sentence: usize, token: usize) -> Option<Written> {
        for s in (sentence.saturating_sub(CARRY)..=sentence).rev() {
            let limit = if s == sentence { token } else { usize::MAX };
            let doc = self.sentences.get(s)?;
            let published = self.published;
            let mentions = self.mentions(s);
            let date = mentions
                .iter()
                .rev()
                .filter(|m| m.tokens.1 <= limit)
                .find(|m| Self::happened_at(published, doc, m));
            if let Some(m) = date {
                return Some(Written {
                    sentence: s,
                    date: m.date,
                    end: m.end,
                    precision: m.precision,
                });
            }
        }
        None
    }

    fn happened_at(published: Option<Date>, doc: &SentenceDoc, m: &DateMention) -> bool {
        m.bound.is_none()
            && published.is_none_or(|p| m.date <= p && m.end.is_none_or(|e| e < p))
            && matches!(clause::time(doc, m.tokens), Some(Time::Past))
    }

    fn mentions(&mut self, s: usize) -> &[DateMention] {
        if self.found[s].is_none() {
            let range = self.sentences[s].tokens.clone();
            let own = self.tokens.get(range).unwrap_or_default();
            self.found[s] = Some(find_dates_in_tokens(self.text, own, self.published));
        }
        self.found[s].as_deref().unwrap_or_default()
    }
}

/// The trigger's tokens in its sentence (local indices, end exclusive).
fn trigger_tokens(sentence: &SentenceDoc, tokens: &[Token], e: &Event) -> Option<(usize, usize)> {
    let own = tokens.get(sentence.tokens.clone())?;
    let first = own.iter().position(|t| t.end > e.trigger.start)?;
    let last = own.iter().rposition(|t| t.start < e.trigger.end)?;
    (first <= last).then_some((first, last + 1))
}
