//! Loading the event lexicon from the data files: triggers (`events/triggers.tsv`) with
//! their generated inflections (`events/irregular_verbs.tsv`), cue words
//! (`events/cues.tsv`) and context keywords (`events/contexts.tsv`).

use std::collections::{HashMap, HashSet};

use dyad_data::{DataError, DataSet};
use dyad_model::EventType;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::cameo::CameoTable;

/// How a trigger's pattern is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pos {
    /// A verb whose direct object is the recipient.
    Verb,
    /// A verb whose recipient follows one of its prepositions.
    VerbIntransitive,
    /// A noun: actor to its left (or possessive), recipient after its prepositions.
    Noun,
    /// A fixed phrase, matched literally.
    Phrase,
}

impl Pos {
    pub fn is_verb(self) -> bool {
        matches!(self, Pos::Verb | Pos::VerbIntransitive)
    }
}

/// What a verb does with an event verb in its "to ..." complement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Complement {
    /// No special treatment.
    None,
    /// The complement is this event's content: one event.
    Absorb,
    /// This verb only marks intent: the complement's event, in the future.
    Intent,
    /// An investigation in this verb's purpose clause is the event ("sent inspectors to
    /// Iran to monitor the plant" investigates; the sending is its means).
    Purpose,
    /// The events named in this phrase's subject are its content ("lifting the sanctions
    /// is out of the question" rejects the lifting).
    Subject,
    /// Followed by a verb, this verb only helps it along: "helped rebuild the school" is
    /// the rebuilding, "help identify victims" no aid of its own.
    Auxiliary,
    /// A judgement ("unconstitutional", "politically motivated"): whoever calls something
    /// so, or says it is so, criticises whose it is ([`crate::roles::evaluation_parties`]).
    Evaluation,
}

/// One slot of a pattern: alternatives for one word, or a gap.
#[derive(Clone, Debug, PartialEq)]
pub enum Slot {
    Words(Vec<String>),
    /// Up to this many words of any kind (not clause punctuation).
    Gap(usize),
}

/// One entry of `events/triggers.tsv`.
#[derive(Clone, Debug)]
pub struct TriggerEntry {
    /// The pattern as written.
    pub pattern: String,
    pub slots: Vec<Slot>,
    pub pos: Pos,
    pub event: EventType,
    pub cameo: String,
    pub mode: Option<String>,
    pub preps: Vec<String>,
    pub complement: Complement,
    pub example: Option<String>,
    /// The data file it is from and its line there.
    pub file: &'static str,
    pub line: usize,
    /// Past participle forms of the head verb (for passive detection).
    pub participles: Vec<String>,
    /// What the verb's object must be for it to name this event (`object` column).
    pub object: ObjectFrame,
    /// Contexts (`events/contexts.tsv`) of which the sentence must have one for the entry
    /// to propose an event (`context` column; empty: any sentence). "test" is a weapons
    /// test only beside a weapon word.
    pub contexts: Vec<String>,
}

/// What a verb trigger asks of its object (the `object` column of `events/triggers.tsv`,
/// read in the parse by [`crate::roles::drop_non_events`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ObjectFrame {
    /// `needed`: the verb names the event only with an object, or as a passive or a
    /// reduced relative ("returned the bodies", "the bodies were returned"; not "returned
    /// to Kabul").
    pub needed: bool,
    /// `no-information`: an object that is information (`information` in
    /// `events/cues.tsv`: "released a report", "no evidence was released") names no event.
    pub no_information: bool,
    /// `no-hazard`: an object that is a hazard or a social ill (`hazard` in
    /// `events/cues.tsv`: "battled the blazes", "fight corruption") names no event.
    pub no_hazard: bool,
    /// `to-clause`: the verb or noun names the event only with a "to" infinitive
    /// complement ("told the council to draft rules", "its threat to impose tariffs"; not
    /// "told reporters", "a threat to the region").
    pub to_clause: bool,
    /// `possessor-undergoes`: a noun whose possessor is who undergoes the act, not who
    /// does it ("the journalist's arrest", "his release"), unless an "of" phrase names
    /// that one ("the junta's release of prisoners").
    pub possessor_undergoes: bool,
    /// `party`: the verb names the event only when its object is a party: a person or
    /// group the text names, a pronoun or a name ("caught 30 rebels", "eliminated the
    /// commander"; not "caught fire", "eliminate tariffs").
    pub party: bool,
}

