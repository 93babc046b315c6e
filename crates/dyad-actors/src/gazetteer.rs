//! Loads the actor data files (`data/actors/*.tsv`) into plain records: countries (merged
//! with the hand-written supplement), places, organisations, role words and dated people.
//!
//! Nothing here matches text; [`crate::lexicon`] indexes these records for matching.

use std::collections::HashMap;

use dyad_data::{DataError, DataSet, Record};
use dyad_model::{Date, EntityType, Geo};
use rustc_hash::FxHashSet;

/// One country with every way the text may name it.
#[derive(Clone, Debug)]
pub struct Country {
    pub iso3: String,
    pub name: String,
    /// Other names ("Russian Federation", "the US").
    pub aliases: Vec<String>,
    /// Adjectives and singular demonyms ("Russian", "North Korean").
    pub adjectives: Vec<String>,
    /// Plural people forms ("Russians", "Americans").
    pub peoples: Vec<String>,
}

/// What kind of place a [`Place`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceKind {
    Capital,
    City,
    Region,
}

/// A city or region with coordinates.
#[derive(Clone, Debug)]
pub struct Place {
    pub name: String,
    pub aliases: Vec<String>,
    /// ISO3 of the country it lies in.
    pub country: String,
    pub geo: Geo,
    pub kind: PlaceKind,
    /// Number of inhabitants, when the data gives it.
    pub population: Option<u64>,
    /// Whether the place comes from the hand-written supplement (which wins ties).
    pub curated: bool,
}

/// An organisation or named group.
#[derive(Clone, Debug)]
pub struct Organisation {
    pub name: String,
    pub aliases: Vec<String>,
    /// The actor code its mentions get: the home country (ISO3), or for a body of no one
    /// country its group followed by its own code (`IGONAT`, `NGOAMN`), or a group code
    /// of the table as it stands (`WST`, `IMGMOS`, or `IGO` for a line without `org`).
    pub code: Option<String>,
    pub sector: Option<String>,
    pub kind: EntityType,
    /// The organisation's own stable code (`org` column: `NAT`, `UNO`, `HMS`).
    pub org: Option<String>,
    /// What sort of organisation it is (`kind` column: `igo`, `ngo`, `armed`, `media`...).
    pub org_type: Option<String>,
    /// Its full CAMEO actor code for exports (`cameo` column: `IGOWSTNAT`).
    pub cameo: Option<String>,
    /// Its home country (ISO3), when it belongs to one: the `code` column unless that is a
    /// group or bloc code.
    pub home: Option<String>,
}

/// What a role phrase does in a noun phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleKind {
    /// A person's title ("president", "defence minister", "Gen.").
    Title,
    /// A body ("government", "state media", "army").
    Body,
    /// A collective of people ("officials", "troops", "protesters").
    Collective,
    /// A word that may stand inside a role phrase without setting the sector ("interim",
    /// "former", "deputy").
    Modifier,
    /// A plural reference to several earlier actors ("the two nations").
    Plural(PluralOf),
    /// The head of a definite description of one earlier actor ("the country", "the
    /// bloc"): it names an actor only after "the" and in lower case.
    Definite(DefiniteOf),
}

/// Which earlier entities a plural reference stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PluralOf {
    Countries,
    People,
    Actors,
}

/// Which earlier entity a definite description stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefiniteOf {
    /// A country ("the country", "the kingdom").
    Country,
    /// An international body ("the bloc", "the alliance", "the world body").
    Body,
}

/// One role phrase.
#[derive(Clone, Debug)]
pub struct Role {
    pub phrase: String,
    pub sector: Option<String>,
    pub kind: RoleKind,
    /// The phrase makes a descriptor on its own, with no country or name ("officials").
    pub alone: bool,
    /// A generic head ("officials", "leader") that yields to a more specific sector word
    /// before it ("military officials" → MIL).
    pub generic: bool,
    /// Matches lower-case text only ("a British national", never "the National Party").
    pub lower: bool,
    /// The actor code the phrase implies when no country modifies it: IGO for
    /// "peacekeepers", NGO for "a human rights group" (flags `igo`, `ngo`).
    pub body_code: Option<String>,
}

/// One dated role of a known person.
#[derive(Clone, Debug)]
pub struct Tenure {
    pub country: Option<String>,
    pub sector: Option<String>,
    pub role: Option<String>,
    pub start: Option<Date>,
    pub end: Option<Date>,
}

