//! Induces trigger entries (`data/events/triggers-induced.tsv`) from stories annotated under
//! the `voa-events` guidelines: the verbs and nouns that the annotators mark as triggers of
//! one PLOVER type often enough, and seldom use otherwise, become trigger entries beside
//! the hand-written ones of `events/triggers.tsv`. The learned type decision
//! (`train_event_filter`, retrained after this) then decides each candidate they propose.
//!
//! ```text
//! cargo run --release -p dyad-cli --example induce_triggers -- data/events/triggers-induced.tsv \
//!     ../shared/eval/voa-events:train ../shared/train/synthetic-events \
//!     train/events/cnc train/events/re3d
//! ```
//!
//! Sets and `DIR:train`, `--hold-part K/N` and `--data DIR` work as in
//! `train_event_filter`. A gold trigger is found in its sentence (case-insensitive) and its
//! syntactic head, a verb or a noun, stands for it (its lemma). A lemma becomes an entry
//! when it heads triggers at least `--min-count` times (default 3), when one type has at
//! least 60 % of those, and when at least `--min-precision` (default 0.4) of all the
//! lemma's uses as that part of speech in the sets are triggers of that type; lemmas that
//! a hand-written entry already starts with are left to it. A noun's recipient
//! prepositions are the ones that open the gold recipient right after it at least twice.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use dyad_core::{phrase_head, DataSet, EventLexicon, EventType, Pipeline, SentenceDoc};
use dyad_eval::events::{read_training_set, Story};
use dyad_eval::part::Part;
use dyad_text::Upos;

struct Options {
    out: String,
    sets: Vec<String>,
    hold: Option<Part>,
    data: Option<String>,
    min_count: usize,
    min_precision: f64,
}

fn parse_args() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let mut opts = Options {
        out: String::new(),
        sets: Vec::new(),
        hold: None,
        data: None,
        min_count: 3,
        min_precision: 0.4,
    };
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--data" => opts.data = Some(value("--data")?),
            "--min-count" => {
                let v = value("--min-count")?;
                opts.min_count = v.parse().map_err(|_| format!("--min-count: {v}"))?;
            }
            "--min-precision" => {
                let v = value("--min-precision")?;
                opts.min_precision = v.parse().map_err(|_| format!("--min-precision: {v}"))?;
            }
            "--hold-part" => {
                let v = value("--hold-part")?;
                opts.hold = Some(v.parse::<Part>().map_err(|e| format!("--hold-part: {e}"))?);
            }
            _ => positional.push(a),
        }
    }
    if positional.len() < 2 {
        return Err("usage: induce_triggers OUT.tsv SET[:train]... [--hold-part K/N] [--data DIR] [--min-count N] [--min-precision P]".into());
    }
    opts.out = positional.remove(0);
    opts.sets = positional;
    Ok(opts)
}

/// A verb or noun lemma (the part of speech as the trigger file writes it: `V` or `N`).
type Key = (String, &'static str);

fn key(s: &SentenceDoc, k: usize) -> Option<Key> {
    let pos = match s.tags[k].upos {
        Upos::Verb => "V",
        Upos::Noun => "N",
        _ => return None,
    };
    let lemma = s.lemmas[k].to_lowercase();
    lemma
        .chars()
        .all(|c| c.is_alphabetic() || c == '-')
        .then_some((lemma, pos))
}

/// The prepositions that may open a recipient.
const PREPOSITIONS: &[&str] = &[
    "about", "against", "at", "between", "by", "for", "from", "in", "into", "of", "on", "over",
    "to", "toward", "towards", "with",
];

/// The dictionary form of a lemma the suffix rules cut short ("endors" for "endorsed",
/// "boycot" for "boycotted"): the variant with a final "e" or a doubled last letter
/// when that one, not the lemma, is a word of the sets.
fn dictionary_form(lemma: &str, words: &HashMap<String, usize>) -> String {
    if words.get(lemma).copied().unwrap_or(0) > 0 {
        return lemma.to_string();
    }
    let last = lemma.chars().last().map(String::from).unwrap_or_default();
    [format!("{lemma}e"), format!("{lemma}{last}")]
        .into_iter()
        .filter(|w| words.get(w).copied().unwrap_or(0) > 0)
        .max_by_key(|w| words[w])
        .unwrap_or_else(|| lemma.to_string())
}

/// What the sets say of one lemma.
#[derive(Default)]
struct Counts {
    uses: usize,
    /// Trigger heads by type (a token counted once per type).
    types: BTreeMap<EventType, usize>,
    /// Words opening the gold recipient right after the trigger.
    preps: BTreeMap<String, usize>,
}

/// The general CAMEO code of a PLOVER type (an induced entry's code).
fn general_code(t: EventType) -> &'static str {
    use EventType::*;
    match t {
        Agree => "030",
        Consult => "040",
        Support => "050",
        Cooperate => "060",
        Aid => "070",
        Concede => "080",
        Retreat => "084",
        Request => "100",
        Accuse => "110",
        Reject => "120",
        Threaten => "130",
        Protest => "140",
        Mobilize => "150",
        Sanction => "160",
        Coerce => "170",
        Assault => "180",
    }
}

