//! Evaluation of dyad against gold sets: pure scoring functions over gold records and the
//! [`Extraction`]s the pipeline produced for them, so every scorer is testable in memory.
//!
//! - [`plover`]: PLOVER gold sentences (event type, source/target actors);
//! - [`petr2`]: PETRARCH-2 gold CAMEO triples (source country, target country, CAMEO root);
//! - [`ner`]: re3d entity mentions (PER/ORG/LOC mention F1);
//! - [`article`]: article bodies extracted from web pages (word 4-gram shingle P/R/F1);
//! - [`ud`]: dependency parses against a Universal Dependencies treebank (UAS, LAS, tags, lemmas).
//! - [`part`]: part K of N of a set, the rule shared by `dyad eval --part` and the
//!   trainers' `--hold-part`;
//! - [`events`]: whole stories, every event of every sentence (`voa-events`: type, type +
//!   actors, status, date and source), and the project's fixed train/held-out split.
//!
//! Reading the gold files is [`parse_jsonl`]; running the pipeline is the caller's job
//! (the `dyad eval` command).

pub mod article;
pub mod codes;
pub mod events;
pub mod metrics;
pub mod ner;
pub mod part;
pub mod petr2;
pub mod plover;
pub mod table;
#[cfg(test)]
mod testing;
pub mod ud;
pub mod wikigold;

pub use dyad_model::Extraction;
pub use metrics::Prf;

use serde::de::DeserializeOwned;

/// A gold file that could not be read, naming the input and the 1-based line.
#[derive(Debug, thiserror::Error)]
#[error("{input}:{line}: {message}")]
pub struct EvalError {
    pub input: String,
    pub line: usize,
    pub message: String,
}

/// Parses a JSON-lines gold file: one record per non-blank line.
pub fn parse_jsonl<T: DeserializeOwned>(input: &str, text: &str) -> Result<Vec<T>, EvalError> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            serde_json::from_str(line).map_err(|e| EvalError {
                input: input.to_string(),
                line: i + 1,
                message: e.to_string(),
            })
        })
        .collect()
}

/// One predicted event in a line, `TYPE CAMEO ACTORS -> RECIPIENTS`, with the
/// comparable code of each party (see [`codes::country_part`]) joined by `+`.
pub fn describe_event(event: &dyad_model::Event) -> String {
    let codes = |refs: &[dyad_model::ActorRef]| {
        refs.iter()
            .map(|a| codes::country_part(a.code.as_deref()))
            .collect::<Vec<_>>()
            .join("+")
    };
    format!(
        "{} {} {} -> {}",
        event.event.as_str(),
        event.cameo,
        codes(&event.actor),
        codes(&event.recipient)
    )
}

/// Parses a date written `YYYY-MM-DD` or `YYYYMMDD`; anything else is `None`.
pub fn parse_gold_date(text: &str) -> Option<dyad_model::Date> {
    let text = text.trim();
    if let Ok(date) = text.parse() {
        return Some(date);
    }
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        let year = text.get(0..4)?.parse().ok()?;
        let month = text.get(4..6)?.parse().ok()?;
        let day = text.get(6..8)?.parse().ok()?;
        return dyad_model::Date::new(year, month, day).ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    struct Row {
        a: u32,
    }

    #[test]
    fn jsonl_errors_name_input_and_line() {
        let rows: Vec<Row> = parse_jsonl("x.jsonl", "{\"a\":1}\n\n{\"a\":2}\n").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].a, 2);
        let err = parse_jsonl::<Row>("x.jsonl", "{\"a\":1}\n{oops\n").unwrap_err();
        assert!(err.to_string().starts_with("x.jsonl:2: "), "{err}");
    }

    #[test]
    fn gold_dates_in_both_layouts() {
        assert_eq!(
            parse_gold_date("20080806"),
            Some(dyad_model::Date::new(2008, 8, 6).unwrap())
        );
        assert_eq!(
            parse_gold_date("2000-01-01"),
            Some(dyad_model::Date::new(2000, 1, 1).unwrap())
        );
        assert_eq!(parse_gold_date("121108"), None);
        assert_eq!(parse_gold_date("20081399"), None);
    }
}
