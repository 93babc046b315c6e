//! Invariant checks shared by dyad's fuzz targets (`fuzz_targets/*.rs`).
//!
//! Each target feeds arbitrary bytes to one layer and then checks, besides "no panic",
//! what must hold for any input: offsets are in bounds and on char boundaries, a mention's
//! text is the text at its offsets, the JSON output parses back, the same input gives the
//! same output. A failed check panics, which libFuzzer records as a crash.

use std::sync::OnceLock;

use dyad_core::{Extraction, Pipeline};
use dyad_ingest::{Entry, IngestError, SourceDocument};
use dyad_model::{Date, Span};
use dyad_text::TextLayer;

/// The publication date every target resolves dates against (the founding example's).
pub fn published() -> Date {
    Date::constant(2024, 12, 1)
}

/// The embedded pipeline, loaded once per fuzzing process.
pub fn shared_pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::embedded().expect("the embedded pipeline loads"))
}

/// The embedded part-of-speech tagger, loaded once per fuzzing process.
pub fn tagger() -> &'static dyad_text::Tagger {
    static TAGGER: OnceLock<dyad_text::Tagger> = OnceLock::new();
    TAGGER.get_or_init(|| {
        dyad_text::Tagger::from_data(&dyad_data::DataSet::embedded())
            .expect("the embedded tagger loads")
    })
}

/// Asserts that `start..end` is a non-inverted byte range of `text` on char boundaries.
pub fn check_range(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && end <= text.len(),
        "{what}: {start}..{end} out of bounds (text is {} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: {start}..{end} not on char boundaries"
    );
}

/// Asserts that `span` is a valid range of `text` (see [`check_range`]).
pub fn check_span(text: &str, span: Span, what: &str) {
    check_range(text, span.start, span.end, what);
}

/// Tokens and sentences: in bounds, on char boundaries, non-empty, in order, sentence
/// token ranges inside the token list and sentence spans covering their tokens.
pub fn check_layer(text: &str, layer: &TextLayer) {
    let mut previous_end = 0;
    for (i, token) in layer.tokens.iter().enumerate() {
        check_range(text, token.start, token.end, "token");
        assert!(token.start < token.end, "token {i} is empty");
        assert!(
            token.start >= previous_end,
            "token {i} overlaps the one before"
        );
        previous_end = token.end;
    }
    let mut previous_end = 0;
    for (i, sentence) in layer.sentences.iter().enumerate() {
        check_span(text, sentence.span, "sentence");
        assert!(
            sentence.span.start >= previous_end,
            "sentence {i} overlaps the one before"
        );
        previous_end = sentence.span.end;
        assert!(
            sentence.tokens.start <= sentence.tokens.end
                && sentence.tokens.end <= layer.tokens.len(),
            "sentence {i} token range {:?} out of bounds",
            sentence.tokens
        );
        for token in &layer.tokens[sentence.tokens.clone()] {
            assert!(
                sentence.span.start <= token.start && token.end <= sentence.span.end,
                "sentence {i} does not cover its token {}..{}",
                token.start,
                token.end
            );
        }
    }
}

/// Every offset of an extraction in bounds and on char boundaries of `doc.text`, every
/// mention's and trigger's text the text at its offsets, evidence and place texts taken
/// from the document, and the JSON output parsing back to the same extraction.
pub fn check_extraction(extraction: &Extraction) {
    let text = extraction.doc.text.as_str();
    for entity in &extraction.entities {
        for mention in &entity.mentions {
            check_range(text, mention.start, mention.end, "mention");
            assert_eq!(
                mention.text,
                &text[mention.start..mention.end],
                "mention text differs from the text at its offsets"
            );
        }
    }
    for event in &extraction.events {
        let trigger = &event.trigger;
        check_range(text, trigger.start, trigger.end, "trigger");
        assert_eq!(
            trigger.text,
            &text[trigger.start..trigger.end],
            "trigger text differs from the text at its offsets"
        );
        assert!(
            text.contains(event.evidence.as_str()),
            "evidence is not a part of the text: {:?}",
            event.evidence
        );
        if let Some(location) = &event.location {
            assert!(
                text.contains(location.text.as_str()),
                "location text is not a part of the text: {:?}",
                location.text
            );
        }
        if let (Some(start), Some(end)) = (event.date, event.date_end) {
            assert!(start <= end, "event period ends before it starts");
        }
        assert!(event.goldstein.is_finite(), "goldstein is not finite");
    }
    let json = serde_json::to_string(extraction).expect("an extraction serialises");
    let back: Extraction = serde_json::from_str(&json).expect("the JSON output parses back");
    let again = serde_json::to_string(&back).expect("an extraction serialises");
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let value_again: serde_json::Value = serde_json::from_str(&again).expect("valid JSON");
    assert_eq!(value, value_again, "JSON output does not round-trip");
}