/// Counts the lemmas of one story: every verb and noun use, and the heads of its gold
/// triggers.
fn count_story(
    pipeline: &Pipeline,
    story: &Story,
    counts: &mut HashMap<Key, Counts>,
    words: &mut HashMap<String, usize>,
) {
    let analysis = pipeline.analyze(&story.text);
    for t in &analysis.layer.tokens {
        *words.entry(t.text(&story.text).to_lowercase()).or_default() += 1;
    }
    let sentences = &analysis.sentences;
    for s in sentences {
        for k in 0..s.len() {
            if let Some(key) = key(s, k) {
                counts.entry(key).or_default().uses += 1;
            }
        }
    }
    let tokens = &analysis.layer.tokens;
    let mut seen: HashSet<(usize, usize, EventType)> = HashSet::new();
    for gold in &story.sentences {
        let text = story.sentence_text(gold);
        let lower = text.to_lowercase();
        for e in &gold.events {
            let Some(at) = lower.find(&e.trigger.to_lowercase()) else {
                continue;
            };
            let (start, end) = (gold.start + at, gold.start + at + e.trigger.len());
            let Some(si) = sentences
                .iter()
                .position(|s| s.span.start <= start && start < s.span.end)
            else {
                continue;
            };
            let s = &sentences[si];
            let local: Vec<usize> = (0..s.len())
                .filter(|&k| {
                    let t = &tokens[s.tokens.start + k];
                    t.start < end && start < t.end
                })
                .collect();
            let (Some(&first), Some(&last)) = (local.first(), local.last()) else {
                continue;
            };
            let head = phrase_head(s, first, last + 1);
            let head = if key(s, head).is_some() {
                head
            } else {
                match local.iter().copied().find(|&k| key(s, k).is_some()) {
                    Some(k) => k,
                    None => continue,
                }
            };
            let Some(key) = key(s, head) else { continue };
            if !seen.insert((si, head, e.kind)) {
                continue;
            }
            let c = counts.entry(key).or_default();
            *c.types.entry(e.kind).or_default() += 1;
            // "attacks on Kharkiv": the word before the recipient, right after the trigger.
            let recipient = e.recipient.as_ref().and_then(|r| r.text.as_deref());
            if let Some(r) = recipient {
                let after = &lower[(at + e.trigger.len()).min(lower.len())..];
                let words: Vec<&str> = after.split_whitespace().take(6).collect();
                let first_word = r.to_lowercase();
                let first_word = first_word.split_whitespace().next().unwrap_or("");
                if let Some(p) = words.iter().position(|w| *w == first_word) {
                    if p == 1 || (p == 2 && words[1] == "the") {
                        *c.preps.entry(words[0].to_string()).or_default() += 1;
                    }
                }
            }
        }
    }
}

