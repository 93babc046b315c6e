//! Documents from the inputs `dyad extract` reads, extracted with the CLI's rules: records
//! the readers pass over are counted by reason, documents not in English are skipped unless
//! `any_language`, documents without a date take `published`, and near-duplicates of an
//! earlier document of the same input get `doc.duplicate_of`.

use std::collections::BTreeMap;
use std::io::BufRead;

use dyad_core::Pipeline;
use dyad_ingest::{Entry, NearDuplicates};
use dyad_model::{Date, Extraction};

/// How documents are read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Publication date for documents that carry none.
    pub published: Option<Date>,
    /// Keep documents identified as not English.
    pub any_language: bool,
}

/// One extracted document and where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Extracted {
    /// The input's name (a path or URL).
    pub input: String,
    /// 1-based position of the document among the documents of its input.
    pub record: u64,
    pub extraction: Extraction,
}

/// Counts of a read, as in the CLI's summary line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub documents: u64,
    pub events: u64,
    pub failed: u64,
    pub duplicates: u64,
    /// Records passed over, by reason (`non-html`, `language`, ...).
    pub skipped: BTreeMap<&'static str, u64>,
    /// The first [`MAX_ERRORS`] error messages.
    pub errors: Vec<String>,
}

/// Most error messages [`Stats`] keeps.
pub const MAX_ERRORS: usize = 100;

impl Stats {
    fn error(&mut self, message: String) {
        self.failed += 1;
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(message);
        }
    }
}

/// Reads every document of one input and hands each extraction to `sink`, which returns
/// `false` to stop early. Returns the counts of the read.
pub fn extract_input(
    pipeline: &Pipeline,
    name: &str,
    input: Box<dyn BufRead + '_>,
    options: &Options,
    mut sink: impl FnMut(Extracted) -> bool,
) -> Stats {
    let mut stats = Stats::default();
    let mut near_duplicates = NearDuplicates::default();
    for item in dyad_ingest::stream(name, input) {
        let mut doc = match item {
            Ok(Entry::Document(doc)) => doc,
            Ok(Entry::Skipped(skipped)) => {
                *stats.skipped.entry(skipped.reason.as_str()).or_default() += 1;
                continue;
            }
            Err(e) => {
                stats.error(e.to_string());
                continue;
            }
        };
        if !doc.in_coded_language() && !options.any_language {
            *stats
                .skipped
                .entry(dyad_ingest::SkipReason::Language.as_str())
                .or_default() += 1;
            continue;
        }
        if doc.published.is_none() {
            doc.published = options.published;
        }
        let duplicate_of = near_duplicates.check(&doc.id, &doc.text);
        stats.duplicates += u64::from(duplicate_of.is_some());
        let mut extraction = pipeline.extract(doc);
        extraction.doc.duplicate_of = duplicate_of;
        stats.documents += 1;
        stats.events += extraction.events.len() as u64;
        let keep_going = sink(Extracted {
            input: name.to_string(),
            record: stats.documents,
            extraction,
        });
        if !keep_going {
            break;
        }
    }
    stats
}

/// Every extraction of one in-memory input (text, HTML, JSONL, WARC, feed; gzip or not).
pub fn extract_bytes(
    pipeline: &Pipeline,
    name: &str,
    bytes: &[u8],
    options: &Options,
) -> (Vec<Extracted>, Stats) {
    let mut out = Vec::new();
    let stats = extract_input(pipeline, name, Box::new(bytes), options, |e| {
        out.push(e);
        true
    });
    (out, stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pipeline() -> Pipeline {
        Pipeline::embedded().expect("embedded data parses")
    }

    #[test]
    fn jsonl_documents_take_the_default_date_and_keep_their_order() {
        let input = b"{\"id\":\"a\",\"text\":\"Russia and China signed a trade agreement on Monday.\"}\n\
            {\"id\":\"b\",\"text\":\"Protesters rallied in Nairobi on Tuesday against new taxes.\",\"published\":\"2024-06-01\"}\n\
            not json\n";
        let options = Options {
            published: Some("2024-06-05".parse().unwrap()),
            any_language: false,
        };
        let (docs, stats) = extract_bytes(&pipeline(), "x.jsonl", input, &options);
        let ids: Vec<_> = docs.iter().map(|d| d.extraction.doc.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(docs[0].extraction.doc.published, options.published);
        assert_eq!(
            docs[1].extraction.doc.published,
            Some("2024-06-01".parse().unwrap())
        );
        assert_eq!(docs[1].record, 2);
        assert_eq!(stats.documents, 2);
        assert_eq!(stats.failed, 1);
        assert!(
            stats.errors[0].starts_with("x.jsonl:3"),
            "{:?}",
            stats.errors
        );
    }

    #[test]
    fn the_sink_can_stop_the_read() {
        let input = b"{\"id\":\"a\",\"text\":\"Kim met Putin.\"}\n{\"id\":\"b\",\"text\":\"Kim met Xi.\"}\n";
        let mut seen = 0;
        let stats = extract_input(
            &pipeline(),
            "x.jsonl",
            Box::new(&input[..]),
            &Options::default(),
            |_| {
                seen += 1;
                false
            },
        );
        assert_eq!((seen, stats.documents), (1, 1));
    }
}
