//! Import of PETRARCH / TABARI dictionaries into dyad's curated tables, so users of those
//! coders keep their lists.
//!
//! - `.actors.txt`: an actor line `NAME_WITH_UNDERSCORES_ [CODE]` (the code may instead
//!   follow on indented `[CODE date]` lines), `+SYNONYM` lines, role lines
//!   `[DZAGOV >030101]`, `[USAGOV 010120-050120]`, `[IGOUNO <991231]` (dates `YYMMDD` or
//!   `YYYYMMDD`), `#` comments and `<!-- -->` lines. A trailing `_` marks a word end.
//! - `.agents.txt`: `PHRASE {PLURAL} [~SECTOR]` lines and substitution sets
//!   `!PERSON! = MAN, MEN, WOMAN` used inside phrases.
//!
//! CAMEO actor codes split into a country (the first three letters: ISO3 or `IGO`, `NGO`,
//! `IMG`, ...) and sector codes (three letters each). Entries whose only code is a bare
//! three-letter country become country aliases; named entries with dated roles or a
//! person's shape become people (one line per role, dates kept); the rest organisations.
//! Nothing here panics on malformed input: lines that cannot be read are reported in
//! [`Import::skipped`].

use std::collections::HashMap;
use std::fmt::Write as _;

use dyad_model::Date;

/// One role of an imported actor: a CAMEO code and the dates it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodedRole {
    /// The full CAMEO actor code ("DZAGOVAGR").
    pub cameo: String,
    /// The country or international code ("DZA", "IGO"), if the code has one.
    pub country: Option<String>,
    /// The PLOVER/CAMEO sector ("GOV", "MIL").
    pub sector: Option<String>,
    pub start: Option<Date>,
    pub end: Option<Date>,
}

/// One actor entry of a dictionary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedActor {
    pub name: String,
    pub aliases: Vec<String>,
    pub roles: Vec<CodedRole>,
}

/// One agent (role word) entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedAgent {
    pub phrase: String,
    pub variants: Vec<String>,
    pub sector: String,
}

/// What an import produced, sorted into dyad's tables.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Import {
    pub people: Vec<ImportedActor>,
    pub organisations: Vec<ImportedActor>,
    /// ISO3 (or other three-letter code) → names.
    pub countries: Vec<ImportedActor>,
    pub agents: Vec<ImportedAgent>,
    /// `file:line: reason` for every line that was not imported.
    pub skipped: Vec<String>,
}

/// Sector codes dyad knows (CAMEO primary and secondary role codes).
const SECTORS: &[&str] = &[
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "JRN", "EDU", "BUS", "CRM",
    "CVL", "LEG", "LAB", "HLH", "AGR", "ELI", "REF", "MOD", "RAD", "NGO", "IGO", "IMG", "UAF",
    "REL", "ENV", "HRI", "DEV", "INS", "SEP", "INT", "CHR", "MUS", "JEW", "BUD", "HIN", "UNO",
    "NGM",
];

/// Words that make an entry an organisation rather than a person.
const ORGANISATION_WORDS: &[&str] = &[
    "of",
    "the",
    "and",
    "for",
    "party",
    "army",
    "front",
    "ministry",
    "council",
    "committee",
    "organization",
    "organisation",
    "agency",
    "union",
    "association",
    "movement",
    "group",
    "forces",
    "force",
    "brigade",
    "brigades",
    "bank",
    "fund",
    "court",
    "commission",
    "company",
    "corporation",
    "institute",
    "league",
    "alliance",
    "government",
    "police",
    "news",
    "radio",
    "television",
    "media",
    "service",
    "office",
    "department",
    "program",
    "programme",
];

