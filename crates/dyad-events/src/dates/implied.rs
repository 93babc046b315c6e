//! Dates the story implies for events whose own sentence writes none.
//!
//! Two readings, each for a class of constructions (see [`imply_dates`]): a speech act in
//! the present tense happens on the day the story is published, and a past event in the
//! narrative continues the date the story last wrote.

use dyad_model::{Date, DatePrecision, Event, Status};
use dyad_syntax::SentenceDoc;
use dyad_text::token::Token;

use super::clause::{self, Time};
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
///   date the story wrote for a past event, in its sentence or the one before
///   ([`CARRY`]); the perfect ("has threatened") has no day.
///
/// Only events said to happen get a date this way (asserted, reported, alleged, denied); a
/// future, hypothetical or negated one keeps none. An implied date has no `date_text`.
/// `sentences` and `tokens` are the document's analysis and token layer.
pub fn imply_dates(
    sentences: &[SentenceDoc],
    tokens: &[Token],
    events: &mut [Event],
    published: Option<Date>,
) {
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by_key(|&i| (events[i].sentence, events[i].trigger.start));
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
                if let Some(w) = last.filter(|w| e.sentence <= w.sentence + CARRY) {
                    e.date = Some(w.date);
                    e.date_end = w.end;
                    e.date_precision = Some(w.precision);
                }
            }
            _ => {}
        }
    }
}

/// The trigger's tokens in its sentence (local indices, end exclusive).
fn trigger_tokens(sentence: &SentenceDoc, tokens: &[Token], e: &Event) -> Option<(usize, usize)> {
    let own = tokens.get(sentence.tokens.clone())?;
    let first = own.iter().position(|t| t.end > e.trigger.start)?;
    let last = own.iter().rposition(|t| t.start < e.trigger.end)?;
    (first <= last).then_some((first, last + 1))
}
