//! Article-body extraction scores: how well the text extracted from a web page matches the
//! gold article body, by word 4-gram ("shingle") overlap, as the article-extraction
//! benchmark measures it.
//!
//! Words are maximal runs of Unicode alphanumeric characters, lower-cased; a text's
//! shingles are the set of its runs of [`SHINGLE_WORDS`] consecutive words (a text shorter
//! than that is one shingle of all its words). Per page: precision = shared shingles /
//! extracted shingles, recall = shared / gold, F1 their harmonic mean; an empty extraction
//! scores 0 (1 when the gold is empty too). The report gives the mean of each over pages,
//! the F1 of the mean precision and recall, and the worst pages by F1.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::EvalError;

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 4;
/// Pages listed as the worst in a report.
pub const WORST_PAGES: usize = 5;

/// One gold page: its id (the file's stem), article body and URL.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleGold {
    pub id: String,
    pub body: String,
    pub url: Option<String>,
}

#[derive(Deserialize)]
struct GoldEntry {
    #[serde(rename = "articleBody", default)]
    article_body: String,
    #[serde(default)]
    url: Option<String>,
}

/// Parses `ground-truth.json` (`{id: {"articleBody", "url"}}`), in id order.
pub fn parse_ground_truth(input: &str, text: &str) -> Result<Vec<ArticleGold>, EvalError> {
    let entries: std::collections::BTreeMap<String, GoldEntry> = serde_json::from_str(text)
        .map_err(|e| EvalError {
            input: input.to_string(),
            line: e.line(),
            message: e.to_string(),
        })?;
    Ok(entries
        .into_iter()
        .map(|(id, entry)| ArticleGold {
            id,
            body: entry.article_body,
            url: entry.url,
        })
        .collect())
}

/// The lower-cased words of a text.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The shingles of a text (see the module docs).
pub fn shingles(text: &str) -> HashSet<Vec<String>> {
    let words = words(text);
    if words.is_empty() {
        return HashSet::new();
    }
    if words.len() < SHINGLE_WORDS {
        return HashSet::from([words]);
    }
    words
        .windows(SHINGLE_WORDS)
        .map(<[String]>::to_vec)
        .collect()
}

/// One page's scores.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PageScore {
    pub id: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Scores one page's extracted text against its gold body.
pub fn score_page(id: &str, gold: &str, extracted: &str) -> PageScore {
    let gold = shingles(gold);
    let ours = shingles(extracted);
    let (precision, recall) = match (gold.is_empty(), ours.is_empty()) {
        (true, true) => (1.0, 1.0),
        (true, false) => (0.0, 1.0),
        (false, true) => (0.0, 0.0),
        (false, false) => {
            let common = gold.intersection(&ours).count() as f64;
            (common / ours.len() as f64, common / gold.len() as f64)
        }
    };
    PageScore {
        id: id.to_string(),
        precision,
        recall,
        f1: harmonic(precision, recall),
    }
}

fn harmonic(precision: f64, recall: f64) -> f64 {
    if precision + recall <= 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

/// Scores over a set of pages.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleReport {
    pub pages: usize,
    /// Pages that could not be read (missing file, reader error), with the reason.
    pub failed: Vec<(String, String)>,
    pub mean_precision: f64,
    pub mean_recall: f64,
    pub mean_f1: f64,
    /// F1 of the mean precision and mean recall.
    pub f1_of_means: f64,
    /// The pages with the lowest F1, worst first.
    pub worst: Vec<PageScore>,
    /// Every page's scores, in input order.
    pub per_page: Vec<PageScore>,
}

/// Summarises page scores.
pub fn report(scores: Vec<PageScore>, failed: Vec<(String, String)>) -> ArticleReport {
    let n = scores.len().max(1) as f64;
    let mean = |f: fn(&PageScore) -> f64| scores.iter().map(f).sum::<f64>() / n;
    let (mean_precision, mean_recall, mean_f1) =
        (mean(|s| s.precision), mean(|s| s.recall), mean(|s| s.f1));
    let mut worst = scores.clone();
    worst.sort_by(|a, b| a.f1.total_cmp(&b.f1).then_with(|| a.id.cmp(&b.id)));
    worst.truncate(WORST_PAGES);
    ArticleReport {
        pages: scores.len(),
        failed,
        mean_precision,
        mean_recall,
        mean_f1,
        f1_of_means: harmonic(mean_precision, mean_recall),
        worst,
        per_page: scores,
    }
}

