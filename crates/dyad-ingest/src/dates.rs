//! Publication dates as sources write them: `2024-12-01`, RFC 3339 / ISO 8601 datetimes
//! (`2024-12-01T10:00:00Z`, `2024-12-01 10:00:00+09:00`), `20241201`, `2024/12/01`,
//! RFC 2822 (`Sun, 01 Dec 2024 10:00:00 GMT`), `December 1, 2024`, `1 Dec. 2024`,
//! unambiguous numeric day/month orders (`25/12/2024`, `12/25/2024`), and Unix timestamps.
//! A datetime's calendar date is taken as written (the publisher's local date), not
//! converted to UTC. Anything else is `None` ([`parse_date`]: for dates found in pages,
//! where an unreadable one is left out), or an error saying why ([`parse_published`]: for
//! dates an operator gives, which must not be dropped or replaced silently).

use dyad_model::Date;

/// Month names and abbreviations, lower-case, with their numbers.
const MONTHS: &[(&str, i8)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// One run of digits or of letters.
#[derive(Debug, PartialEq)]
enum Piece<'a> {
    Number(&'a str),
    Word(&'a str),
}

/// The years a publication date may have; others are typing or conversion errors
/// (`0001-01-01`, `9999-12-31`).
pub const PUBLISHED_YEARS: std::ops::RangeInclusive<i16> = 1800..=2200;

/// Parses a publication date an operator gave (a JSONL field, a flag, a query parameter):
/// the forms [`parse_date`] reads, or an error that says what is wrong with it.
pub fn parse_published(text: &str) -> Result<Date, String> {
    if let Some(date) = parse_date(text) {
        return Ok(date);
    }
    let text = text.trim();
    // An ISO date that reads but is wrong: out of the years, or not a day of the calendar.
    let numbers: Vec<i16> = pieces(text)
        .iter()
        .take(3)
        .filter_map(|p| match p {
            Piece::Number(n) => num(n),
            Piece::Word(_) => None,
        })
        .collect();
    if let [year, month, day] = numbers[..] {
        if text.len() >= 10 && text.as_bytes().get(4) == Some(&b'-') {
            if !PUBLISHED_YEARS.contains(&year) {
                return Err(format!(
                    "{text:?}: year {year} is outside the years of a publication date ({}-{})",
                    PUBLISHED_YEARS.start(),
                    PUBLISHED_YEARS.end()
                ));
            }
            if date(year, month, day).is_none() {
                return Err(format!("{text:?} is not a day of the calendar"));
            }
        }
    }
    Err(format!(
        "{text:?} is not a date dyad reads (write YYYY-MM-DD, or an ISO 8601, RFC 2822 or \
         \"1 December 2024\" date)"
    ))
}

/// `date` when its year is one of a publication date ([`PUBLISHED_YEARS`]), else an error.
pub fn check_published(date: Date) -> Result<Date, String> {
    if PUBLISHED_YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(format!(
            "{date}: year {} is outside the years of a publication date ({}-{})",
            date.year(),
            PUBLISHED_YEARS.start(),
            PUBLISHED_YEARS.end()
        ))
    }
}

/// Parses a publication date (see the module docs).
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if text.is_empty() || text.len() > 100 {
        return None;
    }
    let pieces = pieces(text);
    let numbers: Vec<&str> = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Number(n) => Some(*n),
            Piece::Word(_) => None,
        })
        .collect();
    let first = pieces.first()?;
    // ISO forms: year first.
    if let Piece::Number(n) = first {
        if n.len() == 8 {
            return date(num(&n[..4])?, num(&n[4..6])?, num(&n[6..8])?);
        }
        if n.len() == 4 {
            match pieces.get(1..3) {
                Some([Piece::Number(m), Piece::Number(d)]) => {
                    return date(num(n)?, num(m)?, num(d)?)
                }
                Some([Piece::Word(m), Piece::Number(d)]) => {
                    return date(num(n)?, month(m)?, num(d)?)
                }
                _ => {}
            }
        }
        if (9..=10).contains(&n.len()) && pieces.len() == 1 {
            return from_unix_seconds(n.parse().ok()?);
        }
        if n.len() == 13 && pieces.len() == 1 {
            return from_unix_seconds(n.parse::<i64>().ok()? / 1000);
        }
    }
    // A month name anywhere: day next to it, a four-digit year.
    if let Some(i) = pieces
        .iter()
        .position(|p| matches!(p, Piece::Word(w) if month(w).is_some()))
    {
        let Piece::Word(m) = pieces[i] else {
            return None;
        };
        let year = numbers.iter().find(|n| n.len() == 4)?;
        fn is_day<'t>(p: Option<&Piece<'t>>) -> Option<&'t str> {
            match p {
                Some(Piece::Number(d)) if d.len() <= 2 => Some(*d),
                _ => None,
            }
        }
        let is_ordinal = |p: Option<&Piece<'_>>| matches!(p, Some(Piece::Word(w)) if ["st", "nd", "rd", "th"].contains(&w.to_ascii_lowercase().as_str()));
        let day_after = is_day(pieces.get(i + 1));
        let before = i.checked_sub(1).and_then(|j| pieces.get(j));
        let day_before = if is_ordinal(before) {
            is_day(i.checked_sub(2).and_then(|j| pieces.get(j)))
        } else {
            is_day(before)
        };
        let day = day_before.or(day_after)?;
        return date(num(year)?, month(m)?, num(day)?);
    }
    // Numeric day and month, year last: only when unambiguous.
    if let [a, b, y, ..] = numbers.as_slice() {
        if y.len() == 4 && a.len() <= 2 && b.len() <= 2 {
            let (a, b) = (num(a)?, num(b)?);
            return match (a > 12, b > 12) {
                (true, false) => date(num(y)?, b, a),
                (false, true) => date(num(y)?, a, b),
                _ if a == b => date(num(y)?, a, b),
                _ => None,
            };
        }
    }
    None
}

