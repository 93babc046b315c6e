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

/// Month abbreviations (without their period) and their month number.
const MONTH_ABBREVIATIONS: [(&str, u8); 13] = [
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
    ("may", 5),
];

/// The month (1–12) that `word` names in full, case-insensitively.
pub fn month_of_name(word: &str) -> Option<u8> {
    MONTHS
        .iter()
        .position(|m| word.eq_ignore_ascii_case(m))
        .map(|i| i as u8 + 1)
}

/// Whether `word` (lower case) names a month in full or abbreviated, with or without the
/// abbreviation's period ("june", "jun", "jun.", "sept.").
pub fn is_month_word(word: &str) -> bool {
    let bare = word.strip_suffix('.').unwrap_or(word);
    month_of_name(bare).is_some() || MONTH_ABBREVIATIONS.iter().any(|(a, _)| *a == bare)
}

/// Whether `word` (lower case) is a weekday name.
pub fn is_weekday(word: &str) -> bool {
    WEEKDAYS.contains(&word)
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
    }
}
