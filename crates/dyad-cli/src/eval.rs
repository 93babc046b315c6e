//! `dyad eval SET PATH`: extracts every gold record of a set and prints the scores of
//! `dyad_eval` as a table (or one JSON object with `--json`).

use std::path::PathBuf;
use std::str::FromStr;

use clap::{Args, ValueEnum};
use dyad_core::{Pipeline, SourceDocument};
use dyad_eval::events::{self, Split};
use dyad_eval::part::Part;
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
    /// Dependency parsing, tags and lemmas against a Universal Dependencies treebank
    /// (a .conllu file; its words are kept).
    Ud,
    /// Every event of whole stories (voa-events): PATH is a directory with
    /// in/<doc_id>.json and gold/<doc_id>.jsonl.
    Events,
}

/// The stories `events` scores: the project's fixed split (stories sorted by doc_id; the
/// one at 0-based index i is held out when i % 3 == 2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum SplitArg {
    /// The stories that are not held out.
    Train,
    /// The held-out stories (their misses are never listed).
    Heldout,
    #[default]
    All,
}

impl SplitArg {
    fn split(self) -> Split {
        match self {
            SplitArg::Train => Split::Train,
            SplitArg::Heldout => Split::Heldout,
            SplitArg::All => Split::All,
        }
    }
}

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// The gold set's kind.
    #[arg(value_enum)]
    set: EvalSet,
    /// The gold file (for `article` and `events`, the gold directory).
    path: PathBuf,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    json: bool,
    /// A directory of data files overriding the embedded ones.
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Also list the records the run got wrong: gold and predicted events (plover, petr2
    /// and events, whose held-out stories are never listed), missing and extra mentions
    /// (ner, ner-conll); in `--json`, a `misses` array.
    #[arg(long)]
    misses: bool,
    /// For `events`: score the train stories, the held-out ones, or all (see docs/eval.md).
    #[arg(long, value_enum)]
    split: Option<SplitArg>,
    /// Score only part K of N of the records, by position (K/N keeps records K, K+N,
    /// K+2N, … counting from 1): `--part 1/2` and `--part 2/2` split a set in halves, one
    /// to study and one to check that a change generalises.
    #[arg(long, value_name = "K/N", value_parser = Part::from_str)]
    part: Option<Part>,
}

