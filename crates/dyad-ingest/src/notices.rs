//! Notice removal: drops paywall, subscription, cookie/consent, newsletter, log-in,
//! share, advertisement and "read more" notices from a document's paragraphs, whatever
//! format it came in, and records every removal with the rule that made it.
//!
//! Rules come from two places:
//! - the analyst-editable list `data/ingest/notices.txt` (phrases matched on word
//!   boundaries inside a sentence, whole-paragraph `=labels`, paragraph `^prefixes`; see
//!   that file's header), loaded once from the embedded data set;
//! - a call-to-action heuristic: a short sentence that *starts* with an imperative such as
//!   "Subscribe", "Sign up", "Log in", "Click here", "Download" and is about the site
//!   ("our newsletter", "your account", "free", "today", "here" ...), and is not reported
//!   speech. News prose that merely uses those verbs ("the ministry said it would sign up
//!   30,000 volunteers") is left alone.
//!
//! Work is per paragraph, then per sentence: a paragraph whose text is mostly notice
//! sentences (at least 60% of its characters) is removed whole, as one [`Removed`] record;
//! in a mixed paragraph only the notice sentences go, one record each.

use std::collections::HashSet;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use dyad_model::Removed;

/// The data file holding the notice phrases.
pub const NOTICES_FILE: &str = "ingest/notices.txt";

/// Share of a paragraph's characters (in tenths) that notice sentences must reach for the
/// whole paragraph to go.
const WHOLE_PARAGRAPH_TENTHS: usize = 6;
/// Longest sentence (in words) the call-to-action heuristic considers.
const MAX_CALL_TO_ACTION_WORDS: usize = 20;

/// Imperatives that open a call to action.
const CALL_TO_ACTION_OPENERS: &[&str] = &[
    "subscribe",
    "sign up",
    "signup",
    "sign in",
    "sign-in",
    "log in",
    "log-in",
    "login",
    "log on",
    "register",
    "click",
    "tap",
    "download",
    "follow us",
    "join us",
    "join our",
    "get our",
    "get the latest",
    "get unlimited",
    "try it",
    "try our",
    "start your",
    "start reading",
    "become a",
    "create an account",
    "create a free",
    "support us",
    "support our",
    "donate",
    "share this",
    "share on",
    "share via",
    "read more",
    "read the full",
    "continue reading",
    "keep reading",
    "see more",
    "listen to",
    "watch the video",
    "don't miss",
    "never miss",
    "want more",
    "want to read",
    "unlock",
    "enjoy unlimited",
];

/// Words that show a call to action is about the site, the reader's account or the app.
const CALL_TO_ACTION_OBJECTS: &[&str] = &[
    "newsletter",
    "newsletters",
    "account",
    "subscription",
    "subscribe",
    "subscriber",
    "subscribers",
    "free",
    "trial",
    "access",
    "here",
    "now",
    "today",
    "app",
    "email",
    "e-mail",
    "inbox",
    "updates",
    "alerts",
    "notifications",
    "membership",
    "member",
    "our",
    "us",
    "journalism",
    "article",
    "articles",
    "story",
    "stories",
    "offer",
    "premium",
    "digital",
    "podcast",
    "below",
    "continue",
    "reading",
];

/// Reporting words: a sentence with one is reported speech, not a call to action.
const REPORTING_WORDS: &[&str] = &["said", "says", "told", "according", "announced", "stated"];

/// Compiled notice rules.
#[derive(Debug)]
pub struct NoticeRules {
    phrases: Vec<String>,
    matcher: Option<AhoCorasick>,
    labels: HashSet<String>,
    prefixes: Vec<String>,
}

impl NoticeRules {
    /// Parses a notice list (the format of `data/ingest/notices.txt`).
    pub fn parse(list: &str) -> NoticeRules {
        let mut phrases = Vec::new();
        let mut labels = HashSet::new();
        let mut prefixes = Vec::new();
        for line in list.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(label) = line.strip_prefix('=') {
                let label = strip_edge_punctuation(&fold(label)).to_string();
                if !label.is_empty() {
                    labels.insert(label);
                }
            } else if let Some(prefix) = line.strip_prefix('^') {
                let prefix = fold(prefix);
                if !prefix.is_empty() {
                    prefixes.push(prefix);
                }
            } else {
                phrases.push(fold(line));
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&phrases)
            .ok();
        NoticeRules {
            phrases,
            matcher,
            labels,
            prefixes,
        }
    }

