//! Query-string parameters: parsed by name, every value checked, and every error naming
//! the parameter (`since: expected a date as YYYY-MM-DD, got "2024-13-01"`). A parameter a
//! route does not know is an error too, so a misspelt filter never silently matches
//! everything. Empty values count as absent (`?actor=&event=ASSAULT`).

use std::collections::BTreeMap;

use dyad_model::{Date, EventType, Status};
use dyad_store::{EventQuery, Interval, Sort, SummaryQuery};

use crate::error::ApiError;

/// The filters every event view takes (`/api/events`, `/api/timeline`, `/api/network`,
/// `/api/places`), with the meaning of `dyad events`.
pub const EVENT_FILTERS: &[&str] = &[
    "actor",
    "recipient",
    "dyad",
    "event",
    "status",
    "since",
    "until",
    "q",
    "place",
    "country",
    "min_sources",
];

/// The parameters of one request.
#[derive(Debug, Default)]
pub struct Params {
    values: BTreeMap<String, String>,
}

/// Longest accepted actor or country code.
const MAX_CODE_CHARS: usize = 16;
/// Longest accepted free-text parameter (`q`, `place`).
const MAX_TEXT_CHARS: usize = 500;

impl Params {
    /// Parses the raw query string; `allowed` lists the names the route knows.
    pub fn parse(raw: Option<&str>, allowed: &[&str]) -> Result<Params, ApiError> {
        let mut values = BTreeMap::new();
        let mut seen = std::collections::BTreeSet::new();
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or_default())
            .map_err(|e| ApiError::bad_request(format!("query string: {e}")))?;
        for (name, value) in pairs {
            if !allowed.contains(&name.as_str()) {
                let takes = if allowed.is_empty() {
                    "this route takes none".to_string()
                } else {
                    format!("this route takes: {}", allowed.join(", "))
                };
                return Err(ApiError::bad_request(format!(
                    "unknown parameter {name:?} ({takes})"
                )));
            }
            // `limit=5&limit=` names the parameter twice, even if once without a value.
            if !seen.insert(name.clone()) {
                return Err(ApiError::bad_request(format!(
                    "{name}: given more than once"
                )));
            }
            let value = value.trim().to_string();
            if !value.is_empty() {
                values.insert(name, value);
            }
        }
        Ok(Params { values })
    }

    /// The raw value of a parameter.
    pub fn text(&self, name: &str) -> Result<Option<String>, ApiError> {
        match self.values.get(name) {
            Some(v) if v.chars().count() > MAX_TEXT_CHARS => Err(ApiError::bad_request(format!(
                "{name}: longer than {MAX_TEXT_CHARS} characters"
            ))),
            Some(v) => Ok(Some(v.clone())),
            None => Ok(None),
        }
    }

    /// A full-text search (`q`): refused when it has no word to search for (only
    /// punctuation or invisible characters), which would otherwise match everything.
    pub fn search(&self, name: &str) -> Result<Option<String>, ApiError> {
        let Some(text) = self.text(name)? else {
            return Ok(None);
        };
        if !dyad_store::has_search_words(&text) {
            return Err(ApiError::bad_request(format!(
                "{name}: no word to search for in {text:?} (words are letters and digits)"
            )));
        }
        Ok(Some(text))
    }

    /// An actor or country code: letters and digits (`RUS`, `RUSGOV`, `IGO`).
    pub fn code(&self, name: &str) -> Result<Option<String>, ApiError> {
        self.values
            .get(name)
            .map(|v| check_code(name, v))
            .transpose()
    }

    /// A `YYYY-MM-DD` date.
    pub fn date(&self, name: &str) -> Result<Option<Date>, ApiError> {
        self.values
            .get(name)
            .map(|v| {
                let valid_shape = v.len() == 10
                    && v.bytes().enumerate().all(|(i, b)| match i {
                        4 | 7 => b == b'-',
                        _ => b.is_ascii_digit(),
                    });
                match v.parse::<Date>() {
                    Ok(date) if valid_shape => Ok(date),
                    _ => Err(ApiError::bad_request(format!(
                        "{name}: expected a date as YYYY-MM-DD, got {v:?}"
                    ))),
                }
            })
            .transpose()
    }

    /// A publication date: a `YYYY-MM-DD` date in the years of a publication date.
    pub fn published(&self, name: &str) -> Result<Option<Date>, ApiError> {
        self.date(name)?
            .map(|date| {
                dyad_ingest::dates::check_published(date)
                    .map_err(|e| ApiError::bad_request(format!("{name}: {e}")))
            })
            .transpose()
    }

    /// A whole number in `min..=max`.
    pub fn number(&self, name: &str, min: u64, max: u64) -> Result<Option<u64>, ApiError> {
        self.values
            .get(name)
            .map(|v| match v.parse::<u64>() {
                Ok(n) if (min..=max).contains(&n) => Ok(n),
                _ => Err(ApiError::bad_request(format!(
                    "{name}: expected a whole number from {min} to {max}, got {v:?}"
                ))),
            })
            .transpose()
    }

    /// `limit`: 1 ..= `max`, `default` when absent.
    pub fn limit(&self, default: usize, max: usize) -> Result<usize, ApiError> {
        Ok(self
            .number("limit", 1, max as u64)?
            .map_or(default, |n| usize::try_from(n).unwrap_or(max)))
    }

    /// `offset`: 0 ..= 10,000,000.
    pub fn offset(&self) -> Result<usize, ApiError> {
        Ok(self
            .number("offset", 0, 10_000_000)?
            .map_or(0, |n| usize::try_from(n).unwrap_or(0)))
    }

    /// `dyad=A,B`: two codes.
    pub fn dyad(&self) -> Result<Option<(String, String)>, ApiError> {
        let Some(v) = self.values.get("dyad") else {
            return Ok(None);
        };
        match v.split_once(',') {
            Some((a, b)) if !b.contains(',') => {
                Ok(Some((check_code("dyad", a)?, check_code("dyad", b)?)))
            }
            _ => Err(ApiError::bad_request(format!(
                "dyad: expected two codes as A,B (e.g. RUS,PRK), got {v:?}"
            ))),
        }
    }

    /// `event`: a PLOVER event type.
    pub fn event_type(&self) -> Result<Option<EventType>, ApiError> {
        self.values
            .get("event")
            .map(|v| {
                EventType::parse(v).ok_or_else(|| {
                    ApiError::bad_request(format!(
                        "event: unknown PLOVER event type {v:?} (one of {})",
                        EventType::ALL.map(EventType::as_str).join(", ")
                    ))
                })
            })
            .transpose()
    }

    /// `status`: one epistemic status or several separated by commas
    /// (`asserted,reported,alleged`); none means any.
    pub fn status(&self) -> Result<Vec<Status>, ApiError> {
        let Some(v) = self.values.get("status") else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for part in v.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let status: Status =
                serde_json::from_value(serde_json::Value::String(part.to_ascii_lowercase()))
                    .map_err(|_| {
                        ApiError::bad_request(format!(
                            "status: unknown status {part:?} (asserted, reported, alleged, \
                             denied, future, hypothetical, negated; several separated by commas)"
                        ))
                    })?;
            if !out.contains(&status) {
                out.push(status);
            }
        }
        Ok(out)
    }

    /// `sort`.
    pub fn sort(&self) -> Result<Sort, ApiError> {
        match self.values.get("sort") {
            Some(v) => v
                .parse::<Sort>()
                .map_err(|e| ApiError::bad_request(format!("sort: {e}"))),
            None => Ok(Sort::Date),
        }
    }

    /// `interval`: day, week or month (default month).
    pub fn interval(&self) -> Result<Interval, ApiError> {
        match self.values.get("interval") {
            Some(v) => v
                .parse::<Interval>()
                .map_err(|e| ApiError::bad_request(format!("interval: {e}"))),
            None => Ok(Interval::Month),
        }
    }

    /// A boolean flag: `true`/`false`/`1`/`0`.
    pub fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.values.get(name).map(|v| v.to_ascii_lowercase()) {
            None => Ok(false),
            Some(v) if v == "true" || v == "1" || v == "yes" => Ok(true),
            Some(v) if v == "false" || v == "0" || v == "no" => Ok(false),
            Some(v) => Err(ApiError::bad_request(format!(
                "{name}: expected true or false, got {v:?}"
            ))),
        }
    }

    /// The event filters as a store query (no limit).
    pub fn event_query(&self) -> Result<EventQuery, ApiError> {
        let since = self.date("since")?;
        let until = self.date("until")?;
        if let (Some(since), Some(until)) = (since, until) {
            if since > until {
                return Err(ApiError::bad_request(format!(
                    "since: {since} is after until: {until}"
                )));
            }
        }
        Ok(EventQuery {
            actor: self.code("actor")?,
            recipient: self.code("recipient")?,
            dyad: self.dyad()?,
            event: self.event_type()?,
            status: self.status()?,
            since,
            until,
            search: self.search("q")?,
            place: self.text("place")?,
            country: self.code("country")?,
            min_sources: self.number("min_sources", 0, 1_000_000)?,
            ..EventQuery::default()
        })
    }

    /// The filters of the actor and dyad summaries.
    pub fn summary_query(&self, limit: usize) -> Result<SummaryQuery, ApiError> {
        Ok(SummaryQuery {
            dyad: self.dyad()?,
            actor: self.code("actor")?,
            since: self.date("since")?,
            until: self.date("until")?,
            status: self.status()?,
            by_month: false,
            limit: Some(limit),
        })
    }
}