/// Splits text into runs of ASCII digits and of letters; everything else separates.
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut start: Option<(usize, bool)> = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let kind = if c.is_ascii_digit() {
            Some(true)
        } else if c.is_alphabetic() {
            Some(false)
        } else {
            None
        };
        if let Some((s, digits)) = start {
            if kind != Some(digits) {
                let run = &text[s..i];
                out.push(if digits {
                    Piece::Number(run)
                } else {
                    Piece::Word(run)
                });
                start = None;
            }
        }
        if start.is_none() {
            if let Some(digits) = kind {
                start = Some((i, digits));
            }
        }
    }
    out
}

fn num(s: &str) -> Option<i16> {
    s.parse().ok()
}

fn month(word: &str) -> Option<i16> {
    let lower = word.to_ascii_lowercase();
    MONTHS
        .iter()
        .find(|(name, _)| *name == lower)
        .map(|(_, n)| i16::from(*n))
}

/// A valid calendar date with a plausible publication year.
fn date(year: i16, month: i16, day: i16) -> Option<Date> {
    if !PUBLISHED_YEARS.contains(&year) {
        return None;
    }
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

fn from_unix_seconds(seconds: i64) -> Option<Date> {
    let days = seconds.div_euclid(86_400);
    let span = jiff::Span::new().try_days(days).ok()?;
    Date::new(1970, 1, 1).ok()?.checked_add(span).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_forms() {
        let d = |s: &str| parse_date(s).map(|d| d.to_string());
        let dec1 = Some("2024-12-01".to_string());
        for s in [
            "2024-12-01",
            "2024-12-01T10:00:00Z",
            "2024-12-01T23:30:00-05:00",
            "2024-12-01 10:00:00",
            "20241201",
            "20241201T100000Z",
            "2024/12/01",
            "2024.12.01",
            "Sun, 01 Dec 2024 10:00:00 GMT",
            "December 1, 2024",
            "Dec. 1, 2024",
            "1 December 2024",
            "Sunday 1st December 2024",
            "01-Dec-2024",
            "2024-Dec-01",
            "1733047200",
            "1733047200000",
            "  2024-12-01  ",
        ] {
            assert_eq!(d(s), dec1, "{s}");
        }
        assert_eq!(d("25/12/2024").as_deref(), Some("2024-12-25"));
        assert_eq!(d("12/25/2024").as_deref(), Some("2024-12-25"));
    }

    #[test]
    fn dates_an_operator_gives_say_what_is_wrong() {
        assert_eq!(
            parse_published("2024-12-01T10:00:00Z").map(|d| d.to_string()),
            Ok("2024-12-01".into())
        );
        for (text, says) in [
            ("2024-02-30", "is not a day of the calendar"),
            ("2024-13-01", "is not a day of the calendar"),
            ("0001-01-01", "year 1 is outside"),
            ("9999-12-31", "year 9999 is outside"),
            ("yesterday", "is not a date dyad reads"),
            ("", "is not a date dyad reads"),
        ] {
            let err = parse_published(text).unwrap_err();
            assert!(err.contains(says), "{text}: {err}");
        }
        assert!(check_published("2024-12-01".parse().unwrap()).is_ok());
        assert!(check_published("0001-01-01".parse().unwrap()).is_err());
    }

    #[test]
    fn unreadable_is_none() {
        for s in [
            "",
            "yesterday",
            "01/02/2024",
            "2024-13-01",
            "2024-02-30",
            "Friday",
            "x".repeat(500).as_str(),
            "0000-00-00",
            "May",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }
}