impl ArticleReport {
    /// The report as a text table.
    pub fn render(&self) -> String {
        let mut out = format!(
            "article extraction: {} pages ({} unreadable), word {SHINGLE_WORDS}-gram shingles\n\
             mean precision  {:.4}\nmean recall     {:.4}\nmean F1         {:.4}\nF1 of means     {:.4}\n",
            self.pages,
            self.failed.len(),
            self.mean_precision,
            self.mean_recall,
            self.mean_f1,
            self.f1_of_means
        );
        out.push_str("worst pages (F1, precision, recall):\n");
        for page in &self.worst {
            out.push_str(&format!(
                "  {:.3}  {:.3}  {:.3}  {}\n",
                page.f1, page.precision, page.recall, page.id
            ));
        }
        for (id, reason) in &self.failed {
            out.push_str(&format!("  unreadable: {id}: {reason}\n"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_shingles() {
        assert_eq!(
            words("Kim’s U.S. trip, 2024!"),
            vec!["kim", "s", "u", "s", "trip", "2024"]
        );
        assert_eq!(shingles("a b c d e").len(), 2);
        assert_eq!(shingles("A b C d a B c D").len(), 4);
        assert_eq!(
            shingles("one two"),
            HashSet::from([vec!["one".to_string(), "two".to_string()]])
        );
        assert!(shingles(" ... ").is_empty());
    }

    #[test]
    fn page_scores() {
        let perfect = score_page("p", "one two three four five", "One two three, four five.");
        assert_eq!(
            (perfect.precision, perfect.recall, perfect.f1),
            (1.0, 1.0, 1.0)
        );
        // Gold has 2 shingles; extraction has those plus 2 more.
        let extra = score_page("p", "a b c d e", "a b c d e f g");
        assert_eq!((extra.precision, extra.recall), (0.5, 1.0));
        assert!((extra.f1 - 2.0 / 3.0).abs() < 1e-9);
        let half = score_page("p", "a b c d e", "a b c d");
        assert_eq!((half.precision, half.recall), (1.0, 0.5));
        let empty = score_page("p", "a b c d e", "");
        assert_eq!((empty.precision, empty.recall, empty.f1), (0.0, 0.0, 0.0));
        let both_empty = score_page("p", "", "");
        assert_eq!(both_empty.f1, 1.0);
    }

    #[test]
    fn reports_means_and_worst() {
        let scores = vec![
            score_page("good", "a b c d e", "a b c d e"),
            score_page("bad", "a b c d e", "x y z w"),
            score_page("half", "a b c d e", "a b c d"),
        ];
        let report = report(scores, vec![("gone".into(), "missing".into())]);
        assert_eq!(report.pages, 3);
        assert_eq!(report.worst[0].id, "bad");
        assert!((report.mean_recall - 0.5).abs() < 1e-9);
        assert!((report.mean_precision - 2.0 / 3.0).abs() < 1e-9);
        assert!(report.render().contains("unreadable: gone: missing"));
        let json = serde_json::to_value(&report).unwrap();
        assert!(json["mean_f1"].as_f64().is_some());
    }

    #[test]
    fn ground_truth_parses_and_names_errors() {
        let gold = parse_ground_truth(
            "gt.json",
            r#"{"b": {"articleBody": "Text two.", "url": "https://x/b"}, "a": {"articleBody": "Text one."}}"#,
        )
        .unwrap();
        assert_eq!(gold.len(), 2);
        assert_eq!(gold[0].id, "a");
        assert_eq!(gold[1].url.as_deref(), Some("https://x/b"));
        let err = parse_ground_truth("gt.json", "{\n oops").unwrap_err();
        assert!(err.to_string().starts_with("gt.json:2: "), "{err}");
    }
}
