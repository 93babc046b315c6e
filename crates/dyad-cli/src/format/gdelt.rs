//! GDELT 2.0 event rows: 61 tab-separated columns in GDELT's order ([`COLUMNS`]).
//!
//! Events aggregate over a run as GDELT's do: events with the same (date, Actor1Code,
//! Actor2Code, EventCode) are one row, first seen first, whose `NumMentions` counts every
//! mention, `NumArticles` the distinct documents and `NumSources` the distinct outlets
//! (the document's `source`, else its URL's host, else its id). So rows are written at
//! the end of a run: feed every extraction to a [`GdeltAggregator`], then take
//! [`GdeltAggregator::rows`].
//!
//! Mapping: `ActorNCode` is the country (or `IGO`/`NGO`/... group code) followed by the
//! sector (`RUSGOV`); an organisation's own code (`IGONAT`, `NGOAMN`) becomes its CAMEO
//! code from the organisations table's `cameo` column ([`CameoCodes`]: NATO `IGOWSTNAT`,
//! the UN `IGOUNO`), and `ActorNKnownGroupCode` is CAMEO's known-group part of that code
//! (`NAT`, `UNO`; else dyad's organisation code). `ActorNName` is the actor's words
//! upper-cased, `ActorNType1Code` the sector; only the first actor and first recipient of
//! an event are written. `IsRootEvent`
//! is 1 for events of the lead paragraph. `AvgTone` is 0 (dyad measures no tone). The
//! ActionGeo columns come from the event's `location` (FIPS 10-4 country codes; the
//! FeatureID is the GeoNames id), the actor geo columns are left empty (type 0).

use std::collections::{BTreeSet, HashMap};

use dyad_model::codes::{in_group, organisation_group, organisation_part};
use dyad_model::{ActorRef, Date, Event, Extraction};

use super::fips;

/// The 61 columns of the GDELT 2.0 event table, in order.
pub const COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// Actor codes that name a kind of body rather than a country.
const GROUP_CODES: [&str; 6] = ["IGO", "NGO", "MNC", "IMG", "UAF", "NGM"];

/// CAMEO actor codes of organisations by dyad's actor code (`IGONAT` → `IGOWSTNAT`): the
/// `cameo` column of `actors/organisations.tsv` (`dyad_actors::cameo_codes`).
pub type CameoCodes = HashMap<String, String>;

/// Three-letter parts of a CAMEO code that are not a known group: sectors (role codes),
/// regions and religions (countries are recognised by [`fips_of`]).
const NOT_GROUPS: &[&str] = &[
    // roles and sectors
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL",
    "LEG", "LAB", "HLH", "AGR", "ELI", "REF", "MOD", "RAD", "NGO", "IGO", "IMG", "UAF", "NGM",
    "MNC", "DEV", "ENV", "HRI", "INS", "JRN", "SEP", "SET", // regions
    "AFR", "ASA", "BLK", "BAL", "CAU", "CFR", "CAS", "CEU", "CRB", "EAF", "EEU", "EIN", "EUR",
    "LAM", "MEA", "MDT", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SEA", "SCN", "WAF", "WST",
    "ARB", // religions
    "MOS", "MUS", "CHR", "JEW", "HIN", "BUD", "REL", "SHI", "SUN", "CTH", "PRO", "ORT",
];

/// CAMEO's known-group code inside a CAMEO actor code: its last three-letter part that is
/// neither a country, a region, a religion nor a role (`IGOWSTNAT` → `NAT`,
/// `IGOUNOREFHCR` → `HCR`, `NGOHRIAMN` → `AMN`; `IGOEUR` → none).
pub fn known_group(cameo: &str) -> Option<&str> {
    if cameo.len() < 6 || !cameo.len().is_multiple_of(3) || !cameo.is_ascii() {
        return None;
    }
    (1..cameo.len() / 3)
        .rev()
        .map(|i| &cameo[i * 3..i * 3 + 3])
        .find(|part| !NOT_GROUPS.contains(part) && fips_of(part).is_none())
}