/// A cue phrase and its scope in words before the trigger (`None`: the whole clause).
#[derive(Clone, Debug, PartialEq)]
pub struct Cue {
    pub words: Vec<String>,
    pub scope: Option<usize>,
}

/// The cue lists by kind.
#[derive(Clone, Debug, Default)]
pub struct Cues {
    pub negation: Vec<Cue>,
    /// Negations by which an actor refuses an act rather than reports it undone
    /// (`refusal`: "will not", "does not"; [`crate::modality::is_refusal`]).
    pub refusal: Vec<Cue>,
    pub future: Vec<Cue>,
    /// Future cues by which the actor itself promises or declares itself willing
    /// (`promise`: "pledged to", "is ready to"); they are among [`Cues::future`] too.
    pub promise: Vec<Cue>,
    pub future_if_reported: Vec<Cue>,
    pub hypothetical: Vec<Cue>,
    pub hedge: Vec<Cue>,
    /// Inflected forms of reporting verbs, each with its lemma.
    pub report: HashMap<String, String>,
    /// Lemmas of the reporting verbs (`claim` in the cue file) whose speaker asserts
    /// without proof: what they report is alleged ("Hamas claimed that ...").
    pub claiming: HashSet<String>,
    pub according: Vec<Cue>,
    pub denial_object: Vec<Cue>,
    pub request_modal: Vec<String>,
    /// Words that type a source (`source_anonymous`, `source_state_media`, ...), in file
    /// order, each with its type (`anonymous`, `state_media`, ...).
    pub source_types: Vec<(Cue, String)>,
    /// Forms of the nouns for attacks, weapons and unnamed attackers (`inanimate`): as a
    /// subject they say how something was struck, not who acted.
    pub inanimate: HashSet<String>,
    /// What a reporter asks for (`press_request`: "comment", "interview"): a request for
    /// it is journalism, not a political event.
    pub press_request: HashSet<String>,
    /// Lemmas that make the event they modify or hold planned (`planned`: "the planned
    /// talks", "upcoming elections", "sanctions … are pending"), read in the parse.
    pub planned: HashSet<String>,
    /// Lemmas of predicates that say an event takes place (`occurrence`: "tariffs could
    /// follow", "talks will resume", "an attack may be imminent"): an event noun as their
    /// subject has their modality.
    pub occurrence: HashSet<String>,
    /// Lemmas of verbs whose subject undergoes the event their object names (`receiving`:
    /// "received aid from Japan", "faced criticism from rights groups"): the "from" party
    /// acts, the subject receives.
    pub receiving: HashSet<String>,
    /// Forms of nouns for information — reports, statements, data (`information`): what
    /// is published, not freed or given ([`ObjectFrame::no_information`]).
    pub information: HashSet<String>,
    /// Forms of nouns for hazards and social ills — fires, floods, disease, corruption
    /// (`hazard`): what is fought without a party on the other side
    /// ([`ObjectFrame::no_hazard`]).
    pub hazard: HashSet<String>,
    /// Lemmas of warning verbs and nouns (`warning`): their threat depends on what follows.
    pub warning: HashSet<String>,
    /// Lemmas that make a warning a threat (`threat_content`: "consequences", "response").
    pub threat_content: HashSet<String>,
    /// Lemmas of verbs that characterise their object rather than perform it
    /// (`characterising`: "poses a threat", "constitutes an attack").
    pub characterising: HashSet<String>,
    /// Verbs that stop what their object names (`stopping`, lemmas with their regular
    /// forms: "halted arms shipments", "froze the loans"): aid stopped is a sanction.
    pub stopping: HashSet<String>,
    /// Lemmas of verbs that pass a judgement on their object ("called the verdict
    /// arbitrary", "described the conditions as inhumane"; `evaluating`).
    pub evaluating: HashSet<String>,
    /// Lemmas of linking verbs other than "be" ("has become illegitimate"; `linking`).
    pub linking: HashSet<String>,
}

