//! Abbreviations that end in a period without ending a sentence ("Gen.", "Jan.", "Dept.").

/// Abbreviations (lower case, without the final period) that keep their period as part of
/// the token. Titles in this list never end a sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt",
    "cpl", "pvt", "gov", "sen", "rep", "rev", "hon", "pres", "amb", "sec", "supt", "insp", "brig",
    "messrs", "mme", "mlle", "st", "fr", "sr", "jr",
];

/// Abbreviations that usually sit inside a sentence but may end one.
const OTHERS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "dept", "corp", "inc", "ltd", "co", "bros",
    "nos", "vol", "vs", "etc", "approx", "govt", "univ", "assn", "ave", "blvd", "mt", "ft", "pp",
    "cf", "ie", "eg", "e.g", "i.e", "u.s", "u.k", "u.n", "a.m", "p.m", "d.c", "u.s.a", "e.u",
];

/// Whether `word` (without its final period) is an abbreviation that takes a period.
pub fn is_abbreviation(word: &str) -> bool {
    let lower = word.to_lowercase();
    TITLES.contains(&lower.as_str()) || OTHERS.contains(&lower.as_str()) || is_initialism(word)
}

/// Whether `word` (without its final period) is a title ("Gen", "Mr") that never ends a
/// sentence.
pub fn is_title(word: &str) -> bool {
    TITLES.contains(&word.to_lowercase().as_str())
}

/// Single capital initials ("J") and dotted initialisms ("U.S", "D.C").
pub fn is_initialism(word: &str) -> bool {
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => c.is_uppercase(),
        _ => {
            word.contains('.')
                && word
                    .split('.')
                    .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_titles_months_and_initialisms() {
        assert!(is_abbreviation("Gen"));
        assert!(is_abbreviation("Jan"));
        assert!(is_abbreviation("U.S"));
        assert!(is_abbreviation("J"));
        assert!(!is_abbreviation("Russia"));
        assert!(is_title("Mr"));
        assert!(!is_title("Jan"));
    }
}
