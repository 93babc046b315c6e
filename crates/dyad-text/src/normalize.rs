//! Normalisation of token text for lexicon look-up: lower case, typographic quotes and
//! dashes folded to ASCII.

/// Lower-cases `s` and folds typographic apostrophes, quotes and dashes to ASCII.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => out.push('"'),
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => {
                out.push('-')
            }
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn folds_case_and_typography() {
        assert_eq!(super::fold("Russia’s"), "russia's");
        assert_eq!(super::fold("“US”"), "\"us\"");
        assert_eq!(super::fold("long‑range"), "long-range");
    }
}
