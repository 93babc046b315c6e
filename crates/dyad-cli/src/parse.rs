//! `dyad parse`: the syntax layer on its own. A `.conllu` input keeps its words (the
//! treebank's tokenisation) and gets dyad's lemma, UPOS, XPOS, head and relation in
//! place of its own (FEATS and DEPS become `_`); any other input is read as plain text,
//! tokenised and split by dyad, and written as CoNLL-U with each token's byte offsets.
//! Output goes to standard output; an input that cannot be read or parsed is reported
//! with its name (and line) and the others go on (exit status 1).

use std::io::{Read, Write};
use std::path::PathBuf;

use clap::Args;

#[derive(Args, Debug)]
pub struct ParseArgs {
    /// A directory of data files (laid out like data/) that override or extend the
    /// embedded ones (models included).
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// `.conllu` files (gold tokens kept) or text files; none, or `-`, reads text from
    /// standard input.
    #[arg(value_name = "INPUT")]
    inputs: Vec<String>,
}

/// Runs the command; returns the exit status.
pub fn run(args: ParseArgs) -> anyhow::Result<u8> {
    let mut data = dyad_core::DataSet::embedded();
    if let Some(dir) = &args.data {
        data = data
            .with_dir(dir)
            .map_err(|e| anyhow::anyhow!("--data {}: {e}", dir.display()))?;
    }
    let analyzer = dyad_core::Analyzer::from_data(&data)?;
    let inputs = if args.inputs.is_empty() {
        vec!["-".to_string()]
    } else {
        args.inputs.clone()
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    for input in &inputs {
        let text = match read(input) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("dyad: {input}: {e}");
                failed = true;
                continue;
            }
        };
        let rendered = if input.ends_with(".conllu") {
            match dyad_text::conllu::parse(input, &text) {
                Ok(mut sentences) => {
                    analyzer.annotate_conllu(&mut sentences);
                    dyad_text::conllu::write(&sentences)
                }
                Err(e) => {
                    eprintln!("dyad: {e}");
                    failed = true;
                    continue;
                }
            }
        } else {
            let mut s = String::new();
            let name = if input == "-" {
                "stdin"
            } else {
                input.as_str()
            };
            analyzer.analyze(&text).write_conllu(&text, name, &mut s);
            s
        };
        if let Err(e) = out.write_all(rendered.as_bytes()) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return Ok(u8::from(failed));
            }
            return Err(e.into());
        }
    }
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {}
    }
    Ok(u8::from(failed))
}

fn read(input: &str) -> std::io::Result<String> {
    let mut bytes = Vec::new();
    if input == "-" {
        std::io::stdin().read_to_end(&mut bytes)?;
    } else {
        bytes = std::fs::read(input)?;
    }
    String::from_utf8(bytes).map_err(|e| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()),
        )
    })
}
