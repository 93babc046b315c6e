//! Plain text (`.txt`, `.md`) reading: one document per input, its id the input's name.
//!
//! - Bytes are decoded as the HTML reader decodes a page without a declared charset
//!   ([`crate::html::encoding::decode_plain`]): a byte-order mark (UTF-8, UTF-16LE or BE)
//!   decides; else UTF-8 (a few broken bytes become U+FFFD); else the encoding the detector
//!   guesses (Latin-1, Windows-1252 ...). Never a panic. Line endings are normalised to
//!   `\n`.
//! - Paragraphs: every non-empty line is a paragraph (news dumps such as the founding
//!   example put one paragraph per line), except in hard-wrapped text (blank-line-separated
//!   blocks of lines of similar width that mostly do not end a sentence), where the lines of
//!   a block are joined. Runs of spaces and tabs collapse to one space. Paragraphs are
//!   joined with `"\n\n"` in [`crate::SourceDocument::text`].
//! - Notices are removed ([`crate::notices`]) before the title is chosen.
//! - Title: the first paragraph left after notice removal is taken as the title when it
//!   looks like one: at most 20 words and 200 characters, not ending with a period, colon or
//!   comma, and followed by further text. **A line taken as the title is kept out of
//!   `text`** (it is in `title`); a first line that is not taken stays in `text`. In
//!   Markdown, heading marks (`# `) are stripped.

use crate::notices::NoticeRules;
use crate::SourceDocument;

/// Most words a first line may have to be taken as the title.
const MAX_TITLE_WORDS: usize = 20;
/// Most characters a first line may have to be taken as the title.
const MAX_TITLE_CHARS: usize = 200;

/// Reads one plain-text document.
pub fn read_text(name: &str, bytes: &[u8]) -> SourceDocument {
    let text = decode(bytes);
    let markdown = name
        .to_ascii_lowercase()
        .trim_end_matches(".gz")
        .ends_with(".md");
    let mut paragraphs = paragraphs(&text);
    if markdown {
        for p in &mut paragraphs {
            if let Some(stripped) = strip_markdown_heading(p) {
                *p = stripped;
            }
        }
        paragraphs.retain(|p| !p.is_empty());
    }
    let mut doc = SourceDocument {
        id: name.to_string(),
        ..Default::default()
    };
    let mut kept = NoticeRules::embedded().clean(paragraphs, &mut doc.removed);
    if kept.len() > 1 && looks_like_title(&kept[0]) {
        doc.title = Some(kept.remove(0));
    }
    doc.text = kept.join("\n\n");
    doc
}

/// Cleans a body text that came without a title (a JSONL `text` field): paragraphs and
/// notice removal as for plain text, no title guessing.
pub(crate) fn clean_body(text: &str, doc: &mut SourceDocument) {
    let kept = NoticeRules::embedded().clean(paragraphs(text), &mut doc.removed);
    doc.text = kept.join("\n\n");
}

/// `bytes` as text (see the module docs), without a byte-order mark.
pub fn decode(bytes: &[u8]) -> String {
    crate::html::encoding::decode_plain(bytes).into_owned()
}

/// Whether a character is invisible formatting that breaks words apart for recognition:
/// zero-width characters (space, joiner, non-joiner, word joiner, the byte-order mark used
/// as a zero-width no-break space), the soft hyphen, and bidirectional controls (marks,
/// embeddings, overrides, isolates).
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// `text` without invisible formatting characters ([`is_invisible`]): "Rus\u{200b}sia"
/// is "Russia" again. Lines left blank by the removal are dropped; borrows `text` when it
/// has none.
pub fn remove_invisible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(is_invisible) {
        return std::borrow::Cow::Borrowed(text);
    }
    let visible: String = text.chars().filter(|c| !is_invisible(*c)).collect();
    let mut out = String::with_capacity(visible.len());
    for paragraph in visible.split("\n\n").filter(|p| !p.trim().is_empty()) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(paragraph.trim());
    }
    std::borrow::Cow::Owned(out)
}