/// A document as a reader returns it: no NUL-free promise, but a valid id and text, and
/// the text not larger than the input could have produced.
pub fn check_document(doc: &SourceDocument, input_len: usize) {
    // A reader decodes bytes to text; legacy encodings can grow a byte to 3 (UTF-8), and
    // entity decoding can grow "&#x10FFFF;" forms but never beyond 4 bytes per input byte.
    assert!(
        doc.text.len() <= input_len.saturating_mul(4).max(16),
        "document text ({} bytes) larger than its input ({input_len} bytes) allows",
        doc.text.len()
    );
    if let Some(language) = &doc.language {
        assert!(!language.is_empty(), "empty language code");
    }
}

/// An error names its input.
pub fn check_error(error: &IngestError, name: &str) {
    assert_eq!(error.input, name, "error does not name its input: {error}");
    if let Some(record) = error.record {
        assert!(record >= 1, "record numbers are 1-based: {error}");
    }
    assert!(!error.message.is_empty(), "error without a message");
}

/// Reads `bytes` as a stream named `name` with small limits (so that the size checks are
/// exercised by small inputs) and checks every entry.
pub fn check_stream(name: &str, bytes: &[u8]) {
    let limits = dyad_ingest::Limits {
        page_bytes: 64 * 1024,
        feed_bytes: 256 * 1024,
        header_bytes: 4 * 1024,
    };
    let mut entries = 0usize;
    for entry in dyad_ingest::stream_with(name, Box::new(bytes), limits) {
        entries += 1;
        // Decompressed inputs may be larger than the bytes; cap the walk, not the check.
        assert!(
            entries <= 1_000_000,
            "a stream yielded over a million entries"
        );
        match entry {
            Ok(Entry::Document(doc)) => check_document(&doc, limits.feed_bytes.max(bytes.len())),
            Ok(Entry::Skipped(skipped)) => {
                assert_eq!(
                    skipped.input, name,
                    "a skipped record does not name its input"
                )
            }
            Err(error) => check_error(&error, name),
        }
    }
}