/// A known person and their tenures (several lines of `people.tsv` with the same name).
#[derive(Clone, Debug)]
pub struct Person {
    pub name: String,
    pub aliases: Vec<String>,
    pub tenures: Vec<Tenure>,
}

impl Person {
    /// The tenure in force on `date`; else the latest one that began before it; with no
    /// date, the latest tenure.
    pub fn tenure_on(&self, date: Option<Date>) -> Option<&Tenure> {
        let latest = || self.tenures.iter().max_by_key(|t| t.start);
        let Some(d) = date else {
            return latest();
        };
        let began = |t: &&Tenure| t.start.is_none_or(|s| s <= d);
        self.tenures
            .iter()
            .filter(began)
            .filter(|t| t.end.is_none_or(|e| d < e))
            .max_by_key(|t| t.start)
            .or_else(|| self.tenures.iter().filter(began).max_by_key(|t| t.start))
            .or_else(latest)
    }
}

/// All actor data.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    pub countries: Vec<Country>,
    pub places: Vec<Place>,
    pub organisations: Vec<Organisation>,
    pub roles: Vec<Role>,
    pub people: Vec<Person>,
    /// Given names (folded) that start a personal name ("sergei", "mary").
    pub given_names: std::collections::HashSet<String>,
    /// The words that decide what an unknown capitalised run is (`actors/name-words.tsv`).
    pub names: crate::people::NameWords,
    /// Nouns that name a claim (`events/charge-nouns.tsv`, the events' list): "it" opening
    /// a charge's "that" clause after a denial is the denier.
    pub charge_nouns: FxHashSet<String>,
    /// Index of each place by (name, country), for supplements.
    place_keys: HashMap<(String, String), usize>,
}

/// The dotted form of an initialism of two to four capitals ("DRC" → "D.R.C."), if
/// `alias` is one.
fn dotted(alias: &str) -> Option<String> {
    let initialism =
        (2..=4).contains(&alias.len()) && alias.bytes().all(|b| b.is_ascii_uppercase());
    initialism.then(|| alias.chars().flat_map(|c| [c, '.']).collect())
}

const COUNTRIES: &str = "actors/countries.tsv";
const COUNTRIES_EXTRA: &str = "actors/countries-extra.tsv";
const PLACES: &str = "actors/places.tsv";
const PLACES_EXTRA: &str = "actors/places-extra.tsv";
const ORGANISATIONS: &str = "actors/organisations.tsv";
const ROLES: &str = "actors/roles.tsv";
const PEOPLE: &str = "actors/people.tsv";
const GIVEN_NAMES: [&str; 2] = ["actors/given-names.tsv", "actors/given-names-extra.tsv"];

impl Gazetteer {
    /// Reads every actor table present in `data`; missing optional files are empty.
    pub fn load(data: &DataSet) -> Result<Gazetteer, DataError> {
        let mut g = Gazetteer::default();
        g.load_countries(data)?;
        g.names = crate::people::NameWords::load(data)?;
        g.charge_nouns = charge_nouns(data)?;
        for file in [PLACES, PLACES_EXTRA] {
            if data.get(file).is_some() {
                g.load_places(data, file)?;
            }
        }
        if data.get(ORGANISATIONS).is_some() {
            g.load_organisations(data)?;
        }
        if data.get(ROLES).is_some() {
            g.load_roles(data)?;
        }
        if data.get(PEOPLE).is_some() {
            g.load_people(data)?;
        }
        for file in GIVEN_NAMES {
            if data.get(file).is_some() {
                for r in data.table(file)?.records {
                    g.given_names
                        .insert(dyad_text::normalize::fold(required(&r, file, "name")?));
                }
            }
        }
        Ok(g)
    }

