//! `dyad eval SET PATH`: extracts every gold record of a set and prints the scores of
//! `dyad_eval` as a table (or one JSON object with `--json`).

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use dyad_core::{Pipeline, SourceDocument};
use dyad_model::{Date, Extraction};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EvalSet {
    /// PLOVER gold sentences (plover-gsr/dev.jsonl).
    Plover,
    /// PETRARCH-2 gold CAMEO triples (petr2-gsr/dev.jsonl).
    Petr2,
    /// re3d entity mentions (ner-re3d/dev.jsonl).
    Ner,
    /// CoNLL NER mentions, PER/ORG/LOC (ner-wikigold/wikigold.conll.txt).
    NerConll,
    /// Article body extraction from web pages: PATH is a directory with ground-truth.json
    /// and html/{id}.html[.gz].
    Article,
}

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// The gold set's kind.
    #[arg(value_enum)]
    set: EvalSet,
    /// The gold file (for `article`, the gold directory).
    path: PathBuf,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    json: bool,
    /// A directory of data files overriding the embedded ones.
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
}

/// Extracts one gold record's text as a document.
fn extract(pipeline: &Pipeline, id: &str, text: &str, published: Option<Date>) -> Extraction {
    pipeline.extract(SourceDocument {
        id: id.to_string(),
        text: text.to_string(),
        published,
        language: Some("en".into()),
        ..Default::default()
    })
}

fn print(json: bool, value: serde_json::Value, table: String) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string(&value)?);
    } else {
        print!("{table}");
    }
    Ok(())
}

/// Runs the command; returns the exit status.
pub fn run(args: EvalArgs) -> anyhow::Result<u8> {
    if args.set == EvalSet::Article {
        let report = article_report(&args.path)?;
        print(args.json, serde_json::to_value(&report)?, report.render())?;
        return Ok(0);
    }
    let name = args.path.display().to_string();
    let text = std::fs::read_to_string(&args.path).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    let pipeline = crate::pipeline(args.data.as_ref())?;
    match args.set {
        EvalSet::Plover => {
            let gold: Vec<dyad_eval::plover::PloverGold> = dyad_eval::parse_jsonl(&name, &text)?;
            let extractions: Vec<Extraction> = gold
                .iter()
                .map(|g| extract(&pipeline, &g.id, &g.text, g.published()))
                .collect();
            let report = dyad_eval::plover::score(gold.iter().zip(&extractions));
            print(args.json, serde_json::to_value(&report)?, report.render())?;
        }
        EvalSet::Petr2 => {
            let gold: Vec<dyad_eval::petr2::Petr2Gold> = dyad_eval::parse_jsonl(&name, &text)?;
            let extractions: Vec<Extraction> = gold
                .iter()
                .map(|g| extract(&pipeline, &g.id, &g.text, g.published()))
                .collect();
            let report = dyad_eval::petr2::score(gold.iter().zip(&extractions));
            print(args.json, serde_json::to_value(&report)?, report.render())?;
        }
        EvalSet::Ner => {
            let gold: Vec<dyad_eval::ner::NerGold> = dyad_eval::parse_jsonl(&name, &text)?;
            let extractions: Vec<Extraction> = gold
                .iter()
                .map(|g| extract(&pipeline, &g.id, &g.text, None))
                .collect();
            let report = dyad_eval::ner::score(gold.iter().zip(&extractions));
            print(args.json, serde_json::to_value(&report)?, report.render())?;
        }
        EvalSet::NerConll => {
            let gold = dyad_eval::wikigold::parse_conll(&name, &text)?;
            let extractions: Vec<Extraction> = gold
                .iter()
                .map(|g| extract(&pipeline, &g.id, &g.text, None))
                .collect();
            let report = dyad_eval::ner::score(gold.iter().zip(&extractions));
            let table = report.render().replacen("re3d", "CoNLL", 1);
            print(args.json, serde_json::to_value(&report)?, table)?;
        }
        EvalSet::Article => {}
    }
    Ok(0)
}

/// Extracts every page of an article-extraction gold directory and scores it.
fn article_report(dir: &std::path::Path) -> anyhow::Result<dyad_eval::article::ArticleReport> {
    let truth_path = dir.join("ground-truth.json");
    let name = truth_path.display().to_string();
    let text = std::fs::read_to_string(&truth_path).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    let gold = dyad_eval::article::parse_ground_truth(&name, &text)?;
    let (mut scores, mut failed) = (Vec::new(), Vec::new());
    for page in &gold {
        let candidates = [
            dir.join("html").join(format!("{}.html.gz", page.id)),
            dir.join("html").join(format!("{}.html", page.id)),
        ];
        let Some(path) = candidates.iter().find(|p| p.exists()) else {
            failed.push((page.id.clone(), "no html/{id}.html[.gz]".to_string()));
            continue;
        };
        let input = path.display().to_string();
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                failed.push((page.id.clone(), e.to_string()));
                continue;
            }
        };
        let read = dyad_ingest::read(&input, &bytes).next();
        match read {
            Some(Ok(doc)) => scores.push(dyad_eval::article::score_page(
                &page.id, &page.body, &doc.text,
            )),
            Some(Err(e)) => failed.push((page.id.clone(), e.to_string())),
            None => failed.push((page.id.clone(), "no document read".to_string())),
        }
    }
    Ok(dyad_eval::article::report(scores, failed))
}