/// Text from fuzzer bytes: valid UTF-8 as is, anything else lossily decoded (so that
/// every input reaches the language layers).
pub fn text_of(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

// ---- The targets: one function per fuzz target, called by `fuzz_targets/*.rs` and by the
// regression tests (crates/dyad-core/tests/fuzz_regressions.rs) on the saved inputs.

/// HTML reader: arbitrary bytes read as an `.html` input (encoding sniffing, DOM, content
/// region, metadata, notices, language), every document and error checked.
pub fn html(data: &[u8]) {
    for item in dyad_ingest::read("page.html", data) {
        match item {
            Ok(doc) => check_document(&doc, data.len()),
            Err(error) => check_error(&error, "page.html"),
        }
    }
}

/// WARC reader: arbitrary bytes streamed as a `.warc` input (record headers, HTTP heads,
/// chunked and compressed bodies, size limits), every entry checked.
pub fn warc(data: &[u8]) {
    check_stream("crawl.warc", data);
}

/// Decompression cap of the gzip target.
const GZIP_LIMIT: usize = 256 * 1024;

/// gzip: arbitrary bytes as gzip data, and valid gzip of arbitrary bytes cut or corrupted
/// at an arbitrary point, read by the capped decompressor and by the readers (in memory
/// and streaming). The first byte chooses the mode.
pub fn gzip(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = match mode % 4 {
        0 => {
            let mut raw = vec![0x1f, 0x8b];
            raw.extend_from_slice(rest);
            raw
        }
        1 => gzip_bytes(rest),
        2 => {
            let mut packed = gzip_bytes(rest);
            let cut = usize::from(mode) * packed.len() / 256;
            packed.truncate(cut.max(2));
            packed
        }
        _ => {
            let mut packed = gzip_bytes(rest);
            let at = 10 + usize::from(mode) % packed.len().saturating_sub(10).max(1);
            if let Some(byte) = packed.get_mut(at) {
                *byte ^= mode | 1;
            }
            packed
        }
    };
    match dyad_ingest::gzip::decompress(&bytes, GZIP_LIMIT) {
        Ok(plain) => assert!(plain.len() <= GZIP_LIMIT, "decompressed past the limit"),
        Err(error) => assert!(!error.to_string().is_empty()),
    }
    assert!(dyad_ingest::gzip::prefix(&bytes, 4096).len() <= 4096);
    for name in ["a.txt.gz", "a.jsonl.gz", "-"] {
        for item in dyad_ingest::read(name, &bytes) {
            match item {
                Ok(doc) => check_document(&doc, dyad_ingest::gzip::MAX_DECOMPRESSED),
                Err(error) => check_error(&error, name),
            }
        }
        check_stream(name, &bytes);
    }
}

/// `bytes`, gzipped.
fn gzip_bytes(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).expect("writing to a Vec");
    encoder.finish().expect("writing to a Vec")
}

/// Feed reader: arbitrary bytes streamed as an RSS/Atom `.xml` input, and by content
/// sniffing (JSON Feed), every entry checked.
pub fn feed(data: &[u8]) {
    check_stream("feed.xml", data);
    check_stream("-", data);
}

/// JSONL reader: arbitrary bytes streamed and read as a `.jsonl` input; every entry
/// checked, and every error's line number inside the input.
pub fn jsonl(data: &[u8]) {
    check_stream("docs.jsonl", data);
    let lines = data.split(|&b| b == b'\n').count();
    for item in dyad_ingest::read("docs.jsonl", data) {
        match item {
            Ok(doc) => check_document(&doc, data.len()),
            Err(error) => {
                check_error(&error, "docs.jsonl");
                let line = error.record.expect("a JSONL error names its line");
                assert!(
                    line <= lines,
                    "error on line {line} of a {lines}-line input"
                );
            }
        }
    }
}

/// Language layer: tokens, sentences, the part-of-speech tagger and quote folding on
/// arbitrary text; token and sentence offsets checked, one tag per token.
pub fn text(data: &[u8]) {
    let text = text_of(data);
    let layer = dyad_text::analyze(&text);
    check_layer(&text, &layer);
    let tags = tagger().tag_tokens(&text, &layer);
    assert_eq!(tags.len(), layer.tokens.len(), "one tag per token");
    let _ = dyad_text::normalize::fold(&text);
    let again = dyad_text::analyze(&text);
    assert_eq!(layer.tokens, again.tokens, "tokenising is deterministic");
}

/// The whole pipeline (actors, events, dates, magnitudes, places) on arbitrary text with a
/// fixed publication date: every offset and mention text checked, the JSON output parsed
/// back, and a second run giving the same output.
pub fn pipeline(data: &[u8]) {
    let text = text_of(data);
    let source = SourceDocument {
        id: "fuzz".into(),
        text,
        published: Some(published()),
        ..Default::default()
    };
    let pipeline = shared_pipeline();
    let first = pipeline.extract(source.clone());
    check_extraction(&first);
    let second = pipeline.extract(source);
    assert_eq!(
        serde_json::to_string(&first).unwrap(),
        serde_json::to_string(&second).unwrap(),
        "the same input gives the same output"
    );
}