    fn load_countries(&mut self, data: &DataSet) -> Result<(), DataError> {
        let mut by_iso: HashMap<String, usize> = HashMap::new();
        if data.get(COUNTRIES).is_some() {
            for r in data.table(COUNTRIES)?.records {
                let iso3 = required(&r, COUNTRIES, "iso3")?.to_string();
                let name = required(&r, COUNTRIES, "name")?.to_string();
                by_iso.insert(iso3.clone(), self.countries.len());
                self.countries.push(Country {
                    iso3,
                    name,
                    aliases: owned(r.list("aliases")),
                    adjectives: owned(r.list("adjectives")),
                    peoples: Vec::new(),
                });
            }
        }
        if data.get(COUNTRIES_EXTRA).is_some() {
            for r in data.table(COUNTRIES_EXTRA)?.records {
                let iso3 = required(&r, COUNTRIES_EXTRA, "iso3")?.to_string();
                let i = match by_iso.get(&iso3) {
                    Some(&i) => i,
                    None => {
                        let name = required(&r, COUNTRIES_EXTRA, "name")?.to_string();
                        by_iso.insert(iso3.clone(), self.countries.len());
                        self.countries.push(Country {
                            iso3: iso3.clone(),
                            name,
                            aliases: Vec::new(),
                            adjectives: Vec::new(),
                            peoples: Vec::new(),
                        });
                        self.countries.len() - 1
                    }
                };
                let c = &mut self.countries[i];
                if let Some(name) = r.get("name") {
                    if name != c.name {
                        let old = std::mem::replace(&mut c.name, name.to_string());
                        c.aliases.push(old);
                    }
                }
                // `remove` drops generated names before the row adds its own, so a row
                // can move a word between columns ("Thai": an adjective, not a name).
                let remove: Vec<String> =
                    r.list("remove").iter().map(|s| s.to_lowercase()).collect();
                if !remove.is_empty() {
                    c.aliases.retain(|a| !remove.contains(&a.to_lowercase()));
                    c.adjectives.retain(|a| !remove.contains(&a.to_lowercase()));
                    c.peoples.retain(|a| !remove.contains(&a.to_lowercase()));
                }
                c.aliases.extend(owned(r.list("aliases")));
                c.adjectives.extend(owned(r.list("adjectives")));
                c.peoples.extend(owned(r.list("peoples")));
            }
        }
        for c in &mut self.countries {
            // Plural people forms of "-an"/"-i" adjectives ("Russians", "Israelis").
            let derived: Vec<String> = c
                .adjectives
                .iter()
                .filter(|a| a.ends_with('n') || a.ends_with('i'))
                .map(|a| format!("{a}s"))
                .collect();
            for d in derived {
                if !c.peoples.iter().any(|p| p.eq_ignore_ascii_case(&d)) {
                    c.peoples.push(d);
                }
            }
            // News writes initialisms with or without points ("DRC" and "D.R.C.").
            let dotted: Vec<String> = c.aliases.iter().filter_map(|a| dotted(a)).collect();
            for d in dotted {
                if !c.aliases.contains(&d) {
                    c.aliases.push(d);
                }
            }
        }
        Ok(())
    }

    fn load_places(&mut self, data: &DataSet, file: &str) -> Result<(), DataError> {
        for r in data.table(file)?.records {
            let name = required(&r, file, "name")?.to_string();
            let country = required(&r, file, "country")?.to_string();
            let lat = number(&r, file, "lat")?;
            let lon = number(&r, file, "lon")?;
            let geonameid = match r.get("geonameid") {
                Some(v) => Some(
                    v.parse::<u64>()
                        .map_err(|_| r.error(file, format!("geonameid {v:?} is not a number")))?,
                ),
                None => None,
            };
            let kind = match r.get("kind").unwrap_or("city") {
                "capital" => PlaceKind::Capital,
                "city" => PlaceKind::City,
                "region" => PlaceKind::Region,
                other => return Err(r.error(file, format!("unknown place kind {other:?}"))),
            };
            // A supplement line for a place already listed only adds its aliases.
            let key = (name.clone(), country.clone());
            if let Some(&known) = self.place_keys.get(&key) {
                self.places[known].aliases.extend(owned(r.list("aliases")));
                continue;
            }
            let population = match r.get("population") {
                Some(v) => Some(
                    v.parse::<u64>()
                        .map_err(|_| r.error(file, format!("population {v:?} is not a number")))?,
                ),
                None => None,
            };
            self.place_keys.insert(key, self.places.len());
            self.places.push(Place {
                population,
                curated: file == PLACES_EXTRA,
                name,
                aliases: owned(r.list("aliases")),
                country,
                geo: Geo {
                    lat,
                    lon,
                    geonameid,
                },
                kind,
            });
        }
        Ok(())
    }

    /// Only the organisations of `data` (none when it has no organisations table).
    pub fn organisations(data: &DataSet) -> Result<Vec<Organisation>, DataError> {
        let mut g = Gazetteer::default();
        if data.get(ORGANISATIONS).is_some() {
            g.load_organisations(data)?;
        }
        Ok(g.organisations)
    }