/// Prints the report, with the misses after it when asked.
fn print_with_misses(
    args: &EvalArgs,
    report: serde_json::Value,
    table: String,
    misses: serde_json::Value,
    misses_text: String,
) -> anyhow::Result<()> {
    if !args.misses {
        return print(args.json, report, table);
    }
    let mut report = report;
    if let serde_json::Value::Object(map) = &mut report {
        map.insert("misses".into(), misses);
    }
    print(args.json, report, format!("{table}{misses_text}"))
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

/// Prints the JSON object or the table; a closed pipe (`| head`) ends the output quietly.
fn print(json: bool, value: serde_json::Value, table: String) -> anyhow::Result<()> {
    use std::io::Write;
    let text = if json {
        format!("{}\n", serde_json::to_string(&value)?)
    } else {
        table
    };
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// Runs the command; returns the exit status.
pub fn run(args: EvalArgs) -> anyhow::Result<u8> {
    if args.set == EvalSet::Article {
        let report = article_report(&args.path)?;
        print(args.json, serde_json::to_value(&report)?, report.render())?;
        return Ok(0);
    }
    if args.split.is_some() && args.set != EvalSet::Events {
        anyhow::bail!("--split applies to `dyad eval events` only");
    }
    if args.set == EvalSet::Events {
        events_eval(&args)?;
        return Ok(0);
    }
    if args.set == EvalSet::Ud {
        let report = ud_report(&args)?;
        print(args.json, serde_json::to_value(&report)?, report.render())?;
        return Ok(0);
    }
    let name = args.path.display().to_string();
    let text = std::fs::read_to_string(&args.path).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    let pipeline = crate::pipeline(args.data.as_ref())?;
    match args.set {
        EvalSet::Plover => {
            use dyad_eval::plover;
            let gold: Vec<plover::PloverGold> =
                Part::select(dyad_eval::parse_jsonl(&name, &text)?, args.part);
            let extractions: Vec<Extraction> = gold
                .iter()
                .map(|g| extract(&pipeline, &g.id, &g.text, g.published()))
                .collect();
            let report = plover::score(gold.iter().zip(&extractions));
            let misses = plover::misses(gold.iter().zip(&extractions));
            print_with_misses(
                &args,
                serde_json::to_value(&report)?,
                report.render(),
                serde_json::to_value(&misses)?,
                plover::render_misses(&misses),
            )?;
        }
        EvalSet::Petr2 => {
            use dyad_eval::petr2;
            let gold: Vec<petr2::Petr2Gold> =
                Part::select(dyad_eval::parse_jsonl(&name, &text)?, args.part);
            let extractions: Vec<Extraction> = gold
                .iter()
                .map(|g| extract(&pipeline, &g.id, &g.text, g.published()))
                .collect();
            let report = petr2::score(gold.iter().zip(&extractions));
            let misses = petr2::misses(gold.iter().zip(&extractions));
            print_with_misses(
                &args,
                serde_json::to_value(&report)?,
                report.render(),
                serde_json::to_value(&misses)?,
                petr2::render_misses(&misses),
            )?;
        }
        EvalSet::Ner => {
            let gold: Vec<dyad_eval::ner::NerGold> =
                Part::select(dyad_eval::parse_jsonl(&name, &text)?, args.part);
            let extractions: Vec<Extraction> = gold
                .iter()
                .map(|g| extract(&pipeline, &g.id, &g.text, None))
                .collect();
            let report = dyad_eval::ner::score(gold.iter().zip(&extractions));
            let misses = dyad_eval::ner::misses(gold.iter().zip(&extractions));
            print_with_misses(
                &args,
                serde_json::to_value(&report)?,
                report.render(),
                serde_json::to_value(&misses)?,
                dyad_eval::ner::render_misses(&misses),
            )?;
        }
        EvalSet::NerConll => {
            let gold = Part::select(dyad_eval::wikigold::parse_conll(&name, &text)?, args.part);
            let extractions: Vec<Extraction> = gold
                .iter()
                .map(|g| extract(&pipeline, &g.id, &g.text, None))
                .collect();
            let report = dyad_eval::ner::score(gold.iter().zip(&extractions));
            let table = report.render().replacen("re3d", "CoNLL", 1);
            let misses = dyad_eval::ner::misses(gold.iter().zip(&extractions));
            print_with_misses(
                &args,
                serde_json::to_value(&report)?,
                table,
                serde_json::to_value(&misses)?,
                dyad_eval::ner::render_misses(&misses),
            )?;
        }
        EvalSet::Article | EvalSet::Events | EvalSet::Ud => {}
    }
    Ok(0)
}

/// Parses the words of a CoNLL-U treebank with dyad's syntax layer and scores the result.
fn ud_report(args: &EvalArgs) -> anyhow::Result<dyad_eval::ud::UdReport> {
    use dyad_eval::ud::{score, UdWord};
    let name = args.path.display().to_string();
    let text = std::fs::read_to_string(&args.path).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    let gold = Part::select(dyad_text::conllu::parse(&name, &text)?, args.part);
    let mut predicted = gold.clone();
    crate::pipeline(args.data.as_ref())?
        .analyzer()
        .annotate_conllu(&mut predicted);
    let words = |s: &dyad_text::conllu::Sentence| -> Vec<UdWord> {
        s.words
            .iter()
            .map(|w| UdWord {
                form: w.form.clone(),
                lemma: w.lemma.clone(),
                upos: w.upos.clone(),
                xpos: w.xpos.clone(),
                head: w.head,
                deprel: w.deprel.clone(),
            })
            .collect()
    };
    let gold: Vec<Vec<UdWord>> = gold.iter().map(words).collect();
    let predicted: Vec<Vec<UdWord>> = predicted.iter().map(words).collect();
    Ok(score(
        gold.iter()
            .zip(&predicted)
            .map(|(g, p)| (g.as_slice(), p.as_slice())),
    ))
}

/// `dyad eval events DIR`: extracts each story of the split as one document (its
/// publication date as the document's date) and scores it.
fn events_eval(args: &EvalArgs) -> anyhow::Result<()> {
    let split = args.split.unwrap_or_default().split();
    let all = events::read_story_dir(&args.path)?;
    let total = all.len();
    let stories = Part::select(events::split_stories(all, split), args.part);
    let pipeline = crate::pipeline(args.data.as_ref())?;
    let mut extractions = Vec::with_capacity(stories.len());
    for story in &stories {
        let extraction = pipeline.try_extract(SourceDocument {
            id: story.doc_id.clone(),
            title: Some(story.title.clone()).filter(|t| !t.is_empty()),
            text: story.text.clone(),
            published: story.published,
            language: Some("en".into()),
            ..Default::default()
        })?;
        extractions.push(extraction);
    }
    let report = events::score(stories.iter().zip(&extractions));
    let part = args.part.map(|p| p.to_string());
    let selection = format!(
        "split {}{}: {} of {} stories\n",
        split.as_str(),
        part.as_deref()
            .map(|p| format!(", part {p}"))
            .unwrap_or_default(),
        stories.len(),
        total
    );
    let mut value = serde_json::to_value(&report)?;
    if let serde_json::Value::Object(map) = &mut value {
        map.insert("split".into(), split.as_str().into());
        map.insert("part".into(), part.into());
    }
    let table = format!("{selection}{}", report.render());
    let misses = events::misses(stories.iter().zip(&extractions));
    let held_out = stories.iter().filter(|s| s.held_out).count();
    let mut misses_text = events::render_misses(&misses);
    if held_out > 0 {
        misses_text.push_str(&format!(
            "\n(the misses of {held_out} held-out stories are not listed)\n"
        ));
    }
    if args.misses {
        if let serde_json::Value::Object(map) = &mut value {
            map.insert("misses_held_out_not_listed".into(), held_out.into());
        }
    }
    print_with_misses(
        args,
        value,
        table,
        serde_json::to_value(&misses)?,
        misses_text,
    )
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
