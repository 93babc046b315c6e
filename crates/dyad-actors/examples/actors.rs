//! Prints the actors of a text file (or standard input): every entity with its mentions,
//! then every listed mention. Usage: `cargo run -p dyad-actors --example actors -- FILE
//! [YYYY-MM-DD]`.

use std::io::Read;

use dyad_actors::ActorLexicon;
use dyad_data::DataSet;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let text = match args.next() {
        Some(path) if path != "-" => std::fs::read_to_string(path)?,
        _ => {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s)?;
            s
        }
    };
    let published = args.next().map(|d| d.parse()).transpose()?;
    let lexicon = ActorLexicon::from_data(&DataSet::embedded())?;
    let layer = dyad_text::analyze(&text);
    let actors = lexicon.recognize(&text, &layer, published);
    for e in &actors.entities {
        let mentions: Vec<&str> = e.mentions.iter().map(|m| m.text.as_str()).collect();
        println!(
            "{} {:?} {:?} code={:?} sector={:?} role={:?} geo={} members={:?} {:?}",
            e.id,
            e.kind,
            e.name,
            e.code,
            e.sector,
            e.role,
            e.geo.is_some(),
            e.members,
            mentions
        );
    }
    for m in &actors.mentions {
        println!(
            "  s{} {:?} {:?} -> {}",
            m.sentence,
            m.kind,
            &text[m.span.start..m.span.end],
            actors.entities[m.entity].id
        );
    }
    Ok(())
}