    fn load_organisations(&mut self, data: &DataSet) -> Result<(), DataError> {
        for r in data.table(ORGANISATIONS)?.records {
            let kind = match r.get("type").unwrap_or("ORGANIZATION") {
                "ORGANIZATION" => EntityType::Organization,
                "GROUP" => EntityType::Group,
                other => {
                    return Err(r.error(ORGANISATIONS, format!("unknown entity type {other:?}")))
                }
            };
            let org = r.get("org").map(str::to_string);
            if let Some(o) = &org {
                let valid = (1..=8).contains(&o.len())
                    && o.chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
                if !valid {
                    return Err(r.error(
                        ORGANISATIONS,
                        format!("org code {o:?}: 1 to 8 capital letters or digits"),
                    ));
                }
            }
            let group = r.get("code");
            let code = match (group, &org) {
                (Some(g), Some(o)) if dyad_model::codes::ORGANISATION_GROUPS.contains(&g) => {
                    Some(format!("{g}{o}"))
                }
                (g, _) => g.map(str::to_string),
            };
            self.organisations.push(Organisation {
                name: required(&r, ORGANISATIONS, "name")?.to_string(),
                aliases: owned(r.list("aliases")),
                code,
                sector: r.get("sector").map(str::to_string),
                kind,
                org,
                org_type: r.get("kind").map(str::to_string),
                cameo: r.get("cameo").map(str::to_string),
                home: group
                    .filter(|g| {
                        g.len() == 3
                            && !dyad_model::codes::ORGANISATION_GROUPS.contains(g)
                            && *g != "WST"
                    })
                    .map(str::to_string),
            });
        }
        Ok(())
    }

    /// The listed country whose ISO3 code is `code`.
    pub fn country_index(&self, code: &str) -> Option<usize> {
        self.countries.iter().position(|c| c.iso3 == code)
    }

    fn load_roles(&mut self, data: &DataSet) -> Result<(), DataError> {
        for r in data.table(ROLES)?.records {
            let kind = match required(&r, ROLES, "type")? {
                "title" => RoleKind::Title,
                "body" => RoleKind::Body,
                "collective" => RoleKind::Collective,
                "modifier" => RoleKind::Modifier,
                "plural-countries" => RoleKind::Plural(PluralOf::Countries),
                "plural-people" => RoleKind::Plural(PluralOf::People),
                "plural-actors" => RoleKind::Plural(PluralOf::Actors),
                "definite-country" => RoleKind::Definite(DefiniteOf::Country),
                "definite-body" => RoleKind::Definite(DefiniteOf::Body),
                other => return Err(r.error(ROLES, format!("unknown role type {other:?}"))),
            };
            let flags = r.list("flags");
            for phrase in std::iter::once(required(&r, ROLES, "phrase")?).chain(r.list("variants"))
            {
                self.roles.push(Role {
                    phrase: phrase.to_string(),
                    sector: r.get("sector").map(str::to_string),
                    kind,
                    alone: flags.contains(&"alone"),
                    generic: flags.contains(&"generic"),
                    lower: flags.contains(&"lower"),
                    body_code: ["igo", "ngo"]
                        .iter()
                        .find(|f| flags.contains(f))
                        .map(|f| f.to_ascii_uppercase()),
                });
            }
        }
        Ok(())
    }

    fn load_people(&mut self, data: &DataSet) -> Result<(), DataError> {
        let mut by_name: HashMap<String, usize> = HashMap::new();
        for r in data.table(PEOPLE)?.records {
            let name = required(&r, PEOPLE, "name")?.to_string();
            let tenure = Tenure {
                country: r.get("country").map(str::to_string),
                sector: r.get("sector").map(str::to_string),
                role: r.get("role").map(str::to_string),
                start: date(&r, PEOPLE, "start")?,
                end: date(&r, PEOPLE, "end")?,
            };
            let i = *by_name.entry(name.clone()).or_insert_with(|| {
                self.people.push(Person {
                    name,
                    aliases: Vec::new(),
                    tenures: Vec::new(),
                });
                self.people.len() - 1
            });
            let p = &mut self.people[i];
            for a in r.list("aliases") {
                if !p.aliases.iter().any(|x| x == a) {
                    p.aliases.push(a.to_string());
                }
            }
            p.tenures.push(tenure);
        }
        Ok(())
    }
}

fn owned(v: Vec<&str>) -> Vec<String> {
    v.into_iter().map(str::to_string).collect()
}

/// The folded nouns of `events/charge-nouns.tsv`, nouns that name a claim ("claims",
/// "allegations"); none when the data has no such file. The one reader of that list: the
/// coreference here and the event coder's denials both use it.
pub fn charge_nouns(data: &DataSet) -> Result<FxHashSet<String>, DataError> {
    const FILE: &str = "events/charge-nouns.tsv";
    let mut nouns = FxHashSet::default();
    if data.get(FILE).is_some() {
        for r in data.table(FILE)?.records {
            nouns.insert(dyad_text::normalize::fold(required(&r, FILE, "noun")?));
        }
    }
    Ok(nouns)
}