/// Splits text into paragraphs (see the module docs).
pub fn paragraphs(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let blocks: Vec<Vec<String>> = text
        .split("\n\n")
        .map(|block| {
            block
                .lines()
                .map(collapse_spaces)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|b: &Vec<String>| !b.is_empty())
        .collect();
    let wrapped = is_hard_wrapped(&blocks);
    let mut out = Vec::new();
    for block in blocks {
        if wrapped {
            out.push(block.join(" "));
        } else {
            out.extend(block);
        }
    }
    out
}

/// Whether the text is hard-wrapped: most lines that are not the last of their block are
/// of similar width (at most 100 characters) and do not end a sentence.
fn is_hard_wrapped(blocks: &[Vec<String>]) -> bool {
    let inner: Vec<&String> = blocks
        .iter()
        .flat_map(|b| b.iter().take(b.len().saturating_sub(1)))
        .collect();
    if inner.len() < 3 {
        return false;
    }
    let widths: Vec<usize> = inner.iter().map(|l| l.chars().count()).collect();
    let widest = widths.iter().copied().max().unwrap_or(0);
    if !(30..=100).contains(&widest) {
        return false;
    }
    let similar = widths.iter().filter(|&&w| w * 10 >= widest * 6).count();
    let open = inner
        .iter()
        .filter(|l| !l.ends_with(['.', '!', '?', '"', '”', ':']))
        .count();
    similar * 10 >= inner.len() * 8 && open * 2 >= inner.len()
}

/// `line` trimmed, with runs of whitespace collapsed to one space.
fn collapse_spaces(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A Markdown heading's text (`## Title` → `Title`).
fn strip_markdown_heading(line: &str) -> Option<String> {
    let rest = line.trim_start_matches('#');
    let hashes = line.len() - rest.len();
    ((1..=6).contains(&hashes) && rest.starts_with(' ')).then(|| rest.trim().to_string())
}

/// Whether a first paragraph looks like a headline.
fn looks_like_title(line: &str) -> bool {
    let words = line.split_whitespace().count();
    words > 0
        && words <= MAX_TITLE_WORDS
        && line.chars().count() <= MAX_TITLE_CHARS
        && line.chars().any(char::is_alphabetic)
        && !line.ends_with(['.', ':', ',', ';'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_like_dump_loses_its_notice_only() {
        let input = "Already a subscriber? Make sure to log into your account before viewing this content. Still unable to see the content after signing in? Make sure your card on file is up-to-date.\r\nKim Jong Un met Andrei Belousov.\r\nThey discussed cooperation.\r\n";
        let doc = read_text("seed.txt", input.as_bytes());
        assert_eq!(doc.id, "seed.txt");
        assert_eq!(doc.title, None);
        assert_eq!(
            doc.text,
            "Kim Jong Un met Andrei Belousov.\n\nThey discussed cooperation."
        );
        assert_eq!(doc.removed.len(), 1);
    }

    #[test]
    fn headline_becomes_title_and_leaves_text() {
        let doc = read_text(
            "a.txt",
            "\n  Kim pledges support for Russia's war  \n\nKim Jong Un met Belousov.\nHe pledged support.".as_bytes(),
        );
        assert_eq!(
            doc.title.as_deref(),
            Some("Kim pledges support for Russia's war")
        );
        assert_eq!(doc.text, "Kim Jong Un met Belousov.\n\nHe pledged support.");
    }

    #[test]
    fn sentence_first_line_is_not_a_title() {
        let doc = read_text("a.txt", b"Kim met Belousov on Friday.\nHe pledged support.");
        assert_eq!(doc.title, None);
        assert!(doc.text.starts_with("Kim met Belousov"));
        let single = read_text("a.txt", b"Kim pledges support");
        assert_eq!(single.title, None);
        assert_eq!(single.text, "Kim pledges support");
    }

    #[test]
    fn markdown_heading_is_the_title() {
        let doc = read_text(
            "a.md",
            b"# Kim pledges support\n\nKim met Belousov.\n\n## Background\n\nMore.",
        );
        assert_eq!(doc.title.as_deref(), Some("Kim pledges support"));
        assert_eq!(doc.text, "Kim met Belousov.\n\nBackground\n\nMore.");
    }

    #[test]
    fn hard_wrapped_blocks_are_joined() {
        let input = "North Korean leader Kim Jong Un met Russia's defence\nminister Andrei Belousov on Friday in Pyongyang, where\nthey held extensive discussions on military matters.\n\nAccording to North Korean state media, Kim expressed\nstrong support for Russia's actions in Ukraine and\ncalled them justified.\n";
        let p = paragraphs(input);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].starts_with("North Korean leader") && p[0].ends_with("military matters."));
    }

    #[test]
    fn invalid_utf8_and_bom_are_survived() {
        let doc = read_text("a.txt", b"\xef\xbb\xbfKim \xff\xfe met\tBelousov.");
        assert_eq!(doc.text, "Kim \u{fffd}\u{fffd} met Belousov.");
        let empty = read_text("a.txt", b"");
        assert_eq!(empty.text, "");
    }

    #[test]
    fn utf16_and_windows_1252_files_are_read_as_text() {
        let text = "Kim Jong Un met Andrei Belousov in Pyongyang.\nThe talks were \u{201c}productive\u{201d}.";
        let mut utf16 = vec![0xff, 0xfe];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let doc = read_text("a.txt", &utf16);
        assert_eq!(
            doc.text,
            "Kim Jong Un met Andrei Belousov in Pyongyang.\n\nThe talks were \u{201c}productive\u{201d}."
        );
        let cp1252 = b"Jos\xe9 Mart\xednez met the \x93S\xe3o Paulo\x94 delegation.";
        let doc = read_text("b.txt", cp1252);
        assert_eq!(
            doc.text,
            "Jos\u{e9} Mart\u{ed}nez met the \u{201c}S\u{e3}o Paulo\u{201d} delegation."
        );
    }

    #[test]
    fn invisible_characters_leave_names_whole() {
        assert_eq!(
            remove_invisible("Rus\u{200b}sia and Chi\u{200d}na met in Be\u{00ad}ijing \u{202e}on Monday\u{202c}."),
            "Russia and China met in Beijing on Monday."
        );
        assert_eq!(
            remove_invisible("First.\n\n\u{200b}\u{2066}\n\nSecond."),
            "First.\n\nSecond."
        );
        assert!(matches!(
            remove_invisible("plain"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn five_megabyte_single_line() {
        let line = "word ".repeat(1_000_000);
        let doc = read_text("big.txt", line.as_bytes());
        assert_eq!(doc.text.len(), line.len() - 1);
    }

    #[test]
    fn founding_example_first_paragraph_only_is_removed() {
        let Some(path) = dyad_data::shared::path_or_skip(
            "text::founding_example_first_paragraph_only_is_removed",
            "seed/article.txt",
        ) else {
            return;
        };
        let bytes = std::fs::read(&path).expect("the seed article is readable");
        let original = decode(&bytes);
        let doc = read_text("article.txt", &bytes);
        assert_eq!(doc.removed.len(), 1, "{:?}", doc.removed);
        let first = original.lines().next().unwrap_or_default();
        assert_eq!(doc.removed[0].text, first);
        assert_eq!(doc.title, None);
        let rest: Vec<String> = original
            .lines()
            .skip(1)
            .map(collapse_spaces)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(doc.text, rest.join("\n\n"));
    }
}