/// Everything the coder reads from the data files.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    pub cameo: CameoTable,
    pub triggers: Vec<TriggerEntry>,
    /// First-word forms → trigger entries that start with them.
    pub by_first_word: FxHashMap<String, Vec<usize>>,
    pub cues: Cues,
    /// Context keywords: (words, prefix match on the last word, context).
    pub contexts: Vec<(Vec<String>, bool, String)>,
    /// Indices into `contexts` by exact first word (all but one-word prefix keywords),
    /// and the one-word prefix keywords: [`crate::contexts::keyword_contexts`] reads each
    /// token once instead of trying every keyword at every token.
    pub contexts_by_first: FxHashMap<String, Vec<usize>>,
    pub contexts_prefix: Vec<usize>,
    /// ISO 3166-1 alpha-3 codes of countries (from `actors/countries.tsv`, with the
    /// supplement's renames), to tell a country code from an organisation's or a
    /// region's, and each country's name.
    pub countries: HashMap<String, String>,
    /// Phrases that look like triggers but are not events ("press release").
    pub non_events: Vec<Cue>,
    /// Nouns that name a claim or accusation (`events/charge-nouns.tsv`).
    pub charge_nouns: FxHashSet<String>,
}

impl Lexicon {
    /// Whether `code` is a country's ISO code.
    pub fn is_country(&self, code: &str) -> bool {
        self.countries.contains_key(code)
    }

    /// The name of the country of `code` ("AFG" → "Afghanistan").
    pub fn country_name(&self, code: &str) -> Option<&str> {
        self.countries.get(code).map(String::as_str)
    }
}