    /// The rules of the embedded `data/ingest/notices.txt`, parsed once. A missing file
    /// gives empty list rules (the call-to-action heuristic still applies).
    pub fn embedded() -> &'static NoticeRules {
        static RULES: OnceLock<NoticeRules> = OnceLock::new();
        RULES.get_or_init(|| {
            let data = dyad_data::DataSet::embedded();
            NoticeRules::parse(data.get(NOTICES_FILE).unwrap_or_default())
        })
    }

    /// Removes notices from `paragraphs`, returning the paragraphs kept (notice sentences
    /// taken out of mixed ones) and appending every removal to `removed`.
    pub fn clean(&self, paragraphs: Vec<String>, removed: &mut Vec<Removed>) -> Vec<String> {
        let mut kept = Vec::with_capacity(paragraphs.len());
        for paragraph in paragraphs {
            if let Some(p) = self.clean_paragraph(paragraph, removed) {
                kept.push(p);
            }
        }
        kept
    }

    /// Cleans one paragraph; `None` when it is removed whole.
    fn clean_paragraph(&self, paragraph: String, removed: &mut Vec<Removed>) -> Option<String> {
        let folded = fold(&paragraph);
        if let Some(rule) = self.paragraph_rule(&folded) {
            removed.push(Removed {
                rule,
                text: paragraph,
            });
            return None;
        }
        let sentences = split_sentences(&paragraph);
        let verdicts: Vec<Option<String>> =
            sentences.iter().map(|s| self.sentence_rule(s)).collect();
        if verdicts.iter().all(Option::is_none) {
            return Some(paragraph);
        }
        let total: usize = sentences.iter().map(|s| s.chars().count()).sum();
        let notice: usize = sentences
            .iter()
            .zip(&verdicts)
            .filter(|(_, v)| v.is_some())
            .map(|(s, _)| s.chars().count())
            .sum();
        if notice * 10 >= total * WHOLE_PARAGRAPH_TENTHS {
            let mut rules: Vec<&str> = Vec::new();
            for rule in verdicts.iter().flatten() {
                if !rules.contains(&rule.as_str()) {
                    rules.push(rule);
                }
            }
            removed.push(Removed {
                rule: format!("notice paragraph: {}", rules.join("; ")),
                text: paragraph,
            });
            return None;
        }
        let mut kept: Vec<&str> = Vec::new();
        for (sentence, verdict) in sentences.iter().zip(verdicts) {
            match verdict {
                Some(rule) => removed.push(Removed {
                    rule,
                    text: sentence.to_string(),
                }),
                None => kept.push(sentence),
            }
        }
        let text = kept.join(" ");
        (!text.is_empty()).then_some(text)
    }

    /// A rule that removes the whole (folded) paragraph: a label or a prefix.
    fn paragraph_rule(&self, folded: &str) -> Option<String> {
        let bare = strip_edge_punctuation(folded);
        if self.labels.contains(bare) {
            return Some(format!("notice label \"{bare}\""));
        }
        self.prefixes
            .iter()
            .find(|p| folded.starts_with(p.as_str()))
            .map(|p| format!("notice prefix \"{p}\""))
    }

    /// The rule that makes `sentence` a notice, if any.
    pub fn sentence_rule(&self, sentence: &str) -> Option<String> {
        let folded = fold(sentence);
        let bare = strip_edge_punctuation(&folded);
        if bare.is_empty() {
            return None;
        }
        if self.labels.contains(bare) {
            return Some(format!("notice label \"{bare}\""));
        }
        if let Some(phrase) = self.find_phrase(&folded) {
            return Some(format!("notice phrase \"{phrase}\""));
        }
        call_to_action(bare).map(|opener| format!("call to action \"{opener}\""))
    }

    /// The first listed phrase found in `folded` on word boundaries.
    fn find_phrase(&self, folded: &str) -> Option<&str> {
        let matcher = self.matcher.as_ref()?;
        matcher
            .find_overlapping_iter(folded)
            .find(|m| at_word_boundaries(folded, m.start(), m.end()))
            .and_then(|m| self.phrases.get(m.pattern().as_usize()))
            .map(String::as_str)
    }
}

