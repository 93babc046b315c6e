//! Golden file of constructions that event coding reads from the parse
//! (`tests/constructions.tsv`): each sentence is analysed by the shipped models and every
//! listed arc is checked. A statistical parser is not perfect, so the test asserts a floor
//! (and prints every miss); the floor only goes up.

use dyad_syntax::Analyzer;

/// Share of listed arcs the shipped model must get right.
const FLOOR: f64 = 0.90;

struct Miss {
    construction: String,
    sentence: String,
    want: String,
    got: String,
}

#[test]
fn constructions_parse_as_expected() {
    let analyzer = Analyzer::from_data(&dyad_data::DataSet::embedded()).expect("models load");
    let table = include_str!("constructions.tsv");
    let (mut right, mut total) = (0usize, 0usize);
    let mut misses = Vec::new();
    for line in table.lines().skip_while(|l| l.starts_with('#')).skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [construction, sentence, arcs] = cols[..] else {
            panic!("bad line: {line}");
        };
        let doc = analyzer.analyze(sentence);
        assert_eq!(doc.sentences.len(), 1, "{sentence}");
        let s = &doc.sentences[0];
        let words: Vec<&str> = doc.layer.tokens[s.tokens.clone()]
            .iter()
            .map(|t| &sentence[t.start..t.end])
            .collect();
        let find = |name: &str| {
            let (w, nth) = name.split_once('#').map_or((name, 1), |(w, n)| {
                (w, n.parse::<usize>().expect("occurrence number"))
            });
            words
                .iter()
                .enumerate()
                .filter(|(_, x)| **x == w)
                .nth(nth - 1)
                .map(|(i, _)| i)
                .unwrap_or_else(|| panic!("{name} is not a word of {sentence:?}"))
        };
        for arc in arcs.split_whitespace() {
            let (dep, rest) = arc.split_once('>').expect("dep>head:rel");
            let (head, rel) = rest.split_once(':').expect("head:rel");
            let d = find(dep);
            let want_head = if head == "ROOT" {
                None
            } else {
                Some(find(head))
            };
            let got_rel = s.rels[d];
            let rel_ok = got_rel.name() == rel || (!rel.contains(':') && got_rel.main() == rel);
            total += 1;
            if s.head(d) == want_head && rel_ok {
                right += 1;
            } else {
                misses.push(Miss {
                    construction: construction.to_string(),
                    sentence: sentence.to_string(),
                    want: arc.to_string(),
                    got: format!("{dep}>{}:{got_rel}", s.head(d).map_or("ROOT", |h| words[h])),
                });
            }
        }
    }
    for m in &misses {
        println!(
            "{} — {}: want {}, got {}",
            m.construction, m.sentence, m.want, m.got
        );
    }
    let share = right as f64 / total.max(1) as f64;
    println!("{right} of {total} arcs right ({:.1}%)", share * 100.0);
    assert!(
        share >= FLOOR,
        "{right}/{total} arcs right, below the floor {FLOOR}"
    );
}