/// Verb forms: third person, past, participle, gerund.
#[derive(Clone, Debug, Default)]
pub struct VerbForms {
    pub forms: Vec<String>,
    pub participles: Vec<String>,
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The lemma exceptions of the syntax layer (`syntax/lemmas.tsv`, from the treebank, as
/// [`dyad_syntax::Lemmatizer`] reads them) hold the irregular forms of verbs that
/// `events/irregular_verbs.tsv` does not list ("wrote", "written" of "write"): each such
/// verb gets its regular forms and those. A form that ends in neither -s nor -ing may be a
/// participle. The hand-written table wins for the verbs it lists.
fn add_treebank_verb_forms(
    data: &DataSet,
    irregular: &mut HashMap<String, VerbForms>,
) -> Result<(), DataError> {
    let lemmatizer = dyad_syntax::Lemmatizer::from_data(data)?;
    let mut extra: HashMap<String, VerbForms> = HashMap::new();
    let plain = |w: &str| w.chars().all(|c| c.is_ascii_lowercase());
    for (form, lemma) in lemmatizer.verb_exceptions() {
        if irregular.contains_key(lemma) || !plain(form) || !plain(lemma) || form == lemma {
            continue;
        }
        let forms = extra
            .entry(lemma.to_string())
            .or_insert_with(|| regular_forms(lemma));
        if !forms.forms.iter().any(|f| f == form) {
            forms.forms.push(form.to_string());
            if !form.ends_with('s') && !form.ends_with("ing") {
                forms.participles.push(form.to_string());
            }
        }
    }
    irregular.extend(extra);
    Ok(())
}

/// Regular inflections of `lemma` (over-generating where spelling is ambiguous: both
/// "targeted" and "targetted" are listed; the extra form is harmless).
pub fn regular_forms(lemma: &str) -> VerbForms {
    let chars: Vec<char> = lemma.chars().collect();
    let n = chars.len();
    let last = chars.last().copied().unwrap_or(' ');
    let before = if n >= 2 { chars[n - 2] } else { ' ' };
    let stem_without_last: String = chars[..n.saturating_sub(1)].iter().collect();
    let mut third = Vec::new();
    let mut past = Vec::new();
    let mut gerund = Vec::new();
    if lemma.ends_with('s')
        || lemma.ends_with('x')
        || lemma.ends_with('z')
        || lemma.ends_with("ch")
        || lemma.ends_with("sh")
    {
        third.push(format!("{lemma}es"));
    } else if last == 'y' && !is_vowel(before) {
        third.push(format!("{stem_without_last}ies"));
    } else {
        third.push(format!("{lemma}s"));
    }
    if last == 'e' {
        past.push(format!("{lemma}d"));
        if lemma.ends_with("ie") {
            let stem: String = chars[..n - 2].iter().collect();
            gerund.push(format!("{stem}ying"));
        } else if lemma.ends_with("ee") || lemma.ends_with("ye") || lemma.ends_with("oe") {
            gerund.push(format!("{lemma}ing"));
        } else {
            gerund.push(format!("{stem_without_last}ing"));
        }
    } else if last == 'y' && !is_vowel(before) {
        past.push(format!("{stem_without_last}ied"));
        gerund.push(format!("{lemma}ing"));
    } else {
        past.push(format!("{lemma}ed"));
        gerund.push(format!("{lemma}ing"));
        let third_last = if n >= 3 { chars[n - 3] } else { ' ' };
        if !is_vowel(last)
            && !matches!(last, 'w' | 'x' | 'y')
            && is_vowel(before)
            && !is_vowel(third_last)
        {
            past.push(format!("{lemma}{last}ed"));
            gerund.push(format!("{lemma}{last}ing"));
        }
    }
    let mut forms = vec![lemma.to_string()];
    forms.extend(third);
    forms.extend(past.iter().cloned());
    forms.extend(gerund);
    VerbForms {
        forms,
        participles: past,
    }
}

/// Plural forms of a noun (the singular included).
pub fn noun_forms(noun: &str) -> Vec<String> {
    let mut out = vec![noun.to_string()];
    let chars: Vec<char> = noun.chars().collect();
    let n = chars.len();
    if noun.ends_with('s') {
        return out;
    }
    if noun.ends_with('x') || noun.ends_with("ch") || noun.ends_with("sh") {
        out.push(format!("{noun}es"));
    } else if n >= 2 && chars[n - 1] == 'y' && !is_vowel(chars[n - 2]) {
        let stem: String = chars[..n - 1].iter().collect();
        out.push(format!("{stem}ies"));
    } else {
        out.push(format!("{noun}s"));
    }
    out
}

fn fold_phrase(s: &str) -> String {
    words(s).join(" ")
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(dyad_text::normalize::fold)
        .collect()
}

fn cue(s: &str, scope: Option<&str>) -> Cue {
    Cue {
        words: words(s),
        scope: match scope {
            Some("clause") => None,
            Some(n) => n.parse().ok().or(Some(4)),
            None => Some(4),
        },
    }
}

impl Lexicon {
    pub fn from_data(data: &DataSet) -> Result<Lexicon, DataError> {
        let cameo = CameoTable::from_table(&data.table("events/cameo.tsv")?)?;

        let irregular_file = "events/irregular_verbs.tsv";
        let mut irregular: HashMap<String, VerbForms> = HashMap::new();
        for r in &data.table(irregular_file)?.records {
            let lemma = r
                .get("lemma")
                .ok_or_else(|| r.error(irregular_file, "missing lemma"))?;
            let mut forms = vec![lemma.to_string()];
            let mut participles = Vec::new();
            for col in ["third", "past", "participle", "gerund"] {
                for f in r.list(col) {
                    forms.push(f.to_string());
                    if col != "third" && col != "gerund" {
                        participles.push(f.to_string());
                    }
                }
            }
            irregular.insert(lemma.to_string(), VerbForms { forms, participles });
        }
        add_treebank_verb_forms(data, &mut irregular)?;

        let mut triggers = Vec::new();
        read_triggers(data, TRIGGER_FILE, &cameo, &irregular, &mut triggers)?;
        if data.get(INDUCED_TRIGGER_FILE).is_some() {
            read_triggers(
                data,
                INDUCED_TRIGGER_FILE,
                &cameo,
                &irregular,
                &mut triggers,
            )?;
        }
        let mut by_first_word: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (i, t) in triggers.iter().enumerate() {
            if let Some(Slot::Words(ws)) = t.slots.first() {
                for w in ws {
                    let list = by_first_word.entry(w.clone()).or_default();
                    if !list.contains(&i) {
                        list.push(i);
                    }
                }
            }
        }

        let cue_file = "events/cues.tsv";
        let mut cues = Cues::default();
        let mut non_events = Vec::new();
        for r in &data.table(cue_file)?.records {
            let phrase = r
                .get("cue")
                .ok_or_else(|| r.error(cue_file, "missing cue"))?;
            let kind = r.get("kind").unwrap_or("");
            let c = cue(phrase, r.get("scope"));
            match kind {
                "negation" => cues.negation.push(c),
                "refusal" => cues.refusal.push(c),
                "future" => cues.future.push(c),
                "promise" => {
                    cues.promise.push(c.clone());
                    cues.future.push(c);
                }
                "future_if_reported" => cues.future_if_reported.push(c),
                "hypothetical" => cues.hypothetical.push(c),
                "hedge" => cues.hedge.push(c),
                "according" => cues.according.push(c),
                "denial_object" => cues.denial_object.push(c),
                "request_modal" => cues.request_modal.push(phrase.to_string()),
                "not_event" => non_events.push(c),
                "inanimate" => cues.inanimate.extend(noun_forms(&fold_phrase(phrase))),
                "information" => cues.information.extend(noun_forms(&fold_phrase(phrase))),
                "hazard" => cues.hazard.extend(noun_forms(&fold_phrase(phrase))),
                "characterising" => {
                    cues.characterising.insert(fold_phrase(phrase));
                }
                "stopping" => {
                    // The lemma and its regular forms, for where the tagger misreads the
                    // verb ("halted" read as an adjective).
                    cues.stopping
                        .extend(regular_forms(&fold_phrase(phrase)).forms);
                }
                "warning" => {
                    cues.warning.insert(fold_phrase(phrase));
                }
                "threat_content" => {
                    cues.threat_content.insert(fold_phrase(phrase));
                }
                "evaluating" => {
                    cues.evaluating.insert(fold_phrase(phrase));
                }
                "linking" => {
                    cues.linking.insert(fold_phrase(phrase));
                }
                "press_request" => {
                    cues.press_request.insert(fold_phrase(phrase));
                }
                "planned" => {
                    cues.planned.insert(fold_phrase(phrase));
                }
                "occurrence" => {
                    cues.occurrence.insert(fold_phrase(phrase));
                }
                "receiving" => {
                    cues.receiving.insert(fold_phrase(phrase));
                }
                k if k.starts_with("source_") && k.len() > "source_".len() => {
                    cues.source_types
                        .push((c, k["source_".len()..].to_string()));
                }
                "report" | "claim" => {
                    let vf = irregular
                        .get(phrase)
                        .cloned()
                        .unwrap_or_else(|| regular_forms(phrase));
                    for f in vf.forms {
                        cues.report.insert(f, phrase.to_string());
                    }
                    if kind == "claim" {
                        cues.claiming.insert(phrase.to_string());
                    }
                }
                other => {
                    return Err(r.error(cue_file, format!("unknown cue kind {other:?}")));
                }
            }
        }

        let context_file = "events/contexts.tsv";
        let mut contexts = Vec::new();
        for r in &data.table(context_file)?.records {
            let keyword = r
                .get("keyword")
                .ok_or_else(|| r.error(context_file, "missing keyword"))?;
            let context = r
                .get("context")
                .ok_or_else(|| r.error(context_file, "missing context"))?;
            let prefix = keyword.ends_with('*');
            let ws = words(keyword.trim_end_matches('*'));
            contexts.push((ws, prefix, context.to_string()));
        }

        let mut countries: HashMap<String, String> = HashMap::new();
        for file in ["actors/countries.tsv", "actors/countries-extra.tsv"] {
            let Ok(table) = data.table(file) else {
                continue;
            };
            for r in &table.records {
                if let Some(code) = r.get("iso3") {
                    let name = countries.entry(code.to_string()).or_default();
                    if let Some(n) = r.get("name") {
                        *name = n.to_string();
                    }
                    if name.is_empty() {
                        *name = code.to_string();
                    }
                }
            }
        }

        let mut contexts_by_first: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        let mut contexts_prefix = Vec::new();
        for (i, (words, prefix, _)) in contexts.iter().enumerate() {
            match words.as_slice() {
                [] => {}
                [_] if *prefix => contexts_prefix.push(i),
                [first, ..] => contexts_by_first.entry(first.clone()).or_default().push(i),
            }
        }
        Ok(Lexicon {
            cameo,
            triggers,
            by_first_word,
            cues,
            contexts,
            contexts_by_first,
            contexts_prefix,
            countries,
            non_events,
            charge_nouns: dyad_actors::charge_nouns(data)?,
        })
    }
}

/// The trigger file.
pub const TRIGGER_FILE: &str = "events/triggers.tsv";

/// Trigger entries induced from annotated stories (`induce_triggers`), read after the
/// hand-written ones; optional.
pub const INDUCED_TRIGGER_FILE: &str = "events/triggers-induced.tsv";

/// Reads the trigger entries of one file into `triggers`.
fn read_triggers(
    data: &DataSet,
    trigger_file: &'static str,
    cameo: &CameoTable,
    irregular: &HashMap<String, VerbForms>,
    triggers: &mut Vec<TriggerEntry>,
) -> Result<(), DataError> {
    for r in &data.table(trigger_file)?.records {
        let err = |m: String| r.error(trigger_file, m);
        let pattern = r
            .get("pattern")
            .ok_or_else(|| err("missing pattern".into()))?;
        let pos = match r.get("pos").unwrap_or("") {
            "V" => Pos::Verb,
            "VI" => Pos::VerbIntransitive,
            "N" => Pos::Noun,
            "P" => Pos::Phrase,
            other => return Err(err(format!("unknown pos {other:?} (V, VI, N, P)"))),
        };
        let event_name = r.get("event").ok_or_else(|| err("missing event".into()))?;
        let event = EventType::parse(event_name)
            .ok_or_else(|| err(format!("unknown PLOVER event {event_name:?}")))?;
        let code = r.get("cameo").ok_or_else(|| err("missing cameo".into()))?;
        if cameo.get(code).is_none() {
            return Err(err(format!("CAMEO code {code} is not in events/cameo.tsv")));
        }
        let complement = match r.get("complement") {
            None => Complement::None,
            Some("absorb") => Complement::Absorb,
            Some("intent") => Complement::Intent,
            Some("purpose") => Complement::Purpose,
            Some("subject") => Complement::Subject,
            Some("auxiliary") => Complement::Auxiliary,
            Some("evaluation") => Complement::Evaluation,
            Some(other) => return Err(err(format!("unknown complement {other:?}"))),
        };
        let mut object = ObjectFrame::default();
        for flag in r.list("object") {
            match flag {
                "needed" => object.needed = true,
                "no-information" => object.no_information = true,
                "no-hazard" => object.no_hazard = true,
                "to-clause" => object.to_clause = true,
                "possessor-undergoes" => object.possessor_undergoes = true,
                "party" => object.party = true,
                other => return Err(err(format!("unknown object requirement {other:?}"))),
            }
        }
        let pattern_words = words(pattern);
        if pattern_words.is_empty() || pattern_words[0] == "*" {
            return Err(err("a pattern must start with a word".into()));
        }
        let last = pattern_words.len() - 1;
        let mut participles = Vec::new();
        let mut slots = Vec::new();
        for (k, w) in pattern_words.iter().enumerate() {
            if w == "*" {
                slots.push(Slot::Gap(3));
                continue;
            }
            let alternatives = match pos {
                Pos::Verb | Pos::VerbIntransitive if k == 0 => {
                    let vf = irregular
                        .get(w.as_str())
                        .cloned()
                        .unwrap_or_else(|| regular_forms(w));
                    participles = vf.participles.clone();
                    vf.forms
                }
                Pos::Noun if k == last => noun_forms(w),
                _ => vec![w.clone()],
            };
            slots.push(Slot::Words(alternatives));
        }
        triggers.push(TriggerEntry {
            pattern: pattern.to_string(),
            slots,
            pos,
            event,
            cameo: code.to_string(),
            mode: r.get("mode").map(str::to_string),
            preps: r.list("preps").into_iter().map(str::to_string).collect(),
            complement,
            example: r.get("example").map(str::to_string),
            file: trigger_file,
            line: r.line,
            participles,
            object,
            contexts: r.list("context").into_iter().map(str::to_string).collect(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generates_regular_inflections() {
        let f = regular_forms("agree").forms;
        for w in ["agree", "agrees", "agreed", "agreeing"] {
            assert!(f.contains(&w.to_string()), "{w} in {f:?}");
        }
        let f = regular_forms("stop").forms;
        assert!(f.contains(&"stopped".to_string()));
        let f = regular_forms("carry").forms;
        assert!(f.contains(&"carries".to_string()) && f.contains(&"carried".to_string()));
        let f = regular_forms("accuse").forms;
        assert!(f.contains(&"accusing".to_string()) && f.contains(&"accused".to_string()));
        let f = regular_forms("push").forms;
        assert!(f.contains(&"pushes".to_string()));
        assert_eq!(noun_forms("strike"), vec!["strike", "strikes"]);
        assert_eq!(noun_forms("talks"), vec!["talks"]);
        assert_eq!(noun_forms("inquiry"), vec!["inquiry", "inquiries"]);
    }

    #[test]
    fn embedded_lexicon_loads_with_irregulars() {
        let lex = Lexicon::from_data(&DataSet::embedded()).unwrap();
        assert!(lex.triggers.len() > 300, "{} triggers", lex.triggers.len());
        assert!(lex.cameo.len() > 250);
        assert!(lex.by_first_word.contains_key("met"));
        assert!(lex.by_first_word.contains_key("withdrew"));
        assert!(lex.by_first_word.contains_key("sought"));
        assert_eq!(lex.cues.report.get("said").map(String::as_str), Some("say"));
        // Irregular forms the hand-written table lacks come from the treebank's lemmas.
        assert_eq!(
            lex.cues.report.get("wrote").map(String::as_str),
            Some("write")
        );
        assert_eq!(
            lex.cues.report.get("written").map(String::as_str),
            Some("write")
        );
    }

    #[test]
    fn bad_trigger_rows_name_file_and_line() {
        let mut data = DataSet::embedded();
        data.insert(
            "events/triggers.tsv",
            "pattern\tpos\tevent\tcameo\nmeet\tV\tNOPE\t040\n",
        );
        let err = Lexicon::from_data(&data).unwrap_err().to_string();
        assert!(err.starts_with("events/triggers.tsv:2"), "{err}");
    }

    #[test]
    fn induced_entries_follow_the_written_ones_and_are_optional() {
        let mut data = DataSet::embedded();
        data.insert(
            "events/triggers.tsv",
            "pattern\tpos\tevent\tcameo\nmeet\tV\tCONSULT\t040\n",
        );
        data.insert(
            INDUCED_TRIGGER_FILE,
            "# induced\npattern\tpos\tevent\tcameo\tmode\tpreps\n# 4 / 5 / 9\nscuffle\tN\tASSAULT\t180\t\tbetween\n",
        );
        let lex = Lexicon::from_data(&data).unwrap();
        let files: Vec<(&str, &str, usize)> = lex
            .triggers
            .iter()
            .map(|t| (t.pattern.as_str(), t.file, t.line))
            .collect();
        assert_eq!(
            files,
            [
                ("meet", TRIGGER_FILE, 2),
                ("scuffle", INDUCED_TRIGGER_FILE, 4)
            ]
        );
        assert_eq!(lex.triggers[1].preps, ["between"]);
        // A bad induced row names its own file.
        data.insert(
            INDUCED_TRIGGER_FILE,
            "pattern\tpos\tevent\tcameo\nx\tQ\tASSAULT\t180\n",
        );
        let err = Lexicon::from_data(&data).unwrap_err().to_string();
        assert!(err.starts_with("events/triggers-induced.tsv:2"), "{err}");
    }
}
