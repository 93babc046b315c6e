//! Property tests of the pipeline on arbitrary text (unicode, NULs, control characters,
//! huge whitespace, straight and typographic quotes, news-like fragments): every offset
//! (tokens, sentences, mentions, triggers) is a char boundary inside `doc.text`, every
//! mention's and trigger's text is the text at its offsets, the evidence is a part of the
//! text, the JSON output serialises and parses back, and the same input gives the same
//! output. Case counts keep the file under 30 s in a debug build.

use std::sync::OnceLock;

use dyad_core::{Extraction, Pipeline, SourceDocument};
use proptest::prelude::*;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::embedded().expect("embedded data parses"))
}

/// Pieces of news text the recognisers react to, and pieces that trouble tokenisers.
const FRAGMENTS: &[&str] = &[
    "Russia",
    "Russia’s",
    "North Korean",
    "Kim Jong Un",
    "Defence Minister Andrei Belousov",
    "U.S.",
    "Gen.",
    "met",
    "attacked",
    "accused",
    "signed a treaty with",
    "said",
    "denied",
    "12,000",
    "1.5 million",
    "$3bn",
    "twenty-five",
    "troops",
    "were killed",
    "on Friday",
    "last week",
    "in June",
    "3 Dec. 2024",
    "in Pyongyang",
    "in the Kursk region",
    "near Kyiv",
    ".",
    ",",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "'",
    "—",
    "…",
    "\n\n",
    "\r\n",
    "\0",
    "\u{feff}",
    "\u{200b}",
    "\u{301}",
    "\u{a0}",
    "🇺🇦",
    "👍🏽",
    "Ünïcödé",
    "日本",
    "مرحبا",
];

/// Arbitrary text built from fragments, arbitrary characters and runs of whitespace.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
        2 => any::<char>().prop_map(String::from),
        1 => "[ \t\n\r]{1,300}",
        1 => "\\PC{0,12}",
        1 => "[A-Z][a-z]{0,8}",
    ];
    prop::collection::vec(piece, 0..48).prop_map(|pieces| {
        let mut out = String::new();
        for piece in pieces {
            if !out.is_empty() && !piece.starts_with(char::is_whitespace) {
                out.push(' ');
            }
            out.push_str(&piece);
        }
        out
    })
}

fn extract(text: &str) -> Extraction {
    pipeline().extract(SourceDocument {
        id: "prop".into(),
        text: text.to_string(),
        published: Some("2024-12-01".parse().unwrap()),
        ..Default::default()
    })
}

fn assert_range(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && end <= text.len(),
        "{what} {start}..{end} out of bounds of {} bytes in {text:?}",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what} {start}..{end} not on char boundaries in {text:?}"
    );
}

fn assert_offsets(x: &Extraction) {
    let text = x.doc.text.as_str();
    for entity in &x.entities {
        for m in &entity.mentions {
            assert_range(text, m.start, m.end, "mention");
            assert_eq!(m.text, &text[m.start..m.end], "mention text in {text:?}");
        }
    }
    for event in &x.events {
        let t = &event.trigger;
        assert_range(text, t.start, t.end, "trigger");
        assert_eq!(t.text, &text[t.start..t.end], "trigger text in {text:?}");
        assert!(
            text.contains(event.evidence.as_str()),
            "evidence {:?} not in {text:?}",
            event.evidence
        );
        if let Some(location) = &event.location {
            assert!(text.contains(location.text.as_str()), "{location:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn tokens_and_sentences_lie_on_char_boundaries(text in text()) {
        let layer = dyad_text::analyze(&text);
        let mut previous = 0;
        for token in &layer.tokens {
            assert_range(&text, token.start, token.end, "token");
            prop_assert!(token.start < token.end && token.start >= previous);
            previous = token.end;
        }
        for sentence in &layer.sentences {
            assert_range(&text, sentence.span.start, sentence.span.end, "sentence");
            prop_assert!(sentence.tokens.end <= layer.tokens.len());
            for token in &layer.tokens[sentence.tokens.clone()] {
                prop_assert!(sentence.span.start <= token.start && token.end <= sentence.span.end);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn extraction_offsets_texts_json_and_determinism(text in text()) {
        let first = extract(&text);
        assert_offsets(&first);
        let json = serde_json::to_string(&first).expect("serialises");
        let back: Extraction = serde_json::from_str(&json).expect("parses back");
        let json_back = serde_json::to_string(&back).expect("serialises");
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let value_back: serde_json::Value = serde_json::from_str(&json_back).unwrap();
        prop_assert_eq!(value, value_back);
        let second = extract(&text);
        prop_assert_eq!(json, serde_json::to_string(&second).unwrap());
    }

    #[test]
    fn arbitrary_bytes_read_as_any_format_then_extract(
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
        name in prop::sample::select(&["a.txt", "a.html", "a.jsonl", "-"][..]),
    ) {
        for doc in dyad_ingest::read(name, &bytes).take(8).flatten() {
            assert_offsets(&pipeline().extract(doc));
        }
    }
}

#[test]
fn huge_whitespace_nul_and_quote_runs() {
    let mut text = String::from("Russia’s troops attacked Kyiv on Friday.");
    text.push_str(&" ".repeat(100_000));
    text.push_str(&"\0".repeat(10_000));
    text.push_str(&"“”\"'’".repeat(2_000));
    text.push_str("\n\nKim met Belousov in Pyongyang.");
    let x = extract(&text);
    assert_offsets(&x);
    assert!(!x.events.is_empty());
}
