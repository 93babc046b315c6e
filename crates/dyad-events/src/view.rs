//! A sentence seen by the coder: its tokens folded for look-up, the actor mentions that
//! cover them, and small word-class tests (prepositions, determiners, clause boundaries)
//! that the argument, modality and attribution rules share.

use dyad_actors::{ActorMention, Actors};
use dyad_text::{normalize::fold, TaggedToken, TextLayer, TokenKind, Upos};

/// Prepositions that introduce a phrase an actor can sit in without being a subject.
pub const PREPOSITIONS: &[&str] = &[
    "with",
    "to",
    "against",
    "on",
    "for",
    "of",
    "in",
    "at",
    "by",
    "from",
    "into",
    "onto",
    "between",
    "among",
    "amongst",
    "about",
    "over",
    "under",
    "near",
    "toward",
    "towards",
    "upon",
    "across",
    "through",
    "during",
    "after",
    "before",
    "since",
    "despite",
    "within",
    "without",
    "behind",
    "beyond",
    "inside",
    "outside",
    "around",
    "via",
    "per",
    "like",
    "including",
    "alongside",
    "amid",
    "than",
    "throughout",
];

/// Words that show the next word is used as a noun.
pub const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my",
    "your", "such", "any", "no", "every", "each", "another", "other", "some", "new", "further",
    "more", "last", "first", "recent", "latest", "'s", "own",
];

/// Words that open a new clause: a left or right argument search stops at them.
pub const CLAUSE_OPENERS: &[&str] = &[
    "that", "which", "who", "whom", "whose", "where", "while", "whereas", "because", "although",
    "though", "but", "when", "after", "before", "since", "if", "unless", "until", "as",
];

/// Forms of "to be" (and "get") that mark a passive before a participle.
pub const BE_FORMS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "'s", "'re", "get", "got", "gets", "getting",
];

/// Verbs that make someone else act ("made X attack"): the causer is the actor.
pub const CAUSATIVES: &[&str] = &[
    "made", "make", "makes", "making", "forced", "force", "forces", "forcing", "ordered", "orders",
    "order", "ordering",
];

/// Day and month names and "today"-like words: "called on Friday" is not "called on X".
pub fn is_temporal(word: &str) -> bool {
    dyad_text::calendar::names_day_or_month(word)
        || matches!(word, "today" | "yesterday" | "tomorrow")
}

pub fn is_preposition(word: &str) -> bool {
    PREPOSITIONS.contains(&word)
}

pub fn is_determiner(word: &str) -> bool {
    DETERMINERS.contains(&word)
}

/// One sentence prepared for coding. Token indices inside a view are local (0-based).
pub struct SentenceView<'a> {
    pub index: usize,
    pub text: &'a str,
    /// Byte spans of the tokens.
    pub spans: Vec<(usize, usize)>,
    pub kinds: Vec<TokenKind>,
    /// Folded token texts.
    pub folded: Vec<String>,
    /// For each token, the index (into `mentions`) of the actor mention covering it.
    pub mention_at: Vec<Option<usize>>,
    /// The actor mentions of the sentence with their local token ranges.
    pub mentions: Vec<(&'a ActorMention, usize, usize)>,
    /// Byte span of the sentence.
    pub start: usize,
    pub end: usize,
    /// The tags of the sentence document, one per token; empty when the view has none.
    tags: &'a [TaggedToken],
    /// The sentence document (tags, lemmas, parse), when its tokens are the view's.
    pub doc: Option<&'a dyad_syntax::SentenceDoc>,
}

impl<'a> SentenceView<'a> {
    pub fn new(text: &'a str, layer: &TextLayer, actors: &'a Actors, index: usize) -> Self {
        let sentence = &layer.sentences[index];
        let tokens = &layer.tokens[sentence.tokens.clone()];
        let spans: Vec<(usize, usize)> = tokens.iter().map(|t| (t.start, t.end)).collect();
        let kinds = tokens.iter().map(|t| t.kind).collect();
        let folded = tokens
            .iter()
            .map(|t| fold(text.get(t.start..t.end).unwrap_or("")))
            .collect();
        let mut mention_at = vec![None; spans.len()];
        let mut mentions = Vec::new();
        for m in actors.mentions_in(sentence.span) {
            let first = spans.partition_point(|s| s.1 <= m.span.start);
            let last = spans.partition_point(|s| s.0 < m.span.end);
            if first >= last {
                continue;
            }
            let id = mentions.len();
            for slot in &mut mention_at[first..last] {
                *slot = Some(id);
            }
            mentions.push((m, first, last));
        }
        SentenceView {
            index,
            text,
            spans,
            kinds,
            folded,
            mention_at,
            mentions,
            start: sentence.span.start,
            end: sentence.span.end,
            tags: &[],
            doc: None,
        }
    }

    /// Reads the tags of the sentence document (the analysis tags every sentence once).
    pub fn set_doc(&mut self, doc: &'a dyad_syntax::SentenceDoc) {
        if doc.tags.len() == self.len() {
            self.tags = &doc.tags;
            self.doc = Some(doc);
        }
    }

