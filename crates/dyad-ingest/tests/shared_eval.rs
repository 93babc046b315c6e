//! Sanity checks of the HTML path against the shared evaluation pages
//! (`../shared/eval/article-extraction`, `../shared/eval/trafilatura-en`): how much of the
//! gold article bodies the extracted text covers (4-gram shingles of lower-cased words),
//! and which must / must-not snippets appear. Prints the numbers (`--nocapture`) and
//! holds them above loose floors that catch regressions. Skips when `../shared` is absent.

use std::collections::HashSet;
use std::path::PathBuf;

fn shared(rel: &str) -> Option<PathBuf> {
    dyad_data::shared::path_or_skip("shared_eval", rel)
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn shingles(text: &str) -> HashSet<Vec<String>> {
    words(text).windows(4).map(<[String]>::to_vec).collect()
}

fn read_page(name: &str, bytes: &[u8]) -> dyad_ingest::SourceDocument {
    let mut docs = dyad_ingest::read(name, bytes);
    docs.next()
        .expect("one document")
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn article_extraction_shingle_coverage() {
    let Some(dir) = shared("eval/article-extraction/dev") else {
        return;
    };
    let truth: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.join("ground-truth.json")).expect("ground truth readable"),
    )
    .expect("ground truth is JSON");
    let Some(truth) = truth.as_object() else {
        panic!("ground truth is not an object");
    };
    let (mut recall_sum, mut precision_sum, mut pages) = (0.0, 0.0, 0usize);
    let (mut common_all, mut gold_all, mut ours_all) = (0usize, 0usize, 0usize);
    let mut worst: Vec<(f64, String)> = Vec::new();
    for (sha, entry) in truth {
        let path = dir.join("html").join(format!("{sha}.html.gz"));
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let gold = shingles(entry["articleBody"].as_str().unwrap_or_default());
        if gold.is_empty() {
            continue;
        }
        let doc = read_page(&format!("{sha}.html.gz"), &bytes);
        let ours = shingles(&doc.text);
        let common = gold.intersection(&ours).count();
        let recall = common as f64 / gold.len() as f64;
        let precision = if ours.is_empty() {
            0.0
        } else {
            common as f64 / ours.len() as f64
        };
        recall_sum += recall;
        precision_sum += precision;
        pages += 1;
        common_all += common;
        gold_all += gold.len();
        ours_all += ours.len();
        worst.push((recall, sha.chars().take(12).collect()));
    }
    assert!(pages > 0, "no pages read");
    let (recall, precision) = (recall_sum / pages as f64, precision_sum / pages as f64);
    let f1 = 2.0 * recall * precision / (recall + precision).max(f64::EPSILON);
    eprintln!(
        "article-extraction: {pages} pages; macro shingle recall {recall:.3}, precision {precision:.3}, F1 {f1:.3}; \
         micro recall {:.3}, precision {:.3}",
        common_all as f64 / gold_all as f64,
        common_all as f64 / ours_all.max(1) as f64
    );
    worst.sort_by(|a, b| a.0.total_cmp(&b.0));
    eprintln!("lowest recall: {:?}", &worst[..worst.len().min(8)]);
    assert!(recall > 0.6, "shingle recall fell to {recall:.3}");
    assert!(precision > 0.3, "shingle precision fell to {precision:.3}");
}

