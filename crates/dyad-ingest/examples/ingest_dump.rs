//! Prints what dyad-ingest reads from the files named on the command line: metadata, the
//! cleaned text and every removal. For looking at pages by hand:
//! `cargo run -p dyad-ingest --example ingest_dump -- page.html.gz`.

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        for doc in dyad_ingest::read(&path, &bytes) {
            match doc {
                Ok(doc) => {
                    println!(
                        "== {} | title {:?} | published {:?} | url {:?} | lang {:?} | source {:?}",
                        doc.id,
                        doc.title,
                        doc.published.map(|d| d.to_string()),
                        doc.url,
                        doc.language,
                        doc.source
                    );
                    println!("{}", doc.text);
                    for r in &doc.removed {
                        println!("-- removed [{}]: {}", r.rule, r.text);
                    }
                }
                Err(e) => eprintln!("{e}"),
            }
        }
    }
}