fn main() {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("induce_triggers: {e}");
            std::process::exit(2);
        }
    };
    let data = match &opts.data {
        Some(dir) => DataSet::embedded().with_dir(Path::new(dir)),
        None => Ok(DataSet::embedded()),
    };
    let loaded = data.map_err(|e| e.to_string()).and_then(|d| {
        let pipeline = Pipeline::from_data(&d).map_err(|e| e.to_string())?;
        let events = EventLexicon::from_data(&d).map_err(|e| e.to_string())?;
        Ok((pipeline, events))
    });
    let (pipeline, events) = match loaded {
        Ok(x) => x,
        Err(e) => {
            eprintln!("induce_triggers: {e}");
            std::process::exit(1);
        }
    };
    // Lemmas a hand-written entry starts with, by part of speech.
    let written: HashSet<Key> = events
        .lexicon()
        .triggers
        .iter()
        .filter(|t| !t.file.ends_with("induced.tsv"))
        .filter_map(|t| {
            let first = t.pattern.split_whitespace().next()?.to_lowercase();
            let pos = if t.pos.is_verb() { "V" } else { "N" };
            Some((first, pos))
        })
        .collect();
    let mut counts: HashMap<Key, Counts> = HashMap::new();
    let mut words: HashMap<String, usize> = HashMap::new();
    let mut summary = Vec::new();
    for set in &opts.sets {
        let stories = match read_training_set(set, opts.hold) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("induce_triggers: {set}: {e}");
                std::process::exit(1);
            }
        };
        for (n, story) in stories.iter().enumerate() {
            count_story(&pipeline, story, &mut counts, &mut words);
            if (n + 1) % 100 == 0 {
                eprintln!("  {set}: {} of {} stories", n + 1, stories.len());
            }
        }
        eprintln!("{set}: {} stories", stories.len());
        summary.push(format!("{set}: {} stories", stories.len()));
    }
    // Lemmas the suffix rules cut short join their dictionary form.
    let mut merged: HashMap<Key, Counts> = HashMap::new();
    for ((lemma, pos), c) in counts {
        let m = merged
            .entry((dictionary_form(&lemma, &words), pos))
            .or_default();
        m.uses += c.uses;
        for (t, n) in c.types {
            *m.types.entry(t).or_default() += n;
        }
        for (p, n) in c.preps {
            *m.preps.entry(p).or_default() += n;
        }
    }
    let mut rows: Vec<(Key, EventType, usize, usize, usize, Vec<String>)> = Vec::new();
    for (key, c) in &merged {
        let total: usize = c.types.values().sum();
        let Some((&t, &n)) = c
            .types
            .iter()
            .max_by_key(|(t, n)| (**n, std::cmp::Reverse(**t)))
        else {
            continue;
        };
        let precision = n as f64 / c.uses.max(1) as f64;
        if n < opts.min_count
            || (n as f64) < 0.6 * total as f64
            || precision < opts.min_precision
            || written.contains(key)
        {
            continue;
        }
        let preps: Vec<String> = c
            .preps
            .iter()
            .filter(|(p, n)| **n >= 2 && PREPOSITIONS.contains(&p.as_str()))
            .map(|(p, _)| p.clone())
            .collect();
        rows.push((key.clone(), t, n, total, c.uses, preps));
    }
    rows.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
    let mut out = String::new();
    out.push_str("# Trigger entries induced from annotated stories (do not edit: regenerate).\n");
    out.push_str(&format!(
        "# cargo run --release -p dyad-cli --example induce_triggers -- OUT {}{} --min-count {} --min-precision {}\n",
        opts.sets.join(" "),
        opts.hold
            .map(|part| format!(" --hold-part {part}"))
            .unwrap_or_default(),
        opts.min_count,
        opts.min_precision
    ));
    for line in &summary {
        out.push_str(&format!("# {line}\n"));
    }
    out.push_str(
        "# Columns as in triggers.tsv; lemmas a hand-written entry starts with are left to it.\n# Each entry's comment:\n",
    );
    out.push_str("# triggers of its type / triggers it heads / uses of the lemma in the sets.\n");
    out.push_str("# licence: derived from the sets above (see data/README.md)\n");
    out.push_str("pattern\tpos\tevent\tcameo\tmode\tpreps\tcomplement\texample\n");
    for ((lemma, pos), t, n, total, uses, preps) in &rows {
        out.push_str(&format!("# {n} / {total} / {uses}\n"));
        out.push_str(&format!(
            "{lemma}\t{pos}\t{}\t{}\t\t{}\t\t\n",
            t.as_str(),
            general_code(*t),
            preps.join("|")
        ));
    }
    if let Err(e) = std::fs::write(&opts.out, out) {
        eprintln!("induce_triggers: {}: {e}", opts.out);
        std::process::exit(1);
    }
    eprintln!("wrote {} entries to {}", rows.len(), opts.out);
}