#[test]
fn trafilatura_snippets() {
    let Some(dir) = shared("eval/trafilatura-en") else {
        return;
    };
    let index: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.join("evaldata_en_subset.json")).expect("index readable"),
    )
    .expect("index is JSON");
    let Some(index) = index.as_object() else {
        panic!("index is not an object");
    };
    let normal = |s: &str| words(s).join(" ");
    let (mut with_found, mut with_total, mut without_absent, mut without_total) = (0, 0, 0, 0);
    for entry in index.values() {
        let Some(file) = entry["file"].as_str() else {
            continue;
        };
        let Ok(bytes) = std::fs::read(dir.join("pages").join(format!("{file}.gz"))) else {
            continue;
        };
        let doc = read_page(&format!("{file}.gz"), &bytes);
        let text = normal(&doc.text);
        for snippet in entry["with"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str())
        {
            with_total += 1;
            if text.contains(&normal(snippet)) {
                with_found += 1;
            } else {
                eprintln!("  missing in {file}: {snippet:?}");
            }
        }
        for snippet in entry["without"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str())
        {
            without_total += 1;
            if !text.contains(&normal(snippet)) {
                without_absent += 1;
            } else {
                eprintln!("  unwanted in {file}: {snippet:?}");
            }
        }
    }
    eprintln!(
        "trafilatura-en: must-have snippets found {with_found}/{with_total}, must-not snippets absent {without_absent}/{without_total}"
    );
    assert!(with_total > 0, "no pages read");
    assert!(
        with_found * 2 >= with_total,
        "too few must-have snippets found"
    );
}

/// Lower-cased words of a metadata value, joined by single spaces.
fn normal_words(text: &str) -> String {
    words(text).join(" ")
}

#[test]
fn readability_news_metadata() {
    let Some(dir) = shared("eval/readability-news") else {
        return;
    };
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .expect("readability-news readable")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("expected-metadata.json").exists())
        .collect();
    cases.sort();
    let (mut titles, mut bylines, mut byline_total, mut dates, mut date_total) = (0, 0, 0, 0, 0);
    let (mut body_recall_sum, mut pages) = (0.0, 0usize);
    for case in &cases {
        let name = case
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let expected: serde_json::Value = serde_json::from_slice(
            &std::fs::read(case.join("expected-metadata.json")).expect("metadata readable"),
        )
        .expect("metadata is JSON");
        let Ok(bytes) = std::fs::read(case.join("source.html.gz")) else {
            continue;
        };
        let doc = read_page(&format!("{name}.html.gz"), &bytes);
        pages += 1;
        let title = expected["title"].as_str().unwrap_or_default();
        let ours = doc.title.clone().unwrap_or_default();
        if normal_words(&ours) == normal_words(title)
            || normal_words(title).contains(&normal_words(&ours)) && !ours.is_empty()
        {
            titles += 1;
        } else {
            eprintln!("  title {name}: {ours:?} expected {title:?}");
        }
        if let Some(byline) = expected["byline"].as_str().filter(|b| !b.is_empty()) {
            byline_total += 1;
            let ours = normal_words(doc.author.as_deref().unwrap_or_default());
            let wanted = normal_words(byline);
            if !ours.is_empty() && (wanted.contains(&ours) || ours.contains(&wanted)) {
                bylines += 1;
            } else {
                eprintln!("  byline {name}: {:?} expected {byline:?}", doc.author);
            }
        }
        if let Some(date) = expected["publishedTime"].as_str().and_then(|d| d.get(..10)) {
            date_total += 1;
            let ours = doc.published.map(|d| d.to_string()).unwrap_or_default();
            if ours == date {
                dates += 1;
            } else {
                eprintln!("  date {name}: {ours:?} expected {date:?}");
            }
        }
        // The expected article HTML's text should be covered by ours.
        if let Ok(gz) = std::fs::read(case.join("expected.html.gz")) {
            if let Some(Ok(expected_doc)) = dyad_ingest::read("expected.html.gz", &gz).next() {
                let gold = shingles(&expected_doc.text);
                if !gold.is_empty() {
                    let ours = shingles(&doc.text);
                    body_recall_sum += gold.intersection(&ours).count() as f64 / gold.len() as f64;
                }
            }
        }
    }
    eprintln!(
        "readability-news: {pages} pages; titles {titles}/{pages}, bylines {bylines}/{byline_total}, dates {dates}/{date_total}, mean body recall {:.3}",
        body_recall_sum / pages.max(1) as f64
    );
    assert!(pages > 0, "no pages read");
    assert!(titles * 10 >= pages * 7, "titles fell to {titles}/{pages}");
    assert!(
        bylines * 2 >= byline_total,
        "bylines fell to {bylines}/{byline_total}"
    );
    assert!(
        dates * 10 >= date_total * 7,
        "dates fell to {dates}/{date_total}"
    );
}