/// `(FIPS 10-4 code, country name)` of an ISO 3166-1 alpha-3 code.
pub fn fips_of(iso3: &str) -> Option<(&'static str, &'static str)> {
    fips::COUNTRIES
        .binary_search_by(|(code, _, _)| (*code).cmp(iso3))
        .ok()
        .and_then(|i| fips::COUNTRIES.get(i))
        .map(|(_, fips, name)| (*fips, *name))
}

/// GDELT's `FractionDate`: year + (month × 30 + day) / 365, four decimals.
pub fn fraction_date(date: Date) -> String {
    let fraction = (f64::from(date.month()) * 30.0 + f64::from(date.day())) / 365.0;
    format!("{:.4}", f64::from(date.year()) + fraction)
}

/// The CAMEO actor code: an organisation's code from `cameo`, else the country or group
/// code followed by the sector (not repeated when it is the group: `IGONAT`, not
/// `IGONATIGO`).
pub fn actor_code(actor: &ActorRef, cameo: &CameoCodes) -> String {
    let code = actor.code.as_deref().unwrap_or_default();
    if let Some(c) = cameo.get(code) {
        return c.clone();
    }
    let sector = actor.sector.as_deref().unwrap_or_default();
    match organisation_group(code) {
        Some(group) if organisation_part(code).is_some() && sector == group => code.to_string(),
        _ => format!("{code}{sector}"),
    }
}

