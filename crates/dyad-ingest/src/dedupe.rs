//! Near-duplicate detection across a run: syndicated wire copies and re-publications with
//! small edits (a changed headline, an added sentence, different boilerplate) are found so
//! that later stages can count one story once.
//!
//! Method: MinHash over the set of word 3-shingles of a text (words lower-cased, split at
//! anything that is not a letter or digit), [`HASHES`] hash functions, and locality-sensitive
//! hashing with [`BANDS`] bands of [`ROWS`] rows: two texts become candidates when one band of
//! their signatures agrees, and a candidate is a near-duplicate when the share of agreeing
//! signature positions (an estimate of the Jaccard similarity of the shingle sets) is at
//! least [`NearDuplicates::threshold`] (default [`DEFAULT_THRESHOLD`]). With these settings
//! a pair at Jaccard 0.5 is a candidate with probability 0.87, at 0.6 with 0.98, at 0.2 with
//! 0.05. An added sentence or a different footer leaves a wire copy at Jaccard 0.7–0.95;
//! two reports of the same event written separately share few 3-shingles (under 0.1).
//!
//! Each band key remembers the first document that had it, so a check compares at most
//! [`BANDS`] earlier documents whatever the run's size (a text repeated thousands of times
//! costs no more than one repeated twice). Memory: about 1.4 KiB per document seen
//! (signature, band keys and id). Texts with fewer than [`MIN_WORDS`] words are neither
//! checked nor remembered: short texts are too alike.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// Number of MinHash functions (signature length).
pub const HASHES: usize = 128;
/// Number of LSH bands.
pub const BANDS: usize = 32;
/// Rows (signature positions) per band.
pub const ROWS: usize = HASHES / BANDS;
/// Default least estimated Jaccard similarity of two near-duplicates.
pub const DEFAULT_THRESHOLD: f64 = 0.5;
/// Fewest words a text needs to take part.
pub const MIN_WORDS: usize = 12;
/// Words per shingle.
const SHINGLE_WORDS: usize = 3;

/// A run's near-duplicate detector (see the module docs). Pure: no I/O, deterministic.
#[derive(Debug)]
pub struct NearDuplicates {
    threshold: f64,
    ids: Vec<String>,
    /// For every document seen, the index of the first document of its cluster.
    roots: Vec<u32>,
    signatures: Vec<[u32; HASHES]>,
    /// Band key (band number and the band's rows, hashed) → the first document with it.
    bands: HashMap<u64, u32>,
}

impl Default for NearDuplicates {
    fn default() -> Self {
        NearDuplicates::new(DEFAULT_THRESHOLD)
    }
}

impl NearDuplicates {
    /// A detector calling two texts near-duplicates from an estimated Jaccard similarity of
    /// `threshold` (clamped to 0.05..=1.0) of their word 3-shingles.
    pub fn new(threshold: f64) -> NearDuplicates {
        NearDuplicates {
            threshold: threshold.clamp(0.05, 1.0),
            ids: Vec::new(),
            roots: Vec::new(),
            signatures: Vec::new(),
            bands: HashMap::new(),
        }
    }

    /// The least estimated Jaccard similarity of near-duplicates.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// How many documents are remembered.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether no document is remembered yet.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Checks a document against those seen before and remembers it. Returns the id of the
    /// earliest document of the story it near-duplicates (the first of a chain of copies),
    /// or `None`.
    pub fn check(&mut self, id: &str, text: &str) -> Option<String> {
        let signature = signature(text)?;
        let keys = band_keys(&signature);
        let mut best: Option<(usize, u32)> = None;
        for key in &keys {
            if let Some(&other) = self.bands.get(key) {
                let Some(theirs) = self.signatures.get(other as usize) else {
                    continue;
                };
                let agreeing = signature
                    .iter()
                    .zip(theirs.iter())
                    .filter(|(a, b)| a == b)
                    .count();
                // Highest similarity wins; among equals, the earliest document.
                let better = match best {
                    None => true,
                    Some((count, index)) => {
                        agreeing > count || (agreeing == count && other < index)
                    }
                };
                if better {
                    best = Some((agreeing, other));
                }
            }
        }
        let index = u32::try_from(self.ids.len()).ok()?;
        let duplicate = best
            .filter(|(agreeing, _)| *agreeing as f64 / HASHES as f64 >= self.threshold)
            .and_then(|(_, other)| self.roots.get(other as usize).copied());
        self.ids.push(id.to_string());
        self.roots.push(duplicate.unwrap_or(index));
        self.signatures.push(signature);
        for key in keys {
            self.bands.entry(key).or_insert(index);
        }
        duplicate.and_then(|root| self.ids.get(root as usize).cloned())
    }
}

/// The estimated Jaccard similarity of the word 3-shingle sets of two texts (for tests and
/// diagnostics); `None` when either is too short.
pub fn similarity(a: &str, b: &str) -> Option<f64> {
    let (a, b) = (signature(a)?, signature(b)?);
    let agreeing = a.iter().zip(b.iter()).filter(|(x, y)| x == y).count();
    Some(agreeing as f64 / HASHES as f64)
}

