//! Calendar words: the names of months and weekdays and their abbreviations, shared by
//! every layer that must tell "on Friday" or "in May" from a name or a number.

/// Month names, lower case, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Weekday names, lower case, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Month abbreviations (without their period) and their month number. ("May" has none:
/// its full name serves.)
const MONTH_ABBREVIATIONS: [(&str, u8); 12] = [
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// The month (1–12) that `word` names in full, case-insensitively.
pub fn month_of_name(word: &str) -> Option<u8> {
    MONTHS
        .iter()
        .position(|m| word.eq_ignore_ascii_case(m))
        .map(|i| i as u8 + 1)
}

/// The month (1–12) that `word` abbreviates ("Jun", "sept"; without the period),
/// case-insensitively.
pub fn month_of_abbreviation(word: &str) -> Option<u8> {
    MONTH_ABBREVIATIONS
        .iter()
        .find(|(a, _)| word.eq_ignore_ascii_case(a))
        .map(|&(_, month)| month)
}

/// The weekday (0 = Monday … 6 = Sunday) that `word` names, case-insensitively.
pub fn weekday_of_name(word: &str) -> Option<u8> {
    WEEKDAYS
        .iter()
        .position(|d| word.eq_ignore_ascii_case(d))
        .map(|i| i as u8)
}

/// Whether `word` (lower case) names a month in full or abbreviated, with or without the
/// abbreviation's period ("june", "jun", "jun.", "sept.").
pub fn is_month_word(word: &str) -> bool {
    let bare = word.strip_suffix('.').unwrap_or(word);
    month_of_name(bare).is_some() || month_of_abbreviation(bare).is_some()
}

/// Whether `word` (lower case) is a weekday name.
pub fn is_weekday(word: &str) -> bool {
    WEEKDAYS.contains(&word)
}

/// Whether `word` (lower case) names a weekday or a month in full: the start of a date
/// ("on Monday", "in June").
pub fn names_day_or_month(word: &str) -> bool {
    is_weekday(word) || month_of_name(word).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_weekdays() {
        assert_eq!(month_of_name("June"), Some(6));
        assert_eq!(month_of_name("Jun"), None);
        assert!(is_month_word("sept."));
        assert!(is_month_word("december"));
        assert!(!is_month_word("mayor"));
        assert!(is_weekday("friday"));
        assert!(!is_weekday("fri"));
        assert_eq!(month_of_abbreviation("Sept"), Some(9));
        assert_eq!(month_of_abbreviation("june"), None);
        assert_eq!(weekday_of_name("Friday"), Some(4));
    }
}