fn required<'a>(r: &'a Record, file: &str, col: &str) -> Result<&'a str, DataError> {
    r.get(col)
        .ok_or_else(|| r.error(file, format!("column {col:?} is empty")))
}

fn number(r: &Record, file: &str, col: &str) -> Result<f64, DataError> {
    let v = required(r, file, col)?;
    v.parse::<f64>()
        .map_err(|_| r.error(file, format!("{col} {v:?} is not a number")))
}

fn date(r: &Record, file: &str, col: &str) -> Result<Option<Date>, DataError> {
    match r.get(col) {
        None => Ok(None),
        Some(v) => v
            .parse::<Date>()
            .map(Some)
            .map_err(|_| r.error(file, format!("{col} {v:?} is not a date (YYYY-MM-DD)"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initialisms_also_match_with_points() {
        assert_eq!(dotted("DRC").as_deref(), Some("D.R.C."));
        assert_eq!(dotted("UK").as_deref(), Some("U.K."));
        for no in ["Chad", "USSR-era", "U.S.", "A", "NATOS"] {
            assert_eq!(dotted(no), None, "{no}");
        }
    }

    fn set(files: &[(&str, &str)]) -> DataSet {
        let mut d = DataSet::empty();
        for (k, v) in files {
            d.insert(k, *v);
        }
        d
    }

    #[test]
    fn supplement_merges_renames_and_removes() {
        let d = set(&[
            (COUNTRIES, "iso3\tname\taliases\tadjectives\nGBR\tUnited Kingdom\tWales\tBritish\n"),
            (
                COUNTRIES_EXTRA,
                "iso3\tname\taliases\tadjectives\tpeoples\tremove\nGBR\t\tUK|Britain\t\tBritons\tWales\nXKX\tKosovo\t\tKosovan\t\t\n",
            ),
        ]);
        let g = Gazetteer::load(&d).unwrap();
        let gbr = &g.countries[0];
        assert_eq!(gbr.aliases, vec!["UK", "Britain", "U.K."]);
        assert_eq!(gbr.peoples, vec!["Britons"]);
        assert_eq!(g.countries[1].peoples, vec!["Kosovans"]);
    }

    #[test]
    fn remove_moves_a_word_from_name_to_adjective() {
        // "Thai" is Thailand's adjective, not another name of it: the row removes the
        // generated alias and adds the adjective, and the adjective stays.
        let d = set(&[
            (
                COUNTRIES,
                "iso3\tname\taliases\tadjectives\nTHA\tThailand\tThai\tThai\n",
            ),
            (
                COUNTRIES_EXTRA,
                "iso3\tname\taliases\tadjectives\tpeoples\tremove\nTHA\t\t\tThai\tThais\tThai\n",
            ),
        ]);
        let g = Gazetteer::load(&d).unwrap();
        let c = g.countries.iter().find(|c| c.iso3 == "THA").unwrap();
        assert!(c.aliases.is_empty(), "{:?}", c.aliases);
        assert_eq!(c.adjectives, ["Thai"]);
    }

    #[test]
    fn tenure_follows_the_date() {
        let d = set(&[(
            PEOPLE,
            "name\taliases\tcountry\tsector\trole\tstart\tend\nDonald Trump\tTrump\tUSA\tGOV\tpresident\t2017-01-20\t2021-01-20\nDonald Trump\t\tUSA\tGOV\tpresident\t2025-01-20\t\nDonald Trump\t\tUSA\tBUS\tbusinessman\t\t2017-01-20\n",
        )]);
        let g = Gazetteer::load(&d).unwrap();
        let p = &g.people[0];
        let on = |s: &str| {
            p.tenure_on(Some(s.parse().unwrap()))
                .unwrap()
                .sector
                .clone()
        };
        assert_eq!(on("2018-05-01").as_deref(), Some("GOV"));
        assert_eq!(on("2010-05-01").as_deref(), Some("BUS"));
        assert_eq!(on("2022-05-01").as_deref(), Some("GOV"));
    }

    #[test]
    fn bad_dates_name_the_line() {
        let d = set(&[(PEOPLE, "name\tstart\nX\t2020-13-45\n")]);
        let err = Gazetteer::load(&d).unwrap_err().to_string();
        assert!(err.starts_with("actors/people.tsv:2:"), "{err}");
    }
}