/// The opener of a call to action, when `bare` (folded, edge punctuation stripped) is one.
fn call_to_action(bare: &str) -> Option<&'static str> {
    let words: Vec<&str> = bare
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-'))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > MAX_CALL_TO_ACTION_WORDS {
        return None;
    }
    if words.iter().any(|w| REPORTING_WORDS.contains(w)) {
        return None;
    }
    let opener = CALL_TO_ACTION_OPENERS
        .iter()
        .find(|o| bare.starts_with(*o) && at_word_boundaries(bare, 0, o.len()))?;
    let opener_words = opener.split_whitespace().count();
    if matches!(*opener, "click" | "tap") && words.get(1).is_some_and(|w| *w == "here") {
        return Some(opener);
    }
    words
        .iter()
        .skip(opener_words)
        .any(|w| CALL_TO_ACTION_OBJECTS.contains(w))
        .then_some(opener)
}

/// Whether `text[start..end]` is not glued to letters or digits on either side.
fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let (Some(head), Some(tail)) = (text.get(..start), text.get(end..)) else {
        return false;
    };
    let Some(inner) = text.get(start..end) else {
        return false;
    };
    let word_char = |c: char| c.is_alphanumeric();
    let left_ok = !inner.starts_with(word_char) || !head.chars().next_back().is_some_and(word_char);
    let right_ok = !inner.ends_with(word_char) || !tail.chars().next().is_some_and(word_char);
    left_ok && right_ok
}

