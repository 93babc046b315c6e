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
    /// Article body extraction from web pages (not implemented yet).
    Article,
}

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// The gold set's kind.
    #[arg(value_enum)]
    set: EvalSet,
    /// The gold file.
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
        eprintln!("dyad eval article: not implemented yet: comes with web ingestion");
        return Ok(crate::EXIT_USAGE);
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
        EvalSet::Article => {}
    }
    Ok(0)
}