/// "KOFI_ATTA_ANNAN_" → "Kofi Atta Annan"; "U.N._" → "U.N."; "IAEA_" → "IAEA".
fn display_name(raw: &str) -> String {
    let words: Vec<&str> = raw
        .split(['_', ' '])
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .collect();
    let single = words.len() == 1;
    words
        .iter()
        .map(|w| {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            let vowels = w.chars().filter(|c| "AEIOUYaeiouy".contains(*c)).count();
            let acronym = w.contains('.') || (single && letters <= 4) || vowels == 0;
            if acronym {
                return w.to_string();
            }
            let lower = w.to_lowercase();
            if !single && matches!(lower.as_str(), "of" | "the" | "and" | "for" | "al" | "de") {
                return lower;
            }
            // Capitalise after start, hyphen and apostrophe: "BAN_KI-MOON" → "Ban Ki-Moon".
            let mut out = String::with_capacity(lower.len());
            let mut upper_next = true;
            for c in lower.chars() {
                if upper_next {
                    out.extend(c.to_uppercase());
                } else {
                    out.push(c);
                }
                upper_next = matches!(c, '-' | '\'' | '(' | '/');
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A dictionary date: `YYMMDD` (years before 40 are 20xx) or `YYYYMMDD`.
fn parse_date(raw: &str) -> Option<Date> {
    if !raw.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (year, rest) = match raw.len() {
        6 => {
            let yy: i16 = raw.get(..2)?.parse().ok()?;
            (if yy < 40 { 2000 + yy } else { 1900 + yy }, raw.get(2..)?)
        }
        8 => (raw.get(..4)?.parse().ok()?, raw.get(4..)?),
        _ => return None,
    };
    let month: i8 = rest.get(..2)?.parse().ok()?;
    let day: i8 = rest.get(2..4)?.parse().ok()?;
    Date::new(year, month, day).ok()
}

/// Splits a CAMEO actor code into country and sector.
fn split_code(code: &str) -> (Option<String>, Option<String>) {
    let code = code.trim().to_ascii_uppercase();
    if code.is_empty() || code.starts_with('-') || !code.is_ascii() {
        return (None, None);
    }
    let chunks: Vec<&str> = (0..code.len() / 3)
        .filter_map(|i| code.get(i * 3..i * 3 + 3))
        .collect();
    let Some(first) = chunks.first() else {
        return (None, None);
    };
    if SECTORS.contains(first) && !matches!(*first, "IGO" | "NGO" | "IMG" | "NGM") {
        // A code with no country ("ELI", "GOV").
        return (None, Some(first.to_string()));
    }
    let country = first.to_string();
    let sector = chunks[1..]
        .iter()
        .find(|c| SECTORS.contains(c) && **c != "UNO")
        .map(|c| c.to_string())
        .or_else(|| matches!(*first, "IGO" | "NGO" | "IMG" | "NGM").then(|| first.to_string()));
    (Some(country), sector)
}

/// Reads the `[...]` groups of a line into roles; reports unreadable ones.
fn roles_in(line: &str, skipped: &mut Vec<String>, at: &str) -> Vec<CodedRole> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let Some(len) = rest[open..].find(']') else {
            skipped.push(format!("{at}: unclosed '['"));
            break;
        };
        let inner = &rest[open + 1..open + len];
        rest = &rest[open + len + 1..];
        let mut parts = inner.split_whitespace();
        let Some(cameo) = parts.next() else { continue };
        if cameo.starts_with('~') {
            continue;
        }
        let (mut start, mut end) = (None, None);
        if let Some(range) = parts.next() {
            let ok = if let Some(d) = range.strip_prefix('>') {
                start = parse_date(d);
                start.is_some()
            } else if let Some(d) = range.strip_prefix('<') {
                end = parse_date(d);
                end.is_some()
            } else if let Some((a, b)) = range.split_once('-') {
                start = parse_date(a);
                end = parse_date(b);
                start.is_some() && end.is_some()
            } else {
                false
            };
            if !ok {
                skipped.push(format!(
                    "{at}: unreadable date range {range:?} (role kept undated)"
                ));
                start = None;
                end = None;
            }
        }
        let (country, sector) = split_code(cameo);
        out.push(CodedRole {
            cameo: cameo.to_string(),
            country,
            sector,
            start,
            end,
        });
    }
    out
}

fn strip_comment(line: &str) -> &str {
    match line.find('#') {
        Some(i) => &line[..i],
        None => line,
    }
}

/// Parses a PETRARCH/TABARI `.actors.txt` file; `file` names it in reports.
pub fn parse_actors(file: &str, text: &str, import: &mut Import) {
    let mut current: Option<ImportedActor> = None;
    let finish = |actor: Option<ImportedActor>, import: &mut Import| {
        if let Some(a) = actor {
            classify(a, import);
        }
    };
    for (n, raw) in text.lines().enumerate() {
        let at = format!("{file}:{}", n + 1);
        let trimmed = raw.trim();
        if trimmed.starts_with("<!") || trimmed.starts_with("-->") {
            continue;
        }
        let line = strip_comment(raw);
        let body = line.trim();
        if body.is_empty() {
            continue;
        }
        if let Some(syn) = body.strip_prefix('+') {
            let name_part = syn.split('[').next().unwrap_or_default();
            match current.as_mut() {
                Some(a) => {
                    let alias = display_name(name_part);
                    if !alias.is_empty() && alias != a.name && !a.aliases.contains(&alias) {
                        a.aliases.push(alias);
                    }
                    let roles = roles_in(syn, &mut import.skipped, &at);
                    a.roles.extend(roles);
                }
                None => import
                    .skipped
                    .push(format!("{at}: synonym before any actor")),
            }
            continue;
        }
        if body.starts_with('[') {
            match current.as_mut() {
                Some(a) => {
                    let roles = roles_in(body, &mut import.skipped, &at);
                    a.roles.extend(roles);
                }
                None => import
                    .skipped
                    .push(format!("{at}: code line before any actor")),
            }
            continue;
        }
        finish(current.take(), import);
        let name = display_name(body.split('[').next().unwrap_or_default());
        if name.is_empty() {
            import.skipped.push(format!("{at}: no name"));
            continue;
        }
        current = Some(ImportedActor {
            name,
            aliases: Vec::new(),
            roles: roles_in(body, &mut import.skipped, &at),
        });
    }
    finish(current.take(), import);
}

/// Sorts one actor into countries, people or organisations.
fn classify(actor: ImportedActor, import: &mut Import) {
    if actor.roles.is_empty() {
        import.skipped.push(format!("{}: no code", actor.name));
        return;
    }
    let bare_country = actor.roles.len() == 1
        && actor.roles[0].cameo.len() == 3
        && actor.roles[0].sector.is_none()
        && actor.roles[0].start.is_none()
        && actor.roles[0].end.is_none();
    let words: Vec<String> = actor
        .name
        .split([' ', '-'])
        .map(|w| w.to_lowercase())
        .collect();
    let organisation_word = words
        .iter()
        .any(|w| ORGANISATION_WORDS.contains(&w.as_str()));
    let acronym = words.len() == 1 && actor.name.chars().all(|c| !c.is_lowercase());
    let dated = actor
        .roles
        .iter()
        .any(|r| r.start.is_some() || r.end.is_some());
    if bare_country && !dated {
        // Country names are words, not acronyms: "IRAN" → "Iran".
        let word_case = |n: &String| {
            if n.chars().all(|c| !c.is_lowercase()) && !n.contains('.') {
                display_name(
                    &n.replace(' ', "_")
                        .to_lowercase()
                        .replace(|c: char| !c.is_alphabetic() && c != '_' && c != '-', ""),
                )
                .split(' ')
                .map(title_word)
                .collect::<Vec<_>>()
                .join(" ")
            } else {
                n.clone()
            }
        };
        let name = word_case(&actor.name);
        let aliases = actor.aliases.iter().map(word_case).collect();
        import.countries.push(ImportedActor {
            name,
            aliases,
            roles: actor.roles,
        });
    } else if !organisation_word && !acronym && (dated || (2..=4).contains(&words.len())) {
        import.people.push(actor);
    } else {
        import.organisations.push(actor);
    }
}

fn title_word(w: &str) -> String {
    let mut cs = w.chars();
    match cs.next() {
        Some(c) => c
            .to_uppercase()
            .chain(cs.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// Parses a PETRARCH `.agents.txt` file.
pub fn parse_agents(file: &str, text: &str, import: &mut Import) {
    let mut sets: HashMap<String, Vec<String>> = HashMap::new();
    for (n, raw) in text.lines().enumerate() {
        let at = format!("{file}:{}", n + 1);
        let trimmed = raw.trim();
        if trimmed.starts_with("<!") {
            continue;
        }
        let body = strip_comment(raw).trim();
        if body.is_empty() {
            continue;
        }
        if body.starts_with('!') {
            if let Some((name, values)) = body.split_once('=') {
                sets.insert(
                    name.trim().to_string(),
                    values
                        .split(',')
                        .map(|v| v.trim().to_string())
                        .filter(|v| !v.is_empty())
                        .collect(),
                );
                continue;
            }
        }
        let Some(open) = body.find("[~") else {
            import.skipped.push(format!("{at}: no [~SECTOR] code"));
            continue;
        };
        let code: String = body[open + 2..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let sector = code.get(..3).unwrap_or(&code).to_string();
        if sector.is_empty() {
            import.skipped.push(format!("{at}: empty sector"));
            continue;
        }
        let head = &body[..open];
        let (phrase, plural) = match head.split_once('{') {
            Some((p, rest)) => (p, rest.split('}').next().unwrap_or_default()),
            None => (head, ""),
        };
        let mut forms = expand(phrase.trim(), &sets);
        forms.extend(
            plural
                .split(',')
                .filter(|p| !p.trim().is_empty())
                .flat_map(|p| expand(p.trim(), &sets)),
        );
        let mut forms: Vec<String> = forms
            .iter()
            .map(|f| f.replace('_', " ").trim().to_lowercase())
            .filter(|f| !f.is_empty())
            .collect();
        forms.dedup();
        if forms.is_empty() {
            import.skipped.push(format!("{at}: no phrase"));
            continue;
        }
        let phrase = forms.remove(0);
        import.agents.push(ImportedAgent {
            phrase,
            variants: forms,
            sector,
        });
    }
}

/// Expands `!SET!` markers: "CATTLE!PERSON!" → "CATTLEMAN", "CATTLEMEN", ...
fn expand(phrase: &str, sets: &HashMap<String, Vec<String>>) -> Vec<String> {
    let Some(start) = phrase.find('!') else {
        return vec![phrase.to_string()];
    };
    let Some(len) = phrase[start + 1..].find('!') else {
        return vec![phrase.replace('!', "")];
    };
    let key = &phrase[start..start + len + 2];
    let Some(values) = sets.get(key) else {
        return vec![phrase.replace(key, "")];
    };
    values
        .iter()
        .flat_map(|v| expand(&phrase.replacen(key, v, 1), sets))
        .collect()
}

fn date_text(d: Option<Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn clean(field: &str) -> String {
    field.replace(['\t', '\n', '|'], " ")
}

impl Import {
    /// `people.tsv` in dyad's curated format (one line per dated role).
    pub fn people_tsv(&self) -> String {
        let mut out = String::from(
            "# Imported from PETRARCH/TABARI actor dictionaries by `dyad actors import`.\nname\taliases\tcountry\tsector\trole\tstart\tend\tcameo\n",
        );
        for p in &self.people {
            let aliases = p
                .aliases
                .iter()
                .map(|a| clean(a))
                .collect::<Vec<_>>()
                .join("|");
            for (k, r) in p.roles.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t\t{}\t{}\t{}",
                    clean(&p.name),
                    if k == 0 { aliases.as_str() } else { "" },
                    r.country.as_deref().unwrap_or(""),
                    r.sector.as_deref().unwrap_or(""),
                    date_text(r.start),
                    date_text(r.end),
                    clean(&r.cameo)
                );
            }
        }
        out
    }

    /// `organisations.tsv` in dyad's curated format (the latest role gives the code).
    pub fn organisations_tsv(&self) -> String {
        let mut out = String::from(
            "# Imported from PETRARCH/TABARI actor dictionaries by `dyad actors import`.\nname\taliases\tcode\tsector\ttype\tkind\tcameo\n",
        );
        for o in &self.organisations {
            let Some(r) = o.roles.iter().max_by_key(|r| r.start) else {
                continue;
            };
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\tORGANIZATION\timported\t{}",
                clean(&o.name),
                o.aliases
                    .iter()
                    .map(|a| clean(a))
                    .collect::<Vec<_>>()
                    .join("|"),
                r.country.as_deref().unwrap_or(""),
                r.sector.as_deref().unwrap_or(""),
                clean(&r.cameo)
            );
        }
        out
    }

    /// `countries-extra.tsv`: names of bare country codes, as aliases.
    pub fn countries_tsv(&self) -> String {
        let mut by_code: Vec<(String, Vec<String>)> = Vec::new();
        for c in &self.countries {
            let code = c.roles[0].cameo.to_ascii_uppercase();
            let names = std::iter::once(&c.name).chain(&c.aliases).map(|a| clean(a));
            match by_code.iter_mut().find(|(k, _)| *k == code) {
                Some((_, list)) => list.extend(names),
                None => by_code.push((code, names.collect())),
            }
        }
        let mut out = String::from(
            "# Imported from PETRARCH/TABARI actor dictionaries by `dyad actors import`.\niso3\tname\taliases\tadjectives\tpeoples\tremove\n",
        );
        for (code, names) in by_code {
            let _ = writeln!(out, "{code}\t{}\t{}\t\t\t", names[0], names[1..].join("|"));
        }
        out
    }

    /// `roles.tsv` from agents: every agent a collective of its sector.
    pub fn roles_tsv(&self) -> String {
        let mut out = String::from(
            "# Imported from PETRARCH agent dictionaries by `dyad actors import`.\nphrase\tvariants\tsector\ttype\tflags\n",
        );
        for a in &self.agents {
            let _ = writeln!(
                out,
                "{}\t{}\t{}\tcollective\t",
                clean(&a.phrase),
                a.variants
                    .iter()
                    .map(|v| clean(v))
                    .collect::<Vec<_>>()
                    .join("|"),
                clean(&a.sector)
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTORS: &str = "# comment\n\
AFGHANISTAN_  [AFG]\n\
+AFGHAN_ \n\
\n\
SAID_BARKAT_  # CountryInfo.txt\n\
+SAID_BARKATT_\n\
\t[DZAGOVAGR 030101-080630]\n\
\t[DZAGOV >100701]\n\
KOFI_ANNAN_\t\n\
\t[IGOUNO 970101-061231] \n\
IAEA_\t[IGOUNOIAE]# Intl Atomic Energy Agency\n\
ABU_NIDAL_ORGANIZATION [IMGMUSALQ]\n\
+FATAH_REVOLUTIONARY_COUNCIL_\n\
BROKEN_ [USAGOV 2004017-20061201]\n\
+ORPHAN\n";

    #[test]
    fn actors_sort_into_tables_with_dates() {
        let mut imp = Import::default();
        parse_actors("t.actors.txt", ACTORS, &mut imp);
        assert_eq!(imp.countries.len(), 1);
        assert_eq!(imp.countries[0].name, "Afghanistan");
        assert_eq!(imp.countries[0].aliases, vec!["Afghan"]);
        let names: Vec<&str> = imp.people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["Said Barkat", "Kofi Annan"]);
        let barkat = &imp.people[0];
        assert_eq!(barkat.aliases, vec!["Said Barkatt"]);
        assert_eq!(barkat.roles.len(), 2);
        assert_eq!(barkat.roles[0].country.as_deref(), Some("DZA"));
        assert_eq!(barkat.roles[0].sector.as_deref(), Some("GOV"));
        assert_eq!(barkat.roles[0].start, Some(jiff::civil::date(2003, 1, 1)));
        assert_eq!(barkat.roles[0].end, Some(jiff::civil::date(2008, 6, 30)));
        assert_eq!(barkat.roles[1].start, Some(jiff::civil::date(2010, 7, 1)));
        assert_eq!(imp.people[1].roles[0].country.as_deref(), Some("IGO"));
        assert_eq!(
            imp.people[1].roles[0].start,
            Some(jiff::civil::date(1997, 1, 1))
        );
        let orgs: Vec<&str> = imp.organisations.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(orgs, vec!["IAEA", "Abu Nidal Organization", "Broken"]);
        assert_eq!(
            imp.organisations[1].roles[0].country.as_deref(),
            Some("IMG")
        );
        // The malformed date is reported, the role kept undated.
        assert!(imp.skipped.iter().any(|s| s.contains("2004017")));
        let tsv = imp.people_tsv();
        assert!(tsv
            .contains("Said Barkat\tSaid Barkatt\tDZA\tGOV\t\t2003-01-01\t2008-06-30\tDZAGOVAGR"));
        assert!(imp
            .organisations_tsv()
            .contains("IAEA\t\tIGO\tIGO\tORGANIZATION"));
        assert!(imp.countries_tsv().contains("AFG\tAfghanistan\tAfghan"));
    }

    #[test]
    fn agents_expand_substitution_sets() {
        let text = "!PERSON! = MAN, MEN\nCATTLE!PERSON! [~AGR]\nPOLICE {} [~COP]\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVJUD] # x\nBROKEN\n";
        let mut imp = Import::default();
        parse_agents("t.agents.txt", text, &mut imp);
        assert_eq!(imp.agents.len(), 3);
        assert_eq!(imp.agents[0].phrase, "cattleman");
        assert_eq!(imp.agents[0].variants, vec!["cattlemen"]);
        assert_eq!(imp.agents[2].phrase, "attorney general");
        assert_eq!(imp.agents[2].variants, vec!["attorneys general"]);
        assert_eq!(imp.agents[2].sector, "GOV");
        assert_eq!(imp.skipped.len(), 1);
        assert!(imp.roles_tsv().contains("police\t\tCOP\tcollective"));
    }

    #[test]
    fn imported_tables_load_into_a_lexicon() {
        let mut imp = Import::default();
        parse_actors("t.actors.txt", ACTORS, &mut imp);
        let mut data = dyad_data::DataSet::empty();
        data.insert("actors/people.tsv", imp.people_tsv());
        data.insert("actors/organisations.tsv", imp.organisations_tsv());
        data.insert("actors/countries-extra.tsv", imp.countries_tsv());
        let lexicon = crate::ActorLexicon::from_data(&data).expect("imported tables parse");
        let text = "Said Barkat met officials in 2009.";
        let layer = dyad_text::analyze(text);
        let actors = lexicon.recognize(text, &layer, Some(jiff::civil::date(2005, 3, 1)));
        let barkat = actors
            .entities
            .iter()
            .find(|e| e.name == "Said Barkat")
            .expect("imported person recognised");
        assert_eq!(barkat.code.as_deref(), Some("DZA"));
    }

    #[test]
    fn shared_petrarch_dictionaries_import() {
        let Some(dir) = dyad_data::shared::path_or_skip(
            "shared_petrarch_dictionaries_import",
            "dictionaries/petrarch2",
        ) else {
            return;
        };
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return;
        };
        let mut imp = Import::default();
        for entry in entries.flatten() {
            let path = entry.path();
            let name = path.display().to_string();
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            if name.ends_with(".actors.txt") {
                parse_actors(&name, &text, &mut imp);
            } else if name.ends_with(".agents.txt") {
                parse_agents(&name, &text, &mut imp);
            }
        }
        eprintln!(
            "imported {} people, {} organisations, {} country entries, {} agents; {} lines skipped",
            imp.people.len(),
            imp.organisations.len(),
            imp.countries.len(),
            imp.agents.len(),
            imp.skipped.len()
        );
        assert!(imp.people.len() > 1000);
        assert!(imp.organisations.len() > 100);
        assert!(imp.agents.len() > 300);
        let annan = imp
            .people
            .iter()
            .find(|p| p.name == "Kofi Annan")
            .expect("Annan");
        assert!(annan
            .roles
            .iter()
            .any(|r| r.country.as_deref() == Some("IGO")));
        // Every table parses back.
        let mut data = dyad_data::DataSet::empty();
        data.insert("actors/people.tsv", imp.people_tsv());
        data.insert("actors/organisations.tsv", imp.organisations_tsv());
        data.insert("actors/roles.tsv", imp.roles_tsv());
        crate::ActorLexicon::from_data(&data).expect("imported tables parse");
    }
}