/// Lower-cases, folds typographic quotes and dashes in words, and collapses whitespace.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' | '\u{b4}' => {
                out.push('\'')
            }
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}'
            | '\u{bb}' => out.push('"'),
            '\u{2010}' | '\u{2011}' => out.push('-'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// `text` without leading and trailing punctuation, symbols and spaces.
fn strip_edge_punctuation(text: &str) -> &str {
    text.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "maj",
    "adm", "st", "jr", "sr", "no", "vs", "etc", "inc", "corp", "co", "ltd", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g",
    "i.e", "pres", "dept", "fig", "approx", "est",
];

/// Splits a paragraph into sentences (trimmed slices of it). Rule-based and conservative:
/// a sentence ends at `.`, `!`, `?` or `…` (plus closing quotes and brackets) followed by
/// a space and a capital, digit or opening quote, except after common abbreviations and
/// single initials.
pub fn split_sentences(paragraph: &str) -> Vec<&str> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '…') {
            let mut j = i + 1;
            while j < chars.len()
                && matches!(
                    chars[j].1,
                    '"' | '\'' | '”' | '’' | ')' | ']' | '.' | '!' | '?'
                )
            {
                j += 1;
            }
            let end = chars.get(j).map_or(paragraph.len(), |&(b, _)| b);
            let next_starts_sentence = {
                let mut k = j;
                let mut saw_space = false;
                while k < chars.len() && chars[k].1.is_whitespace() {
                    saw_space = true;
                    k += 1;
                }
                saw_space
                    && chars.get(k).is_some_and(|&(_, n)| {
                        n.is_uppercase()
                            || n.is_ascii_digit()
                            || matches!(n, '"' | '“' | '‘' | '\'' | '(' | '[')
                    })
            };
            if next_starts_sentence
                && !(c == '.' && ends_with_abbreviation(&paragraph[start..chars[i].0]))
            {
                let sentence = paragraph[start..end].trim();
                if !sentence.is_empty() {
                    sentences.push(sentence);
                }
                start = end;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    let rest = paragraph[start..].trim();
    if !rest.is_empty() {
        sentences.push(rest);
    }
    sentences
}

/// Whether `before` (the text before a period) ends with an abbreviation or an initial.
fn ends_with_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> &'static NoticeRules {
        NoticeRules::embedded()
    }

    fn clean(paragraphs: &[&str]) -> (Vec<String>, Vec<Removed>) {
        let mut removed = Vec::new();
        let kept = rules().clean(
            paragraphs.iter().map(|p| p.to_string()).collect(),
            &mut removed,
        );
        (kept, removed)
    }

    #[test]
    fn embedded_list_loads() {
        assert!(rules().phrases.len() > 50, "{}", rules().phrases.len());
        assert!(rules().labels.contains("advertisement"));
        assert!(rules().prefixes.iter().any(|p| p == "read more:"));
    }

    #[test]
    fn seed_paywall_paragraph_goes_whole() {
        let paywall = "Already a subscriber? Make sure to log into your account before viewing this content. You can access your account by hitting the “login” button on the top right corner. Still unable to see the content after signing in? Make sure your card on file is up-to-date.";
        let news = "North Korean leader Kim Jong Un has pledged total support for Russia’s war efforts in Ukraine during a meeting with Russia’s Defense Minister Andrei Belousov.";
        let (kept, removed) = clean(&[paywall, news]);
        assert_eq!(kept, vec![news.to_string()]);
        assert_eq!(removed.len(), 1);
        assert_eq!(removed[0].text, paywall);
        assert!(
            removed[0]
                .rule
                .starts_with("notice paragraph: notice phrase \"already a subscriber\""),
            "{}",
            removed[0].rule
        );
    }

    #[test]
    fn publishers_notices_are_removed() {
        let notices = [
            "Subscribe now for unlimited access to award-winning journalism.",
            "This article is for subscribers only. Already have an account? Sign in.",
            "We use cookies to improve your experience. By continuing to browse, you agree to our use of cookies.",
            "Sign up for our free daily newsletter, delivered to your inbox every morning.",
            "Get breaking news alerts on your phone.",
            "ADVERTISEMENT",
            "Story continues below advertisement",
            "Share this article",
            "Read more: Russia and North Korea sign defence pact",
            "Related: What we know about the troops",
            "Click here to read the full story.",
            "You have reached your limit of free articles this month.",
            "Log in to continue reading.",
            "Download our app for the latest updates.",
            "Follow us on Twitter and Facebook.",
            "Thanks for signing up!",
            "Sign up today.",
        ];
        for notice in notices {
            let (kept, removed) = clean(&[notice]);
            assert!(kept.is_empty(), "kept notice {notice:?}");
            assert_eq!(removed.len(), 1, "{notice:?}");
            assert_eq!(removed[0].text, notice);
        }
    }

    #[test]
    fn mixed_paragraph_loses_only_its_notice_sentences() {
        let p = "Kim met Belousov in Pyongyang on Friday, state media reported. The two discussed military cooperation at length and pledged to deepen ties between their armed forces. Sign up for our newsletter to get updates.";
        let (kept, removed) = clean(&[p]);
        assert_eq!(
            kept,
            vec!["Kim met Belousov in Pyongyang on Friday, state media reported. The two discussed military cooperation at length and pledged to deepen ties between their armed forces.".to_string()]
        );
        assert_eq!(removed.len(), 1);
        assert_eq!(
            removed[0].text,
            "Sign up for our newsletter to get updates."
        );
    }

    #[test]
    fn news_prose_stays() {
        let news = [
            "Russia's defense ministry said it would sign up 30,000 volunteers.",
            "The site was inaccessible to subscribers for most of Tuesday.",
            "Sign up for the new conscription drive began on Monday across 40 regions and continued through the week, officials said.",
            "Subscribers to the state broadcaster's channel doubled after the invasion.",
            "Share prices in Seoul fell 3% after the announcement.",
            "Register of voters was closed on Friday.",
            "The newspaper introduced a paywall in 2019 and lost readers.",
            "Advertisement revenue at state media fell sharply last year, the report found.",
            "Inspectors demanded unlimited access to the site.",
            "He said: \"Click here, they told us, and the bomb went off.\"",
            "Read more about the deal was not possible because the text was classified.",
            "The group urged supporters to log in to the rebel channel and subscribe, prosecutors said.",
            "Support for the measure grew among our allies in Europe.",
        ];
        for sentence in news {
            let (kept, removed) = clean(&[sentence]);
            assert_eq!(kept, vec![sentence.to_string()], "removed {removed:?}");
        }
    }

    #[test]
    fn sentences_split_like_news() {
        assert_eq!(
            split_sentences("Already a subscriber? Make sure to log in. Gen. Smith met Mr. Kim in the U.S. on Friday. “It went well.” He left."),
            vec![
                "Already a subscriber?",
                "Make sure to log in.",
                "Gen. Smith met Mr. Kim in the U.S. on Friday.",
                "“It went well.”",
                "He left."
            ]
        );
        assert_eq!(split_sentences("  "), Vec::<&str>::new());
        assert_eq!(split_sentences("no end"), vec!["no end"]);
    }

    #[test]
    fn custom_lists_parse() {
        let r = NoticeRules::parse("# c\nmember exclusive\n=PROMO\n^Sponsored by\n");
        assert!(r.sentence_rule("A Member Exclusive story.").is_some());
        assert!(r.sentence_rule("members exclusively").is_none());
        let mut removed = Vec::new();
        let kept = r.clean(
            vec![
                "Promo.".into(),
                "Sponsored by Acme: ...".into(),
                "News.".into(),
            ],
            &mut removed,
        );
        assert_eq!(kept, vec!["News.".to_string()]);
        assert_eq!(removed.len(), 2);
        assert_eq!(removed[0].rule, "notice label \"promo\"");
        assert_eq!(removed[1].rule, "notice prefix \"sponsored by\"");
    }
}