/// Date phrases (dyad-events dates.rs): arbitrary text, an arbitrary byte window (not
/// necessarily on char boundaries) and with and without a publication date; every found
/// expression inside the window, on char boundaries, with its periods (back and ahead) in
/// order and a guessed year within a year of publication.
pub fn dates(data: &[u8]) {
    if data.len() < 2 {
        return;
    }
    let text = text_of(&data[2..]);
    let len = text.len();
    let a = usize::from(data[0]) * len / 255;
    let b = len - usize::from(data[1]) * len / 255;
    for within in [Span::new(0, len), Span::new(a.min(b), a.max(b))] {
        for publication in [Some(published()), None] {
            for found in dyad_events::dates::find_dates(&text, within, publication) {
                check_span(&text, found.span, "date expression");
                assert!(
                    within.start <= found.span.start && found.span.end <= within.end,
                    "date expression outside its window"
                );
                if let Some(end) = found.end {
                    assert!(found.date <= end, "date period ends before it starts");
                }
                assert!(
                    found.tokens.0 < found.tokens.1,
                    "date expression without tokens"
                );
                if let Some((start, end)) = found.ahead {
                    assert!(
                        end.is_none_or(|end| start <= end),
                        "ahead period out of order"
                    );
                }
                // A guessed year, either way, stays within a year of publication.
                if let (true, Some(p)) = (found.guessed, publication) {
                    let ahead = found.ahead.map_or(found.date, |(start, _)| start);
                    for date in [found.date, ahead] {
                        assert!((date.year() - p.year()).abs() <= 1, "guessed year too far");
                    }
                }
            }
        }
    }
}

/// Magnitudes (dyad-events magnitude.rs): number words, digits, scales, currencies and
/// ranges in arbitrary text and an arbitrary byte window; every count inside the window
/// and on char boundaries, ranges in order.
pub fn numbers(data: &[u8]) {
    if data.len() < 2 {
        return;
    }
    let text = text_of(&data[2..]);
    let len = text.len();
    let a = usize::from(data[0]) * len / 255;
    let b = len - usize::from(data[1]) * len / 255;
    for within in [Span::new(0, len), Span::new(a.min(b), a.max(b))] {
        for quantity in dyad_events::magnitude::find_quantities(&text, within) {
            check_span(&text, quantity.span, "quantity");
            assert!(
                within.start <= quantity.span.start && quantity.span.end <= within.end,
                "quantity outside its window"
            );
            assert!(!quantity.kind.is_empty(), "quantity without a kind");
            if let Some(max) = quantity.max {
                assert!(
                    quantity.value <= max,
                    "range {}..{max} upside down",
                    quantity.value
                );
            }
        }
    }
}

/// Sentences the places target sets its text in.
const FRAMES: [(&str, &str); 4] = [
    ("", ""),
    ("Russian troops attacked positions in ", " on Friday."),
    ("Protesters gathered near ", ", police said."),
    ("The minister met his counterpart at ", " in the capital."),
];

/// Places: actor recognition (gazetteer places, countries, metonyms) and event locations
/// on arbitrary text set inside a sentence that asks for a place ("... attacked X in
/// <text>"); every mention in bounds with valid entity and sentence indices, coordinates
/// in range, location texts taken from the document.
pub fn places(data: &[u8]) {
    let Some((&frame, rest)) = data.split_first() else {
        return;
    };
    let (before, after) = FRAMES[usize::from(frame) % FRAMES.len()];
    let text = format!("{before}{}{after}", text_of(rest));
    let pipeline = shared_pipeline();
    let layer = dyad_text::analyze(&text);
    let actors = pipeline
        .actor_lexicon()
        .recognize(&text, &layer, Some(published()));
    for mention in &actors.mentions {
        check_span(&text, mention.span, "actor mention");
        assert!(
            mention.entity < actors.entities.len(),
            "mention of no entity"
        );
        assert!(
            mention.sentence < layer.sentences.len(),
            "mention in no sentence"
        );
    }
    for entity in &actors.entities {
        if let Some(geo) = &entity.geo {
            assert!((-90.0..=90.0).contains(&geo.lat), "latitude {}", geo.lat);
            assert!((-180.0..=180.0).contains(&geo.lon), "longitude {}", geo.lon);
        }
    }
    let extraction = pipeline.extract(SourceDocument {
        id: "fuzz".into(),
        text,
        published: Some(published()),
        ..Default::default()
    });
    check_extraction(&extraction);
}