/// Cells cleaned for a tab-separated row: no tabs or line breaks.
fn cell(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == '\t' || c == '\n' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The ten actor columns (Code .. Type3Code) of one actor.
fn actor_columns(actor: Option<&ActorRef>, cameo: &CameoCodes) -> [String; 10] {
    let Some(actor) = actor else {
        return Default::default();
    };
    let code = actor.code.clone().unwrap_or_default();
    let is_group = GROUP_CODES.iter().any(|g| in_group(&code, g));
    let full = actor_code(actor, cameo);
    let known = cameo
        .get(&code)
        .and_then(|c| known_group(c))
        .or_else(|| organisation_part(&code))
        .map(str::to_string);
    [
        full,
        cell(&actor.text.to_uppercase()),
        if is_group {
            String::new()
        } else {
            code.clone()
        },
        match known {
            Some(group) => group,
            None if is_group => code,
            None => String::new(),
        },
        String::new(),
        String::new(),
        String::new(),
        actor.sector.clone().unwrap_or_default(),
        String::new(),
        String::new(),
    ]
}

/// The eight ActionGeo columns of an event.
fn action_geo(event: &Event) -> [String; 8] {
    let Some(loc) = &event.location else {
        let mut empty: [String; 8] = Default::default();
        empty[0] = "0".into();
        return empty;
    };
    let country = loc.country.as_deref().and_then(fips_of);
    let has_point = loc.lat.is_some() && loc.lon.is_some();
    let is_country_level = country.is_some_and(|(_, name)| name.eq_ignore_ascii_case(&loc.name));
    let geo_type = match (has_point, is_country_level, loc.country.as_deref()) {
        (_, true, _) => 1,
        (true, false, Some("USA")) => 3,
        (true, false, _) => 4,
        (false, false, Some(_)) => 1,
        (false, false, None) => 0,
    };
    let full_name = match country {
        Some((_, name)) if !is_country_level => format!("{}, {}", loc.name, name),
        Some((_, name)) if geo_type == 1 && !has_point => name.to_string(),
        _ => loc.name.clone(),
    };
    let number = |x: Option<f64>| x.map(|v| format!("{v:.4}")).unwrap_or_default();
    [
        geo_type.to_string(),
        cell(&full_name),
        country.map(|(f, _)| f.to_string()).unwrap_or_default(),
        String::new(),
        String::new(),
        number(loc.lat),
        number(loc.lon),
        loc.geonameid.map(|g| g.to_string()).unwrap_or_default(),
    ]
}

/// Whether the event's trigger lies in the document's first paragraph.
fn in_lead_paragraph(extraction: &Extraction, event: &Event) -> bool {
    let before = extraction
        .doc
        .text
        .get(..event.trigger.start)
        .unwrap_or_default();
    !before.trim_start().contains("\n\n")
}

/// The outlet of a document, for `NumSources`.
fn outlet(extraction: &Extraction) -> String {
    let doc = &extraction.doc;
    if let Some(source) = &doc.source {
        return source.clone();
    }
    if let Some(url) = &doc.url {
        let rest = url.split("://").nth(1).unwrap_or(url);
        return rest.split('/').next().unwrap_or(rest).to_string();
    }
    doc.id.clone()
}

struct Aggregate {
    row: Vec<String>,
    mentions: usize,
    articles: BTreeSet<String>,
    sources: BTreeSet<String>,
}

/// Collects events over a run and yields aggregated GDELT rows.
pub struct GdeltAggregator {
    date_added: String,
    rows: Vec<Aggregate>,
    index: HashMap<(String, String, String, String), usize>,
    cameo: CameoCodes,
}

impl GdeltAggregator {
    /// `date_added` is the run's `DATEADDED` value (`YYYYMMDDHHMMSS`, UTC).
    pub fn new(date_added: impl Into<String>) -> GdeltAggregator {
        GdeltAggregator {
            date_added: date_added.into(),
            rows: Vec::new(),
            index: HashMap::new(),
            cameo: CameoCodes::new(),
        }
    }

    /// Writes organisations' codes as these CAMEO codes (see [`CameoCodes`]).
    pub fn with_cameo_codes(mut self, cameo: CameoCodes) -> GdeltAggregator {
        self.cameo = cameo;
        self
    }

    /// Adds the events of one document.
    pub fn add(&mut self, extraction: &Extraction) {
        for event in &extraction.events {
            let date = event.date.or(extraction.doc.published);
            let sql_date = date
                .map(|d| d.strftime("%Y%m%d").to_string())
                .unwrap_or_default();
            let actor1 = event.actor.first();
            let actor2 = event.recipient.first();
            let key = (
                sql_date.clone(),
                actor1
                    .map(|a| actor_code(a, &self.cameo))
                    .unwrap_or_default(),
                actor2
                    .map(|a| actor_code(a, &self.cameo))
                    .unwrap_or_default(),
                event.cameo.clone(),
            );
            let i = match self.index.get(&key) {
                Some(i) => *i,
                None => {
                    let row = self.row(extraction, event, date, sql_date);
                    self.rows.push(Aggregate {
                        row,
                        mentions: 0,
                        articles: BTreeSet::new(),
                        sources: BTreeSet::new(),
                    });
                    self.index.insert(key, self.rows.len() - 1);
                    self.rows.len() - 1
                }
            };
            if let Some(agg) = self.rows.get_mut(i) {
                agg.mentions += 1;
                agg.articles.insert(extraction.doc.id.clone());
                agg.sources.insert(outlet(extraction));
            }
        }
    }

    fn row(
        &self,
        extraction: &Extraction,
        event: &Event,
        date: Option<Date>,
        sql_date: String,
    ) -> Vec<String> {
        let id = self.rows.len() + 1;
        let mut row = Vec::with_capacity(COLUMNS.len());
        row.push(id.to_string());
        row.push(sql_date);
        row.push(
            date.map(|d| d.strftime("%Y%m").to_string())
                .unwrap_or_default(),
        );
        row.push(date.map(|d| d.year().to_string()).unwrap_or_default());
        row.push(date.map(fraction_date).unwrap_or_default());
        row.extend(actor_columns(event.actor.first(), &self.cameo));
        row.extend(actor_columns(event.recipient.first(), &self.cameo));
        let cameo = event.cameo.trim();
        row.push(
            if in_lead_paragraph(extraction, event) {
                "1"
            } else {
                "0"
            }
            .into(),
        );
        row.push(cameo.to_string());
        row.push(cameo.chars().take(3).collect());
        row.push(cameo.chars().take(2).collect());
        row.push(event.quad_class.to_string());
        row.push(format!("{:.1}", event.goldstein));
        // NumMentions, NumSources, NumArticles: filled in by `rows`.
        row.extend([String::new(), String::new(), String::new()]);
        row.push("0".into());
        for _ in 0..2 {
            let mut empty: [String; 8] = Default::default();
            empty[0] = "0".into();
            row.extend(empty);
        }
        row.extend(action_geo(event));
        row.push(self.date_added.clone());
        row.push(cell(
            extraction.doc.url.as_deref().unwrap_or(&extraction.doc.id),
        ));
        row
    }

    /// Number of aggregated rows so far.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The rows, first seen first, each with [`COLUMNS`]`.len()` cells.
    pub fn rows(&self) -> Vec<Vec<String>> {
        let position = |name: &str| COLUMNS.iter().position(|c| *c == name).unwrap_or(0);
        let (mentions, sources, articles) = (
            position("NumMentions"),
            position("NumSources"),
            position("NumArticles"),
        );
        self.rows
            .iter()
            .map(|agg| {
                let mut row = agg.row.clone();
                row[mentions] = agg.mentions.to_string();
                row[sources] = agg.sources.len().to_string();
                row[articles] = agg.articles.len().to_string();
                row
            })
            .collect()
    }

    /// Writes every row, tab-separated, one per line.
    pub fn write(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        for row in self.rows() {
            out.write_all(row.join("\t").as_bytes())?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::testing::sample;

    fn column(row: &[String], name: &str) -> String {
        let i = COLUMNS.iter().position(|c| *c == name).unwrap();
        row[i].clone()
    }

    #[test]
    fn rows_have_61_columns_and_gdelt_values() {
        let mut agg = GdeltAggregator::new("20250314120000");
        agg.add(&sample());
        let rows = agg.rows();
        // Event 1 is dated 2024-11-29, event 2 falls back to the publication date.
        assert_eq!(rows.len(), 2);
        let r = &rows[0];
        assert_eq!(r.len(), 61);
        assert_eq!(column(r, "SQLDATE"), "20241129");
        assert_eq!(column(r, "MonthYear"), "202411");
        assert_eq!(column(r, "FractionDate"), "2024.9836");
        assert_eq!(column(r, "Actor1Code"), "RUSGOV");
        assert_eq!(column(r, "Actor1Name"), "ANDREI BELOUSOV");
        assert_eq!(column(r, "Actor1CountryCode"), "RUS");
        assert_eq!(column(r, "Actor2Type1Code"), "GOV");
        assert_eq!(column(r, "EventCode"), "042");
        assert_eq!(column(r, "EventBaseCode"), "042");
        assert_eq!(column(r, "EventRootCode"), "04");
        assert_eq!(column(r, "IsRootEvent"), "1");
        assert_eq!(column(&rows[1], "IsRootEvent"), "0");
        assert_eq!(column(r, "GoldsteinScale"), "1.9");
        assert_eq!(column(r, "ActionGeo_Type"), "4");
        assert_eq!(column(r, "ActionGeo_CountryCode"), "KN");
        assert_eq!(column(r, "ActionGeo_FullName"), "Pyongyang, North Korea");
        assert_eq!(column(r, "ActionGeo_FeatureID"), "1871859");
        assert_eq!(column(r, "DATEADDED"), "20250314120000");
        assert_eq!(column(r, "SOURCEURL"), "https://news.example/a");
        let mut out = Vec::new();
        agg.write(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.lines().all(|l| l.split('\t').count() == 61));
    }

    #[test]
    fn identical_events_aggregate_across_documents() {
        let mut agg = GdeltAggregator::new("20250314120000");
        let first = sample();
        let mut second = sample();
        second.doc.id = "d2".into();
        second.doc.source = Some("another outlet".into());
        let mut third = sample();
        third.doc.id = "d3".into();
        agg.add(&first);
        agg.add(&second);
        agg.add(&third);
        let rows = agg.rows();
        assert_eq!(rows.len(), 2);
        assert_eq!(column(&rows[0], "GLOBALEVENTID"), "1");
        assert_eq!(column(&rows[0], "NumMentions"), "3");
        assert_eq!(column(&rows[0], "NumArticles"), "3");
        assert_eq!(column(&rows[0], "NumSources"), "2");
    }

    #[test]
    fn organisations_write_their_cameo_and_known_group_codes() {
        use dyad_model::testing::named_actor;
        let mut x = sample();
        x.events.truncate(1);
        x.events[0].actor = vec![named_actor("NATO", "IGONAT", "IGO")];
        x.events[0].recipient = vec![named_actor("the European Union", "IGOEEC", "IGO")];
        let mut second = x.events[0].clone();
        second.actor = vec![named_actor("the UN refugee agency", "IGOHCR", "REF")];
        second.recipient = vec![named_actor("Amnesty", "NGOAMN", "HRI")];
        x.events.push(second);
        let cameo = dyad_actors::cameo_codes(&dyad_data::DataSet::embedded()).unwrap();
        assert_eq!(cameo["IGONAT"], "IGOWSTNAT");
        let mut agg = GdeltAggregator::new("20250314120000").with_cameo_codes(cameo);
        agg.add(&x);
        let rows = agg.rows();
        assert_eq!(rows.len(), 2, "NATO>EU and UNHCR>Amnesty stay two rows");
        let r = &rows[0];
        assert_eq!(column(r, "Actor1Code"), "IGOWSTNAT");
        assert_eq!(column(r, "Actor1KnownGroupCode"), "NAT");
        assert_eq!(column(r, "Actor1CountryCode"), "");
        assert_eq!(column(r, "Actor1Name"), "NATO");
        assert_eq!(column(r, "Actor2Code"), "IGOEUREEC");
        assert_eq!(column(r, "Actor2KnownGroupCode"), "EEC");
        assert_eq!(column(&rows[1], "Actor1Code"), "IGOUNOREFHCR");
        assert_eq!(column(&rows[1], "Actor1KnownGroupCode"), "HCR");
        assert_eq!(column(&rows[1], "Actor2Code"), "NGOHRIAMN");
        assert_eq!(column(&rows[1], "Actor2KnownGroupCode"), "AMN");
        // Without the table, the code itself (no repeated group) and its own part.
        let mut plain = GdeltAggregator::new("20250314120000");
        plain.add(&x);
        let r = &plain.rows()[0];
        assert_eq!(column(r, "Actor1Code"), "IGONAT");
        assert_eq!(column(r, "Actor1KnownGroupCode"), "NAT");
        assert_eq!(column(&plain.rows()[1], "Actor1Code"), "IGOHCRREF");
    }

    #[test]
    fn known_groups_skip_regions_roles_and_countries() {
        assert_eq!(known_group("IGOUNO"), Some("UNO"));
        assert_eq!(known_group("IGOWSTNAT"), Some("NAT"));
        assert_eq!(known_group("IGOUNODEVWBK"), Some("WBK"));
        assert_eq!(known_group("IGOUNODEV"), Some("UNO"));
        assert_eq!(known_group("IGOEUR"), None);
        assert_eq!(known_group("NGOUSA"), None);
        assert_eq!(known_group("IGO"), None);
    }

    #[test]
    fn every_fips_entry_is_sorted_for_lookup() {
        assert!(fips::COUNTRIES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(fips_of("DEU"), Some(("GM", "Germany")));
        assert_eq!(fips_of("IGO"), None);
    }
}