/// The MinHash signature of a text's word 3-shingles; `None` for texts under [`MIN_WORDS`].
fn signature(text: &str) -> Option<[u32; HASHES]> {
    let words: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            for c in w.chars().flat_map(char::to_lowercase) {
                c.hash(&mut hasher);
            }
            hasher.finish()
        })
        .collect();
    if words.len() < MIN_WORDS {
        return None;
    }
    let mut minimum = [u32::MAX; HASHES];
    for window in words.windows(SHINGLE_WORDS) {
        let shingle = window
            .iter()
            .fold(0x9e37_79b9_7f4a_7c15u64, |acc, &w| mix(acc ^ w));
        for (i, slot) in minimum.iter_mut().enumerate() {
            // One well-mixed 64-bit hash per function, seeded by the function's number.
            let value = (mix(shingle ^ SEEDS[i]) >> 32) as u32;
            if value < *slot {
                *slot = value;
            }
        }
    }
    Some(minimum)
}

/// The LSH keys of a signature: one per band, the band's number mixed into its hash.
fn band_keys(signature: &[u32; HASHES]) -> [u64; BANDS] {
    let mut keys = [0u64; BANDS];
    for (band, key) in keys.iter_mut().enumerate() {
        let rows = signature
            .get(band * ROWS..(band + 1) * ROWS)
            .unwrap_or_default();
        *key = rows
            .iter()
            .fold(mix(band as u64 + 1), |acc, &r| mix(acc ^ u64::from(r)));
    }
    keys
}