    /// Whether tags are available.
    pub fn has_tags(&self) -> bool {
        !self.tags.is_empty()
    }

    /// The tag of local token `i`, when the view has the sentence document's tags.
    pub fn tag(&self, i: usize) -> Option<TaggedToken> {
        self.tags.get(i).copied()
    }

    /// The lemma of local token `i`, from the sentence document when the view has it (else
    /// the folded word).
    pub fn lemma(&self, i: usize) -> &str {
        self.doc
            .filter(|doc| doc.len() == self.len())
            .and_then(|doc| doc.lemmas.get(i))
            .map_or_else(|| self.word(i), String::as_str)
    }

    /// Whether the tagger reads token `i` as a noun, proper noun, adjective or number.
    pub fn tagged_nominal(&self, i: usize) -> bool {
        self.tag(i)
            .is_some_and(|t| matches!(t.upos, Upos::Noun | Upos::Propn | Upos::Adj | Upos::Num))
    }

    /// Whether the tagger reads token `i` as a verb.
    pub fn tagged_verb(&self, i: usize) -> bool {
        self.tag(i).is_some_and(|t| t.upos == Upos::Verb)
    }

    /// Whether the tagger reads token `i` as a past participle ("was attacked").
    pub fn tagged_participle(&self, i: usize) -> bool {
        self.tag(i).is_some_and(|t| t.is_past_participle())
    }

    pub fn len(&self) -> usize {
        self.folded.len()
    }

    pub fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }

    pub fn word(&self, i: usize) -> &str {
        self.folded.get(i).map(String::as_str).unwrap_or("")
    }

    /// The original text of local tokens `from..to`.
    pub fn slice(&self, from: usize, to: usize) -> &'a str {
        if from >= to || to > self.spans.len() {
            return "";
        }
        self.text
            .get(self.spans[from].0..self.spans[to - 1].1)
            .unwrap_or("")
    }

    /// Byte span of local tokens `from..to`.
    pub fn byte_span(&self, from: usize, to: usize) -> (usize, usize) {
        if from >= to || to > self.spans.len() {
            return (self.start, self.start);
        }
        (self.spans[from].0, self.spans[to - 1].1)
    }

    /// Whether token `i` ends a hyphenated compound split after an abbreviation
    /// ("U.N.-organized", "U.S.-backed": `U.S.`, `-`, `backed` with no space between).
    pub fn ends_hyphen_compound(&self, i: usize) -> bool {
        i >= 2
            && i < self.spans.len()
            && self.word(i - 1) == "-"
            && self.spans[i - 2].1 == self.spans[i - 1].0
            && self.spans[i - 1].1 == self.spans[i].0
    }

    /// Whether the original token starts with an upper-case letter.
    pub fn is_capitalised(&self, i: usize) -> bool {
        self.spans
            .get(i)
            .and_then(|&(s, e)| self.text.get(s..e))
            .and_then(|t| t.chars().next())
            .is_some_and(char::is_uppercase)
    }

    /// Punctuation that ends a clause for argument search: `;`, `:`, dashes, brackets.
    pub fn is_hard_boundary(&self, i: usize) -> bool {
        self.kinds.get(i) == Some(&TokenKind::Punct)
            && matches!(self.word(i), ";" | ":" | "-" | "--" | "(" | ")" | "[" | "]")
    }

    pub fn is_comma(&self, i: usize) -> bool {
        self.word(i) == ","
    }

    pub fn is_quote(&self, i: usize) -> bool {
        matches!(self.word(i), "\"" | "'")
    }

    pub fn is_punct(&self, i: usize) -> bool {
        matches!(self.kinds.get(i), Some(TokenKind::Punct))
    }

    /// Whether the words `phrase` (folded, space-separated) end at local token `end`
    /// (exclusive).
    pub fn phrase_ends_at(&self, phrase: &[String], end: usize) -> bool {
        if phrase.is_empty() || end < phrase.len() || end > self.len() {
            return false;
        }
        let start = end - phrase.len();
        phrase
            .iter()
            .enumerate()
            .all(|(k, w)| self.folded[start + k] == *w)
    }

    /// Whether the words `phrase` start at local token `start`.
    pub fn phrase_starts_at(&self, phrase: &[String], start: usize) -> bool {
        start + phrase.len() <= self.len()
            && phrase
                .iter()
                .enumerate()
                .all(|(k, w)| self.folded[start + k] == *w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_tokens_and_finds_phrases() {
        let text = "Russia’s army did not attack.";
        let layer = dyad_text::analyze(text);
        let actors = Actors::default();
        let view = SentenceView::new(text, &layer, &actors, 0);
        assert_eq!(view.word(1), "'s");
        let phrase = vec!["did".to_string(), "not".to_string()];
        assert!(view.phrase_starts_at(&phrase, 3));
        assert!(view.phrase_ends_at(&phrase, 5));
        assert!(view.is_capitalised(0));
        assert_eq!(view.slice(0, 2), "Russia’s");
    }
}
