//! What an element's `class` and `id` names say about it: page furniture (share bars,
//! related stories, comments ...), a paywall region, or article content. The name parts and
//! their roles are the analyst-editable list `data/ingest/html-names.tsv`.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The data file holding the name parts.
pub const NAMES_FILE: &str = "ingest/html-names.tsv";

/// Longest name part looked up (longer parts never match).
const MAX_PART_BYTES: usize = 32;

/// What a name part, a class/id token or a whole element is marked as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameRole {
    /// Page furniture: left out unless it holds much prose.
    Boilerplate,
    /// A paywall or subscriber region: left out only when it holds little text.
    Gated,
    /// Article content.
    Content,
}

/// The name-part lexicon.
#[derive(Debug, Default)]
pub struct NameRules {
    parts: HashMap<Box<[u8]>, NameRole>,
}

impl NameRules {
    /// The rules from the embedded data set (empty, never a panic, if the file is broken:
    /// a unit test guards the file).
    pub fn embedded() -> &'static NameRules {
        static RULES: OnceLock<NameRules> = OnceLock::new();
        RULES.get_or_init(|| {
            let data = dyad_data::DataSet::embedded();
            data.table(NAMES_FILE)
                .map(|table| NameRules::from_table(&table))
                .unwrap_or_default()
        })
    }

    fn from_table(table: &dyad_data::Table) -> NameRules {
        let mut parts = HashMap::new();
        for record in &table.records {
            let (Some(part), Some(role)) = (record.get("part"), record.get("role")) else {
                continue;
            };
            let role = match role.trim() {
                "boilerplate" => NameRole::Boilerplate,
                "gated" => NameRole::Gated,
                "content" => NameRole::Content,
                _ => continue,
            };
            parts.insert(part.trim().to_ascii_lowercase().into_bytes().into(), role);
        }
        NameRules { parts }
    }

    fn role_of_part(&self, part: &[u8]) -> Option<NameRole> {
        if part.is_empty() || part.len() > MAX_PART_BYTES {
            return None;
        }
        let mut lower = [0u8; MAX_PART_BYTES];
        for (to, from) in lower.iter_mut().zip(part) {
            *to = from.to_ascii_lowercase();
        }
        self.parts.get(&lower[..part.len()]).copied()
    }

    /// The role the `class` and `id` values of an element give it, if any (see the data
    /// file's header for how tokens combine).
    pub fn classify<'v>(&self, values: impl IntoIterator<Item = &'v str>) -> Option<NameRole> {
        let (mut furniture, mut gated, mut content) = (false, false, false);
        for token in values.into_iter().flat_map(str::split_whitespace) {
            let (mut token_furniture, mut token_gated, mut token_content) = (false, false, false);
            for_each_part(token, |part| match self.role_of_part(part) {
                Some(NameRole::Boilerplate) => token_furniture = true,
                Some(NameRole::Gated) => token_gated = true,
                Some(NameRole::Content) => token_content = true,
                None => {}
            });
            match (token_furniture || token_gated, token_content) {
                (true, false) => {
                    furniture |= token_furniture;
                    gated |= token_gated && !token_furniture;
                }
                (false, true) => content = true,
                _ => {}
            }
        }
        if content {
            Some(NameRole::Content)
        } else if furniture {
            Some(NameRole::Boilerplate)
        } else if gated {
            Some(NameRole::Gated)
        } else {
            None
        }
    }
}

/// Calls `f` with each part of a class or id token: split at non-alphanumeric bytes and
/// at lower-to-upper case changes (`shareBar` → `share`, `Bar`). Parts are ASCII slices of
/// the token; non-ASCII bytes count as letters without case.
pub fn for_each_part(token: &str, mut f: impl FnMut(&[u8])) {
    let bytes = token.as_bytes();
    let mut start = 0;
    let mut previous_lower = false;
    for (i, &b) in bytes.iter().enumerate() {
        let is_word = b.is_ascii_alphanumeric() || b >= 0x80;
        if !is_word {
            if start < i {
                f(&bytes[start..i]);
            }
            start = i + 1;
            previous_lower = false;
            continue;
        }
        if b.is_ascii_uppercase() && previous_lower && start < i {
            f(&bytes[start..i]);
            start = i;
        }
        previous_lower = b.is_ascii_lowercase() || b.is_ascii_digit();
    }
    if start < bytes.len() {
        f(&bytes[start..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(token: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_part(token, |p| out.push(String::from_utf8_lossy(p).into_owned()));
        out
    }

    #[test]
    fn tokens_split_into_parts() {
        assert_eq!(
            parts("article-body shareBar  ad_slot"),
            vec!["article", "body", "share", "Bar", "ad", "slot"]
        );
        assert_eq!(parts("headline loaded"), vec!["headline", "loaded"]);
        assert_eq!(parts("--"), Vec::<String>::new());
        assert_eq!(parts("café-ad"), vec!["café", "ad"]);
    }

    #[test]
    fn the_data_file_loads_and_classifies() {
        let rules = NameRules::embedded();
        assert!(rules.parts.len() > 50, "{}", rules.parts.len());
        assert_eq!(rules.classify(["share-bar"]), Some(NameRole::Boilerplate));
        assert_eq!(rules.classify(["paywall"]), Some(NameRole::Gated));
        assert_eq!(
            rules.classify(["article-body", "ad"]),
            Some(NameRole::Content)
        );
        assert_eq!(rules.classify(["content-sidebar"]), None);
        assert_eq!(
            rules.classify(["RelatedStories"]),
            Some(NameRole::Boilerplate)
        );
        assert_eq!(rules.classify(["headline"]), None);
    }
}