/// splitmix64's finaliser: a fast, well-distributed 64-bit mix.
const fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Fixed per-function seeds (deterministic across runs and platforms).
const SEEDS: [u64; HASHES] = {
    let mut seeds = [0u64; HASHES];
    let mut i = 0;
    while i < HASHES {
        seeds[i] = mix(0x5eed_0000 + i as u64);
        i += 1;
    }
    seeds
};

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str = "SEOUL, Dec 1 - Russian Defence Minister Andrei Belousov arrived in Pyongyang on Friday for talks with North Korean leader Kim Jong Un, state media reported, as the two countries deepen military ties that Western governments say include the deployment of thousands of North Korean troops to fight against Ukraine.\n\nBelousov was greeted at the airport by his North Korean counterpart No Kwang Chol, the official KCNA news agency said. The visit follows the signing of a mutual defence treaty in June, which took effect this month after both countries ratified it.\n\nSouth Korean intelligence reports suggest that around 11,000 North Korean soldiers have been sent to Russia's Kursk region, where some have already engaged in combat with Ukrainian forces. Pyongyang and Moscow have denied the transfers.";

    const OTHER_STORY: &str = "MOSCOW, Dec 2 - Russia's defence ministry said on Monday its air defences had destroyed dozens of Ukrainian drones over the Kursk and Belgorod regions overnight, as fighting intensified along the border. Regional governors reported damage to power lines and a fuel depot but no casualties.\n\nUkraine's general staff said its forces had struck an ammunition depot used by Russian and North Korean troops in the Kursk region, a claim Moscow did not address. Kyiv says thousands of North Korean soldiers are fighting alongside Russian units, which Pyongyang has denied.";

    #[test]
    fn syndicated_copies_with_small_edits_are_duplicates() {
        let mut seen = NearDuplicates::default();
        assert_eq!(seen.check("reuters", WIRE), None);
        // Another outlet: different dateline and boilerplate, one sentence added.
        let copy = format!(
            "{}\n\nThe Kremlin said the talks would also cover economic cooperation.\n\nReporting by staff; editing by the desk. Follow us on social media for more news.",
            WIRE.replacen("SEOUL, Dec 1 - ", "", 1)
        );
        assert_eq!(seen.check("yahoo", &copy).as_deref(), Some("reuters"));
        // A re-publication with a trimmed last paragraph: points to the first copy.
        let trimmed = WIRE.replace(" Pyongyang and Moscow have denied the transfers.", "");
        assert_eq!(seen.check("msn", &trimmed).as_deref(), Some("reuters"));
        assert_eq!(seen.len(), 3);
    }

    #[test]
    fn different_stories_on_the_same_topic_are_not() {
        let mut seen = NearDuplicates::default();
        assert_eq!(seen.check("a", WIRE), None);
        assert_eq!(seen.check("b", OTHER_STORY), None);
        let s = similarity(WIRE, OTHER_STORY).unwrap();
        assert!(s < 0.1, "{s}");
    }

    #[test]
    fn similarity_tracks_the_edits() {
        let copy =
            format!("{WIRE} The Kremlin said the talks would also cover economic cooperation.");
        let s = similarity(WIRE, &copy).unwrap();
        assert!(s > 0.8, "{s}");
        assert_eq!(similarity(WIRE, WIRE), Some(1.0));
        assert_eq!(similarity("too short", WIRE), None);
    }

    #[test]
    fn short_and_empty_texts_are_ignored() {
        let mut seen = NearDuplicates::default();
        assert_eq!(seen.check("a", ""), None);
        assert_eq!(seen.check("b", "Egypt hosted talks with Sudan."), None);
        assert_eq!(seen.check("c", "Egypt hosted talks with Sudan."), None);
        assert!(seen.is_empty());
    }

    #[test]
    fn a_text_repeated_many_times_points_to_the_first_and_stays_cheap() {
        let mut seen = NearDuplicates::default();
        assert_eq!(seen.check("first", WIRE), None);
        for i in 0..2000 {
            assert_eq!(
                seen.check(&format!("copy{i}"), WIRE).as_deref(),
                Some("first")
            );
        }
        // Every band of the copies was already known: the map did not grow.
        assert_eq!(seen.bands.len(), BANDS);
    }

    #[test]
    fn a_chain_of_edits_points_to_the_first_copy() {
        let mut seen = NearDuplicates::default();
        let words: Vec<&str> = WIRE.split(' ').collect();
        seen.check("v0", WIRE);
        // Each version drops a further tenth of the words.
        for step in 1..=4 {
            let keep = words.len() * (10 - step) / 10;
            let version = words[..keep].join(" ");
            let found = seen.check(&format!("v{step}"), &version);
            assert_eq!(found.as_deref(), Some("v0"), "step {step}");
        }
    }

    /// The `text` of every line of a JSONL file, with its id.
    fn jsonl_texts(path: &std::path::Path) -> Option<Vec<(String, String)>> {
        let content = std::fs::read_to_string(path).ok()?;
        Some(
            content
                .lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .enumerate()
                .map(|(i, v)| {
                    let id = v["id"]
                        .as_str()
                        .map_or_else(|| i.to_string(), str::to_string);
                    (id, v["text"].as_str().unwrap_or_default().to_string())
                })
                .collect(),
        )
    }

    #[test]
    fn distinct_news_stories_are_not_duplicates() {
        let Some(path) = dyad_data::shared::path_or_skip(
            "dedupe::distinct_news_stories_are_not_duplicates",
            "corpora/voa/voa-dev.jsonl",
        ) else {
            return;
        };
        let stories = jsonl_texts(&path).expect("the VOA corpus is readable");
        let mut seen = NearDuplicates::default();
        let found: Vec<_> = stories
            .iter()
            .filter_map(|(id, text)| seen.check(id, text).map(|d| (id, d)))
            .collect();
        assert!(found.is_empty(), "{found:?}");
        // Edited copies (new boilerplate, a sentence added, the last sentence cut) are found.
        let mut copies = 0;
        let mut hits = 0;
        for (id, text) in &stories {
            let cut = text
                .trim_end()
                .trim_end_matches('.')
                .rfind(". ")
                .unwrap_or(text.len());
            let copy = format!(
                "By a staff writer. {} The ministry did not respond to a request for comment. \
                 Follow us on social media for the latest news.",
                text.get(..cut + 1).unwrap_or(text)
            );
            copies += 1;
            hits += usize::from(seen.check(&format!("{id}-copy"), &copy).as_deref() == Some(id));
        }
        println!("edited copies found: {hits}/{copies}");
        assert!(hits * 100 >= copies * 95, "{hits}/{copies}");
    }

    /// Diagnostic: near-duplicate pairs in the JSONL file named by `DYAD_DEDUPE_JSONL`.
    #[test]
    #[ignore = "diagnostic; set DYAD_DEDUPE_JSONL"]
    fn report_pairs_of_a_jsonl_file() {
        let Ok(path) = std::env::var("DYAD_DEDUPE_JSONL") else {
            return;
        };
        let stories = jsonl_texts(std::path::Path::new(&path)).unwrap_or_default();
        let texts: HashMap<&str, &str> = stories
            .iter()
            .map(|(id, text)| (id.as_str(), text.as_str()))
            .collect();
        let mut seen = NearDuplicates::default();
        let mut pairs = 0;
        for (id, text) in &stories {
            if let Some(first) = seen.check(id, text) {
                pairs += 1;
                let earlier = texts.get(first.as_str()).copied().unwrap_or_default();
                let s = similarity(earlier, text).unwrap_or_default();
                println!("{id} -> {first} ({s:.2})\n  {earlier:.160}\n  {text:.160}");
            }
        }
        println!("{} texts, {pairs} near-duplicates", stories.len());
    }

    #[test]
    fn case_and_punctuation_do_not_matter() {
        let mut seen = NearDuplicates::default();
        seen.check("a", WIRE);
        let shouted = WIRE.to_uppercase().replace(',', " ;");
        assert_eq!(seen.check("b", &shouted).as_deref(), Some("a"));
    }
}