fn check_code(name: &str, value: &str) -> Result<String, ApiError> {
    let code = value.trim();
    if code.is_empty()
        || code.chars().count() > MAX_CODE_CHARS
        || !code.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return Err(ApiError::bad_request(format!(
            "{name}: expected a code of letters and digits (e.g. RUS, RUSGOV), got {value:?}"
        )));
    }
    Ok(code.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> Result<Params, ApiError> {
        let mut allowed = EVENT_FILTERS.to_vec();
        allowed.extend(["limit", "offset", "sort", "interval"]);
        Params::parse(Some(raw), &allowed)
    }

    #[test]
    fn filters_parse_into_a_store_query() {
        let params =
            parse("actor=rus&dyad=PRK,%20RUS&event=assault&status=Denied&since=2024-11-01&q=drills&limit=20")
                .unwrap();
        let query = params.event_query().unwrap();
        assert_eq!(query.actor.as_deref(), Some("RUS"));
        assert_eq!(query.dyad, Some(("PRK".into(), "RUS".into())));
        assert_eq!(query.event, Some(EventType::Assault));
        assert_eq!(query.status, vec![Status::Denied]);
        let several = parse("status=asserted,%20Reported,alleged,asserted").unwrap();
        assert_eq!(
            several.event_query().unwrap().status,
            vec![Status::Asserted, Status::Reported, Status::Alleged]
        );
        assert_eq!(query.since, Some("2024-11-01".parse().unwrap()));
        assert_eq!(query.search.as_deref(), Some("drills"));
        assert_eq!(params.limit(50, 500).unwrap(), 20);
    }

    #[test]
    fn every_error_names_its_parameter() {
        for (raw, name) in [
            ("since=2024-13-01", "since"),
            ("until=yesterday", "until"),
            ("since=2024-1-1", "since"),
            ("event=PARTY", "event"),
            ("status=maybe", "status"),
            ("status=asserted,maybe", "status"),
            ("dyad=RUS", "dyad"),
            ("dyad=RUS,PRK,USA", "dyad"),
            ("actor=R%20S", "actor"),
            ("limit=0", "limit"),
            ("limit=501", "limit"),
            ("limit=ten", "limit"),
            ("offset=-1", "offset"),
            ("sort=random", "sort"),
            ("interval=year", "interval"),
            ("colour=red", "colour"),
            ("since=2025-01-02&until=2025-01-01", "since"),
        ] {
            let err = parse(raw)
                .and_then(|p| {
                    p.event_query()?;
                    p.limit(50, 500)?;
                    p.offset()?;
                    p.sort()?;
                    p.interval()
                })
                .expect_err(raw);
            assert_eq!(err.status, axum::http::StatusCode::BAD_REQUEST, "{raw}");
            assert!(err.message.contains(name), "{raw}: {}", err.message);
        }
    }

    #[test]
    fn empty_values_are_absent() {
        let params = parse("actor=&event=&limit=").unwrap();
        assert_eq!(params.event_query().unwrap(), EventQuery::default());
        assert_eq!(params.limit(50, 500).unwrap(), 50);
    }

    #[test]
    fn a_parameter_given_twice_is_refused_even_once_empty() {
        for raw in [
            "limit=5&limit=",
            "limit=&limit=5",
            "q=a&q=b",
            "actor=&actor=",
        ] {
            let err = parse(raw).unwrap_err();
            assert!(
                err.message.contains("given more than once"),
                "{raw}: {}",
                err.message
            );
        }
        let err = Params::parse(Some("x=1"), &[]).unwrap_err();
        assert!(err.message.contains("takes none"), "{}", err.message);
    }

    #[test]
    fn a_search_without_a_word_is_refused() {
        for raw in ["q=%21%21%21", "q=%E2%80%8B", "q=%22%22", "q=-%2B*"] {
            let err = parse(raw).unwrap().event_query().unwrap_err();
            assert!(
                err.message.starts_with("q: no word"),
                "{raw}: {}",
                err.message
            );
        }
        assert!(parse("q=drills*").unwrap().event_query().is_ok());
    }
}
