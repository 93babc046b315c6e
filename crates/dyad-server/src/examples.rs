//! The example articles bundled with dyad (`examples/`), compiled into the binary so that
//! `dyad demo` and the load test work from any directory, and [`load_examples`], which
//! ingests them through the same path as `POST /api/documents`. The HTML articles were
//! written for the project (see `examples/README.md`).

use dyad_store::Intake;

use crate::error::ApiError;
use crate::ingest::{self, BodyKind, IngestSummary, Overrides};
use crate::state::AppState;

/// Every file of `examples/`: (path relative to `examples/`, contents).
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "articles.jsonl",
        include_str!("../../../examples/articles.jsonl"),
    ),
    (
        "articles/arctic-fisheries-quota-deal.html",
        include_str!("../../../examples/articles/arctic-fisheries-quota-deal.html"),
    ),
    (
        "articles/armenia-azerbaijan-treaty-text.html",
        include_str!("../../../examples/articles/armenia-azerbaijan-treaty-text.html"),
    ),
    (
        "articles/baltic-border-talks.txt",
        include_str!("../../../examples/articles/baltic-border-talks.txt"),
    ),
    (
        "articles/essequibo-border-incident.html",
        include_str!("../../../examples/articles/essequibo-border-incident.html"),
    ),
    (
        "articles/horn-of-africa-mediation.txt",
        include_str!("../../../examples/articles/horn-of-africa-mediation.txt"),
    ),
    (
        "articles/india-china-patrol-agreement.html",
        include_str!("../../../examples/articles/india-china-patrol-agreement.html"),
    ),
    (
        "articles/korean-launch-followup.html",
        include_str!("../../../examples/articles/korean-launch-followup.html"),
    ),
    (
        "articles/korean-peninsula-missile-launch.html",
        include_str!("../../../examples/articles/korean-peninsula-missile-launch.html"),
    ),
    (
        "articles/mali-algeria-drone-dispute.html",
        include_str!("../../../examples/articles/mali-algeria-drone-dispute.html"),
    ),
    (
        "articles/red-sea-shipping-strikes.html",
        include_str!("../../../examples/articles/red-sea-shipping-strikes.html"),
    ),
    (
        "articles/sudan-el-fasher-shelling.html",
        include_str!("../../../examples/articles/sudan-el-fasher-shelling.html"),
    ),
    (
        "articles/taiwan-strait-drills.html",
        include_str!("../../../examples/articles/taiwan-strait-drills.html"),
    ),
];

/// The reader of an example, by its extension.
fn kind_of(name: &str) -> BodyKind {
    if name.ends_with(".jsonl") {
        BodyKind::Jsonl
    } else if name.ends_with(".html") {
        BodyKind::Html
    } else {
        BodyKind::Text
    }
}

/// The `source` and `published` of the JSONL example with this id.
fn jsonl_metadata(id: &str) -> Option<(Option<String>, Option<dyad_model::Date>)> {
    let (_, jsonl) = EXAMPLES.iter().find(|(n, _)| *n == "articles.jsonl")?;
    jsonl.lines().find_map(|line| {
        let record: serde_json::Value = serde_json::from_str(line).ok()?;
        if record.get("id")?.as_str()? != id {
            return None;
        }
        let text = |key: &str| record.get(key).and_then(|v| v.as_str()).map(str::to_string);
        Some((
            text("source"),
            text("published").and_then(|d| d.parse().ok()),
        ))
    })
}

/// Ingests every example into the server's store; HTML and text examples are identified
/// by their path (`examples/articles/...`).
pub async fn load_examples(state: &AppState) -> Result<IngestSummary, ApiError> {
    let mut total = IngestSummary::default();
    for (name, text) in EXAMPLES {
        let kind = kind_of(name);
        let mut overrides = Overrides {
            id: (kind != BodyKind::Jsonl).then(|| format!("examples/{name}")),
            ..Overrides::default()
        };
        if kind == BodyKind::Text {
            // The text files are the JSONL articles as plain text: same outlet and date.
            let stem = name
                .rsplit('/')
                .next()
                .and_then(|n| n.strip_suffix(".txt"))
                .unwrap_or_default();
            if let Some((source, published)) = jsonl_metadata(stem) {
                overrides.source = source;
                overrides.published = published;
            }
        }
        let (documents, skipped) =
            ingest::read_body(kind, text.as_bytes(), &overrides, Default::default())?;
        let summary = ingest::ingest(state, documents, skipped, Intake::default()).await?;
        total.added += summary.added;
        total.duplicates += summary.duplicates;
        total.skipped += summary.skipped;
        total.events += summary.events;
        total.wire_copies += summary.wire_copies;
        total.errors.extend(summary.errors);
        total.documents.extend(summary.documents);
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_file_is_embedded() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        let mut on_disk = vec!["articles.jsonl".to_string()];
        for entry in std::fs::read_dir(root.join("articles")).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if !name.starts_with('.') {
                on_disk.push(format!("articles/{name}"));
            }
        }
        on_disk.sort();
        let mut embedded: Vec<String> = EXAMPLES.iter().map(|(n, _)| n.to_string()).collect();
        embedded.sort();
        assert_eq!(embedded, on_disk);
    }
}
